package preview

import (
	"bytes"
	"html/template"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"policysite/internal/policy"
)

// snapshot is what one build left, served until the next build replaces
// it: the site, or the errors that kept it from being built.
type snapshot struct {
	dir   string       // the built site; empty when the build failed
	files http.Handler // serves dir
	// langs are the site's languages, the default first; nil when the
	// config could not be read.
	langs    []policy.Lang
	problems []string // why the build failed, one message each
	note     string   // explains problems that are warnings made errors
	built    time.Time

	refs    int  // requests being served from dir
	retired bool // replaced by a newer build: dir goes once refs is 0
}

// acquire returns the current snapshot, which stays on disk until
// release: a request that began before a rebuild reads the tree it began
// with to the end.
func (s *Server) acquire() *snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur.refs++
	return s.cur
}

func (s *Server) release(snap *snapshot) {
	s.mu.Lock()
	snap.refs--
	gone := snap.retired && snap.refs == 0
	s.mu.Unlock()
	if gone {
		snap.remove()
	}
}

// swap serves snap from now on. The folder it replaces is removed once the
// requests reading it are done.
func (s *Server) swap(snap *snapshot) {
	s.mu.Lock()
	old := s.cur
	s.cur = snap
	gone := false
	if old != nil {
		old.retired = true
		gone = old.refs == 0
	}
	s.mu.Unlock()
	if gone {
		old.remove()
	}
}

func (snap *snapshot) remove() {
	if snap.dir != "" {
		os.RemoveAll(snap.dir)
	}
}

// ServeHTTP serves the current build, or its errors.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The preview changes under the author's hands: the browser must ask
	// again every time.
	w.Header().Set("Cache-Control", "no-store")
	if status, why := s.allowed(r); status != 0 {
		refuse(w, status, why)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.acquire()
	defer s.release(snap)
	p := path.Clean("/" + r.URL.Path)
	switch {
	case snap.dir == "":
		snap.serveProblems(w, r, p)
	case !snap.exists(p):
		snap.notFound(w, r, p)
	default:
		snap.files.ServeHTTP(w, r)
	}
}

// exists reports whether p names a file of the site, or a folder with an
// index.html: any other folder is no page, and a listing of it no part of
// the site.
func (snap *snapshot) exists(p string) bool {
	full := filepath.Join(snap.dir, filepath.FromSlash(p))
	info, err := os.Stat(full)
	if err != nil {
		return false
	}
	if info.IsDir() {
		info, err = os.Stat(filepath.Join(full, "index.html"))
		if err != nil {
			return false
		}
	}
	return info.Mode().IsRegular()
}

// lang is the language of the page at p: its first segment when that is a
// language of the site, else the site's default, else "".
func (snap *snapshot) lang(p string) policy.Lang {
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if slices.Contains(snap.langs, policy.Lang(seg)) {
		return policy.Lang(seg)
	}
	if len(snap.langs) > 0 {
		return snap.langs[0]
	}
	return ""
}

// notFound serves the site's 404 page in the language of p, with status
// 404, as a static host would.
func (snap *snapshot) notFound(w http.ResponseWriter, r *http.Request, p string) {
	var pages []string
	if l := snap.lang(p); l != "" {
		pages = append(pages, filepath.Join(string(l), "404.html"))
	}
	pages = append(pages, "404.html")
	for _, name := range pages {
		data, err := os.ReadFile(filepath.Join(snap.dir, name))
		if err != nil {
			continue
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.NotFound(w, r)
}

// problemText is the error page's wording in one language.
type problemText struct{ title, lead, when string }

// problemTexts are the error page's languages. It is a tool for authors
// rather than a page of the site, so its few words live here rather than
// in every site's i18n files; other languages get English.
var problemTexts = map[policy.Lang]problemText{
	"en": {
		title: "The site did not build",
		lead:  "The last build failed, so the preview shows its errors instead of an earlier version of the site. Fix them and save the file: the site is built again by itself; then reload this page.",
		when:  "Build ended at 15:04:05.",
	},
	"ru": {
		title: "Сайт не собран",
		lead:  "Последняя сборка не удалась, поэтому предпросмотр показывает её ошибки, а не прежнюю версию сайта. Исправьте их и сохраните файл: сайт соберётся заново сам, затем обновите страницу.",
		when:  "Сборка завершилась в 15:04:05.",
	},
}

var problemPage = template.Must(template.New("problems").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1 { color: #a40000; font-size: 1.5rem; }
li { font-family: ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; margin: .5rem 0; }
@media (prefers-color-scheme: dark) { body { color: #eee; background: #1a1a1a; } h1 { color: #ff8a8a; } }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Lead}}</p>
<ol>
{{range .Problems}}<li>{{.}}</li>
{{end}}</ol>
{{with .Note}}<p>{{.}}</p>
{{end}}<p><small>{{.When}}</small></p>
</main>
</body>
</html>
`))

// serveProblems answers every path with the build's errors and status 500:
// HTML for pages, plain text for the rest (JSON, feeds, CSS).
func (snap *snapshot) serveProblems(w http.ResponseWriter, r *http.Request, p string) {
	lang := snap.lang(p)
	text, ok := problemTexts[lang]
	if !ok {
		lang, text = "en", problemTexts["en"]
	}
	var body bytes.Buffer
	if ext := path.Ext(p); ext == "" || ext == ".html" || ext == ".htm" {
		err := problemPage.Execute(&body, map[string]any{
			"Lang": lang, "Title": text.title, "Lead": text.lead,
			"Problems": snap.problems, "Note": snap.note, "When": snap.built.Format(text.when),
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// The page's one style sheet is inline; it loads nothing else.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	} else {
		body.WriteString(problemTexts["en"].title + ":\n\n")
		for _, p := range snap.problems {
			body.WriteString(p + "\n")
		}
		if snap.note != "" {
			body.WriteString("\n" + snap.note + "\n")
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(body.Bytes())
	}
}
