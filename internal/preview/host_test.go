package preview

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// send makes a request to the preview with the given Host and headers,
// whatever address it connects to.
func (p *preview) send(t *testing.T, method, path, host string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, p.URL()+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s (Host %s): %v", method, path, host, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(body)}
}

func (p *preview) port(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(p.URL())
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}

// foreignHosts are Host values of requests that reached the preview's
// port but were not meant for it, as after DNS rebinding.
func foreignHosts(port string) []string {
	return []string{
		"attacker.example:" + port,
		"attacker.example",
		"127.0.0.1",                // no port
		"127.0.0.1:1",              // another port
		"localhost:" + port + "0",  // another port
		"localhost.:" + port,       // another name
		"127.0.0.1.nip.io:" + port, // a name that resolves to loopback
		"0.0.0.0:" + port,
	}
}

// refused checks that r is a refusal that shows nothing of the site.
func refused(t *testing.T, what string, r response, leaks ...string) {
	t.Helper()
	if r.status != http.StatusMisdirectedRequest && r.status != http.StatusForbidden {
		t.Errorf("%s: status %d, want 421 or 403", what, r.status)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("%s: Content-Type %q, want plain text", what, ct)
	}
	for _, leak := range leaks {
		if strings.Contains(r.body, leak) {
			t.Errorf("%s: the answer shows %q: %s", what, leak, abbrev(r.body))
		}
	}
}

// TestForeignHostIsRefused: a request whose Host is not an address the
// preview serves gets no page, no document and no build error, while the
// usual addresses get the site.
func TestForeignHostIsRefused(t *testing.T) {
	root := repo(t, siteFiles+firstEdition)
	p := start(t, root, Options{Now: now})
	p.serves(t, "/ru/terms/", 200, "Первоначальный текст условий.")
	port := p.port(t)

	for _, host := range []string{
		"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port,
	} {
		for _, path := range []string{"/ru/terms/", "/policies.json"} {
			if r := p.send(t, http.MethodGet, path, host, nil); r.status != http.StatusOK {
				t.Errorf("GET %s with Host %s: status %d, want 200", path, host, r.status)
			}
		}
	}
	for _, host := range foreignHosts(port) {
		for _, path := range []string{"/ru/terms/", "/policies.json", "/nope"} {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				r := p.send(t, method, path, host, nil)
				refused(t, method+" "+path+" with Host "+host, r, "Первоначальный", "terms", "<html")
			}
		}
	}
}

// TestForeignHostSeesNoBuildError: the errors of a failed build, which
// quote the sources, are refused to a foreign Host too.
func TestForeignHostSeesNoBuildError(t *testing.T) {
	root := repo(t, siteFiles+"-- versions/terms/2024-01-10.ru.md --\n---\ntitle: T\n\nSecret draft text\n")
	p := start(t, root, Options{Now: now})
	p.serves(t, "/ru/terms/", 500, "never closed")
	p.serves(t, "/policies.json", 500, "never closed")
	for _, host := range foreignHosts(p.port(t)) {
		for _, path := range []string{"/ru/terms/", "/policies.json"} {
			r := p.send(t, http.MethodGet, path, host, nil)
			refused(t, "GET "+path+" with Host "+host, r, "never closed", "versions/", "did not build")
		}
	}
}

// TestForeignOrigin: a request other than GET or HEAD that names a foreign
// origin is refused, even with the preview's own Host; the preview's own
// origin reaches the usual answer.
func TestForeignOrigin(t *testing.T) {
	root := repo(t, siteFiles+firstEdition)
	p := start(t, root, Options{Now: now})
	p.serves(t, "/ru/terms/", 200)
	port := p.port(t)
	host := "127.0.0.1:" + port

	for _, origin := range []string{
		"http://attacker.example",
		"http://attacker.example:" + port,
		"https://127.0.0.1:" + port,
		"http://127.0.0.1:1",
		"null",
	} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
			r := p.send(t, method, "/ru/terms/", host, map[string]string{"Origin": origin})
			if r.status != http.StatusForbidden {
				t.Errorf("%s with Origin %s: status %d, want 403", method, origin, r.status)
			}
		}
	}
	for _, origin := range []string{"", "http://" + host, "http://localhost:" + port, "http://[::1]:" + port} {
		r := p.send(t, http.MethodPost, "/ru/terms/", host, map[string]string{"Origin": origin})
		if r.status != http.StatusMethodNotAllowed {
			t.Errorf("POST with Origin %q: status %d, want 405", origin, r.status)
		}
	}
	// A GET carries no change, and a browser sends Origin with some: the
	// Host check alone decides.
	r := p.send(t, http.MethodGet, "/ru/terms/", host, map[string]string{"Origin": "http://attacker.example"})
	if r.status != http.StatusOK {
		t.Errorf("GET with a foreign Origin: status %d, want 200", r.status)
	}
}

// TestServedHosts: the hosts come from the listener and the port, so a
// preview on localhost or on ::1 answers to every loopback name.
func TestServedHosts(t *testing.T) {
	tests := []struct {
		ln      *net.TCPAddr
		urlHost string
		want    []string
		not     []string
	}{
		{
			ln: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, urlHost: "localhost:8080",
			want: []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"},
			not:  []string{"localhost", "localhost:8081", "example.com:8080"},
		},
		{
			ln: &net.TCPAddr{IP: net.IPv4(127, 1, 2, 3), Port: 9000}, urlHost: "127.1.2.3:9000",
			want: []string{"127.1.2.3:9000", "127.0.0.1:9000", "localhost:9000"},
			not:  []string{"127.1.2.3:9001", "127.0.0.2:9000"},
		},
		{
			ln: &net.TCPAddr{IP: net.IPv6loopback, Port: 80}, urlHost: "[::1]:80",
			want: []string{"[::1]:80", "127.0.0.1:80", "localhost:80"},
			not:  []string{"::1:80", "[::1]", "localhost"},
		},
	}
	for _, tc := range tests {
		hosts := servedHosts(tc.ln, tc.urlHost)
		for _, h := range tc.want {
			if !hosts[h] {
				t.Errorf("servedHosts(%s) lacks %s", tc.ln, h)
			}
		}
		for _, h := range tc.not {
			if hosts[h] {
				t.Errorf("servedHosts(%s) has %s", tc.ln, h)
			}
		}
	}
}
