package preview

import (
	"net"
	"net/http"
	"strconv"
	"strings"
)

// servedHosts are the Host values a request to the preview may carry: the
// listener's own address and the loopback names of its port, lower-cased.
// Any other name reached this computer by a trick, such as DNS rebinding,
// that would let a web page the author visits read unpublished drafts.
func servedHosts(ln net.Addr, urlHost string) map[string]bool {
	hosts := map[string]bool{strings.ToLower(urlHost): true}
	tcp, ok := ln.(*net.TCPAddr)
	if !ok {
		return hosts
	}
	port := strconv.Itoa(tcp.Port)
	hosts[strings.ToLower(net.JoinHostPort(tcp.IP.String(), port))] = true
	for _, name := range []string{"127.0.0.1", "::1", "localhost"} {
		hosts[net.JoinHostPort(name, port)] = true
	}
	return hosts
}

// allowed reports whether r was meant for this preview: its Host is one
// the preview serves, and a request that could change state comes, when
// it names an origin, from the preview's own pages. The second status is
// the answer to give when it was not.
func (s *Server) allowed(r *http.Request) (int, string) {
	host := strings.ToLower(r.Host)
	if !s.hosts[host] {
		return http.StatusMisdirectedRequest, "this server answers only to the addresses of the preview on this computer, such as " + s.url
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return 0, ""
	}
	if origin := r.Header.Get("Origin"); origin != "" && !s.ownOrigin(origin) {
		return http.StatusForbidden, "requests from other sites are refused"
	}
	return 0, ""
}

// ownOrigin reports whether origin is http://host for a host the preview
// serves.
func (s *Server) ownOrigin(origin string) bool {
	host, ok := strings.CutPrefix(strings.ToLower(origin), "http://")
	return ok && s.hosts[host]
}

// refuse answers a request not meant for the preview with a short plain
// text, and nothing of the site.
func refuse(w http.ResponseWriter, status int, why string) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.Error(w, why, status)
}
