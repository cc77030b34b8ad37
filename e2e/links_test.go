package e2e

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// refAttrs are the attributes that hold an address, by element.
var refAttrs = map[string][]string{
	"a":      {"href"},
	"area":   {"href"},
	"link":   {"href"},
	"base":   {"href"},
	"script": {"src"},
	"img":    {"src"},
	"iframe": {"src"},
	"source": {"src"},
	"track":  {"src"},
	"audio":  {"src"},
	"video":  {"src", "poster"},
	"embed":  {"src"},
	"object": {"data"},
	"form":   {"action"},
}

// ref is one address in a page.
type ref struct {
	tag, attr, value string
}

// pageRefs returns every address in a parsed page, with the ids its
// elements have. A meta refresh counts as an address too.
func pageRefs(doc *html.Node) (refs []ref, ids map[string]bool) {
	ids = map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Namespace != "" {
					continue
				}
				if a.Key == "id" || n.Data == "a" && a.Key == "name" {
					ids[a.Val] = true
				}
				for _, want := range refAttrs[n.Data] {
					if a.Key == want {
						refs = append(refs, ref{n.Data, a.Key, a.Val})
					}
				}
			}
			if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
				c := attr(n, "content")
				if i := strings.Index(strings.ToLower(c), "url="); i >= 0 {
					refs = append(refs, ref{"meta", "content", strings.Trim(c[i+4:], `'" `)})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return refs, ids
}

// attr returns the value of an element's attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestInternalLinksResolve checks every address in every page of the built
// site that leads into the site (relative, or absolute with the site's
// origin): it must name a file of the output (a folder means its
// index.html), and its #fragment, if any, an id of that page. External
// addresses (another host, mailto:, data:) are not followed.
func TestInternalLinksResolve(t *testing.T) {
	s := sampleSite(t)
	base, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		refs []ref
		ids  map[string]bool
	}
	parsed := map[string]*page{}
	parse := func(file string) (*page, error) {
		if p, ok := parsed[file]; ok {
			return p, nil
		}
		f, err := os.Open(filepath.Join(s.dir, filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return nil, err
		}
		p := &page{}
		p.refs, p.ids = pageRefs(doc)
		parsed[file] = p
		return p, nil
	}
	ids := func(file string) (map[string]bool, error) {
		p, err := parse(file)
		if err != nil {
			return nil, err
		}
		return p.ids, nil
	}

	var broken []string
	checked := 0
	for _, file := range s.htmlFiles(t) {
		p, err := parse(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		// The address the page is served at: a folder's index.html is
		// its folder, so relative links resolve as in a browser.
		pagePath := "/" + strings.TrimSuffix(file, "index.html")
		pageURL := base.ResolveReference(&url.URL{Path: pagePath})
		for _, r := range p.refs {
			if r.tag == "base" {
				broken = append(broken, fmt.Sprintf("%s: <base href=%q>: the link check resolves addresses without <base>; teach it", file, r.value))
				continue
			}
			u, err := pageURL.Parse(strings.TrimSpace(r.value))
			if err != nil {
				broken = append(broken, fmt.Sprintf("%s: <%s %s=%q>: %v", file, r.tag, r.attr, r.value, err))
				continue
			}
			if (u.Scheme != "http" && u.Scheme != "https") || u.Host != base.Host {
				continue // another site, or mailto:, tel:, data:
			}
			checked++
			if msg := s.resolve(u, base, ids); msg != "" {
				broken = append(broken, fmt.Sprintf("%s: <%s %s=%q>: %s", file, r.tag, r.attr, r.value, msg))
			}
		}
	}
	if checked == 0 {
		t.Fatal("no internal address found: the link check looks at nothing")
	}
	if len(broken) > 0 {
		t.Errorf("%d broken internal address(es):\n%s", len(broken), strings.Join(broken, "\n"))
	}
	t.Logf("checked %d internal addresses in %d pages", checked, len(parsed))
}

// resolve returns why an internal address does not lead to a file of the
// output and, for a fragment, to an element of that page; "" when it does.
func (s *builtSite) resolve(u, base *url.URL, ids func(file string) (map[string]bool, error)) string {
	if !strings.HasPrefix(u.Path, base.Path) {
		return fmt.Sprintf("outside the site's base path %s", base.Path)
	}
	rel := path.Clean("/" + strings.TrimPrefix(u.Path, base.Path))[1:]
	file := rel
	if strings.HasSuffix(u.Path, "/") || rel == "" {
		file = path.Join(rel, "index.html")
	}
	info, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(file)))
	if err == nil && info.IsDir() {
		file = path.Join(file, "index.html")
		_, err = os.Stat(filepath.Join(s.dir, filepath.FromSlash(file)))
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("no file %s in the output", file)
	}
	if err != nil {
		return err.Error()
	}
	if u.Fragment == "" || strings.EqualFold(u.Fragment, "top") {
		return ""
	}
	if !strings.HasSuffix(file, ".html") {
		return fmt.Sprintf("#%s in %s, which is not a page", u.Fragment, file)
	}
	has, err := ids(file)
	if err != nil {
		return err.Error()
	}
	if !has[u.Fragment] {
		return fmt.Sprintf("no id %q in %s", u.Fragment, file)
	}
	return ""
}
