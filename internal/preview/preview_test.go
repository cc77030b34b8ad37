package preview

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPreviewFollowsTheSources: the preview serves the site, rebuilds it
// all (pages, redlines, JSON) when an edition is added, serves the errors
// while a source is broken, the site again once it is fixed, and leaves
// nothing behind when stopped.
func TestPreviewFollowsTheSources(t *testing.T) {
	root := repo(t, siteFiles+firstEdition)
	p := start(t, root, Options{Now: now})

	r := p.serves(t, "/ru/terms/", 200, "Первоначальный текст условий.")
	if got := r.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}
	if want := "Serving the site at " + p.URL() + "ru/ — rebuilding when sources change; Ctrl-C to stop.\n"; p.stdout.String() != want {
		t.Errorf("stdout = %q, want %q", p.stdout, want)
	}
	if p.stderr.String() != "" {
		t.Errorf("stderr = %q, want nothing", p.stderr)
	}
	// Absolute links point at the preview, not at a deployed site.
	if !strings.Contains(r.body, `href="`+p.URL()+`en/terms/"`) {
		t.Errorf("the page does not link %sen/terms/", p.URL())
	}
	p.serves(t, "/ru/nope/", 404, `lang="ru"`, "Страница не найдена")
	p.serves(t, "/en/nope", 404, `lang="en"`, "Page not found")
	p.serves(t, "/nope.json", 404, `lang="ru"`)
	p.serves(t, "/css/", 404) // a folder without index.html is no page

	write(t, root, edition("versions/terms/2024-05-20.ru.md", "Условия", "Новый текст условий.")+
		edition("versions/terms/2024-05-20.en.md", "Terms", "The new text of the terms."))
	p.serves(t, "/ru/terms/", 200, "Новый текст условий.")
	p.serves(t, "/ru/terms/2024-05-20/changes/", 200, "Новый")
	p.serves(t, "/ru/terms/2024-05-20/changes.json", 200, `"ops"`)
	p.serves(t, "/policies.json", 200, `"2024-05-20"`)
	if !strings.Contains(p.stdout.String(), "\nRebuilt in ") {
		t.Errorf("stdout does not say it rebuilt: %q", p.stdout)
	}

	// Break an edition, and add a policy folder whose name is markup: the
	// page lists both errors, escaped.
	write(t, root, "-- versions/terms/2024-05-20.ru.md --\n---\ntitle: Условия\n\nТекст\n"+
		"-- versions/<b>bold/2024-01-10.ru.md --\n---\ntitle: T\n---\nТекст\n")
	r = p.serves(t, "/ru/terms/", 500,
		"versions/terms/2024-05-20.ru.md:1: front matter opened here is never closed",
		"versions/&lt;b&gt;bold", `lang="ru"`, "Сайт не собран")
	if strings.Contains(r.body, "<b>") {
		t.Errorf("the error page does not escape a file name:\n%s", r.body)
	}
	if got := r.header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	// Every page is the error page, and no data passes for current either.
	p.serves(t, "/en/terms/2024-01-10/", 500, `lang="en"`, "The site did not build", "never closed")
	p.serves(t, "/", 500, `lang="ru"`, "never closed")
	r = p.serves(t, "/policies.json", 500, "versions/terms/2024-05-20.ru.md:1: front matter opened here is never closed")
	if got := r.header.Get("Content-Type"); got != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	eventually(t, "stdout says the build failed", func() (bool, string) {
		out := p.stdout.String()
		return strings.Contains(out, "\nBuild failed: 2 error(s); the preview shows them\n"), out
	})
	if !strings.Contains(p.stderr.String(), "versions/terms/2024-05-20.ru.md:1: front matter opened here is never closed") {
		t.Errorf("stderr does not list the error: %q", p.stderr)
	}

	if err := os.RemoveAll(filepath.Join(root, "versions", "<b>bold")); err != nil {
		t.Fatal(err)
	}
	write(t, root, edition("versions/terms/2024-05-20.ru.md", "Условия", "Исправленный текст условий."))
	p.serves(t, "/ru/terms/", 200, "Исправленный текст условий.")
	p.serves(t, "/policies.json", 200, `"2024-05-20"`)

	p.stopsCleanly(t)
	if entries, _ := os.ReadDir(root); len(entries) != 6 {
		t.Errorf("the repository has %d entries, want its 6: the preview writes nothing into it", len(entries))
	}
}

// stopsCleanly cancels the preview and checks that it stops without an
// error, removes the builds it made and no longer answers.
func (p *preview) stopsCleanly(t *testing.T) {
	t.Helper()
	p.cancel()
	done := make(chan error, 1)
	go func() { done <- p.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Wait = %v, want nil after a cancel", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the preview did not stop")
	}
	if entries, _ := os.ReadDir(p.tmp); len(entries) > 0 {
		t.Errorf("the preview left %s behind", entries[0].Name())
	}
	if _, err := client.Get(p.URL()); err == nil {
		t.Error("the server still answers after a cancel")
	}
}

// TestErrorPage: a repository broken from the start is previewed too, its
// errors in the site's default language, or in English when even the
// config is broken.
func TestErrorPage(t *testing.T) {
	tests := []struct {
		name  string
		files string
		path  string
		want  []string
	}{
		{
			name:  "front matter never closed",
			files: siteFiles + "-- versions/terms/2024-01-10.ru.md --\n---\ntitle: T\n\nText\n",
			path:  "/ru/terms/",
			want:  []string{`lang="ru"`, "<li>versions/terms/2024-01-10.ru.md:1: front matter opened here is never closed: add a line &#34;---&#34; after it</li>"},
		},
		{
			name:  "English page of a Russian site",
			files: siteFiles + "-- versions/terms/2024-01-10.ru.md --\n---\ntitle: T\n\nText\n",
			path:  "/en/",
			want:  []string{`lang="en"`, "The site did not build"},
		},
		{
			name:  "broken config",
			files: strings.Replace(siteFiles, `time_zone = "Europe/Moscow"`, `time_zone = "Mars/Olympus"`, 1) + firstEdition,
			path:  "/ru/",
			want:  []string{`lang="en"`, "The site did not build", "policysite.toml"},
		},
		{
			name:  "broken template",
			files: siteFiles + firstEdition + "-- layouts/home.html --\n{{ define \"main\" }}{{ .Nope.Nope }}{{ end }}\n",
			path:  "/ru/",
			want:  []string{`lang="ru"`, "layouts/home.html"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := repo(t, "")
			write(t, root, tc.files) // over the copied layouts
			p := start(t, root, Options{Now: now})
			p.serves(t, tc.path, 500, tc.want...)
			if !strings.HasPrefix(p.stdout.String(), "Build failed: ") {
				t.Errorf("stdout = %q, want the failed build first", p.stdout)
			}
		})
	}
}

// TestStrict: an edition that says nothing about changes warns; --strict
// makes the warning an error that the preview shows.
func TestStrict(t *testing.T) {
	silent := "-- versions/terms/2024-01-10.ru.md --\n---\ntitle: Условия\n---\n## 1. Общие положения\n\n1.1. Текст.\n"
	for _, strict := range []bool{false, true} {
		t.Run(map[bool]string{false: "lenient", true: "strict"}[strict], func(t *testing.T) {
			root := repo(t, siteFiles+silent)
			p := start(t, root, Options{Now: now, Strict: strict})
			warning := "versions/terms/2024-01-10.ru.md: the edition says nothing about how the policy changes"
			if !strict {
				p.serves(t, "/ru/terms/", 200, "Текст.")
				if !strings.Contains(p.stderr.String(), "versions/terms/2024-01-10.ru.md: warning: the edition says nothing") {
					t.Errorf("stderr = %q, want the warning", p.stderr)
				}
				return
			}
			p.serves(t, "/ru/terms/", 500, warning, "--strict makes warnings errors")
			if !strings.HasPrefix(p.stdout.String(), "Build failed: 1 error(s); the preview shows them\n") {
				t.Errorf("stdout = %q", p.stdout)
			}
		})
	}
}

// TestNewFolders: folders made after the preview started are watched too,
// and so is policysite.toml.
func TestNewFolders(t *testing.T) {
	root := repo(t, siteFiles+firstEdition)
	p := start(t, root, Options{Now: now})
	p.serves(t, "/ru/", 200)

	write(t, root, edition("versions/privacy/2024-02-01.ru.md", "Политика", "Текст политики."))
	p.serves(t, "/ru/privacy/", 200, "Текст политики.")
	// A file in a folder in a new folder: it was made before the preview
	// could watch the folder.
	write(t, root, "-- static/a/b/c.txt --\nstatic file\n")
	p.serves(t, "/a/b/c.txt", 200, "static file")
	write(t, root, "-- static/a/b/d.txt --\nanother\n")
	p.serves(t, "/a/b/d.txt", 200, "another")

	data, err := os.ReadFile(filepath.Join(root, "policysite.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "-- policysite.toml --\n"+strings.Replace(string(data), `title = "Documents"`, `title = "Legal documents"`, 1))
	p.serves(t, "/en/", 200, "Legal documents")
}

// TestRebuildWhenDue: with the clock's now, the preview builds again by
// itself when an upcoming edition is posted.
func TestRebuildWhenDue(t *testing.T) {
	posted := time.Date(2024, 5, 20, 10, 0, 0, 0, time.UTC)
	root := repo(t, siteFiles+firstEdition+
		strings.Replace(edition("versions/terms/2024-05-20.ru.md", "Условия", "Новый текст условий."), "title: Условия\n", "title: Условия\nposted: 2024-05-20T10:00:00Z\n", 1))
	began := time.Now()
	clock := func() time.Time { return posted.Add(-2 * time.Second).Add(time.Since(began)) }
	p := start(t, root, Options{clock: clock})
	// The edition not yet posted shows under its banner, unless the
	// machine is so slow that the moment has already come, in which case
	// the preview said it rebuilt before serving the new build.
	if r := p.get(t, "/ru/terms/2024-05-20/"); !strings.Contains(r.body, "notice-unpublished") && !strings.Contains(p.stdout.String(), "Rebuilt in") {
		t.Errorf("an edition not yet posted: status %d, without its banner", r.status)
	}
	p.serves(t, "/ru/terms/", 200, "Новый текст условий.")
	if !strings.Contains(p.stdout.String(), "\nRebuilt in ") {
		t.Errorf("stdout = %q", p.stdout)
	}
	if r := p.serves(t, "/ru/terms/2024-05-20/", 200); strings.Contains(r.body, "notice-unpublished") {
		t.Error("the edition, posted now, still shows the banner of an edition not yet posted")
	}
}

// TestNoHalfWrittenTree: requests during rebuilds always get a whole page
// of one build or the other.
func TestNoHalfWrittenTree(t *testing.T) {
	root := repo(t, siteFiles+firstEdition)
	p := start(t, root, Options{Now: now})
	p.serves(t, "/ru/terms/", 200)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	for _, path := range []string{"/ru/terms/", "/en/", "/policies.json", "/ru/terms/2024-01-10/index.json"} {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				r := p.get(t, path)
				whole := strings.Contains(r.body, "</html>")
				if strings.HasSuffix(path, ".json") {
					whole = json.Valid([]byte(r.body))
				}
				if r.status != 200 || !whole {
					mu.Lock()
					bad = append(bad, path+": "+http.StatusText(r.status)+": "+abbrev(r.body))
					mu.Unlock()
				}
			}
		})
	}
	for i := range 5 {
		write(t, root, "-- content/_index.en.md --\n---\ntitle: Documents\n---\nRevision "+string(rune('A'+i))+".\n")
		p.serves(t, "/en/", 200, "Revision "+string(rune('A'+i)))
	}
	close(stop)
	wg.Wait()
	for _, b := range bad {
		t.Error(b)
	}
}
func TestRefusesNonLoopback(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1:0", true},
		{"127.1.2.3:8080", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{"0.0.0.0:8080", false},
		{":8080", false},
		{"[::]:8080", false},
		{"192.0.2.1:8080", false},
		{"example.com:8080", false},
		{"127.0.0.1", false},
		{"127.0.0.1:http", false},
		{"127.0.0.1:70000", false},
	}
	for _, tc := range tests {
		err := CheckAddr(tc.addr)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q) = %v, want ok %v", tc.addr, err, tc.ok)
		}
		if tc.ok {
			continue
		}
		tmp := t.TempDir()
		_, err = Start(context.Background(), Options{Source: t.TempDir(), Addr: tc.addr, TempDir: tmp})
		if err == nil {
			t.Fatalf("Start on %q succeeded", tc.addr)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("Start on %q left %s", tc.addr, entries[0].Name())
		}
	}
	if err := CheckAddr("0.0.0.0:8080"); !errors.Is(err, errNotLoopback) {
		t.Errorf("CheckAddr(0.0.0.0:8080) = %v", err)
	}
}
