package site_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"policysite/internal/plaintext"
	"policysite/internal/sanitize"
	"policysite/internal/testfs"
)

// shared is ../shared beside the repository: real policies, for tests
// that skip when it is absent.
const shared = "../../../shared"

// realPolicy is the latest edition of a real policy, as an edition of the
// test's site.
type realPolicy struct {
	name, slug, lang string
	body             []byte
}

// gitHistoryFiles are the files of the git bundles of
// ../shared/corpus/git-histories (its README lists them).
var gitHistoryFiles = []struct{ bundle, path, lang string }{
	{"ota", "LiveJournal/Terms of Service.md", "en"},
	{"ota", "Telegram/Privacy Policy.md", "en"},
	{"ota", "Spotify/Terms of Service.md", "en"},
	{"ota", "Discord/Terms of Service.md", "en"},
	{"github", "Policies/acceptable-use-policies/github-acceptable-use-policies.md", "en"},
	{"github", "Policies/github-terms/github-corporate-terms-of-service.md", "en"},
	{"mozilla", "ru/websites_tou.md", "ru"},
	{"mozilla", "en/websites_tou.md", "en"},
}

// realPolicies reads the latest edition of every real policy beside the
// repository: each file of the git bundles (cloned, when git is there),
// the last edition of each folder of ../shared/corpus, and each seed. It
// skips the test when ../shared is absent.
func realPolicies(t *testing.T) []realPolicy {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("skipped: %s is not beside the repository (%v); this test reads its real policies", shared, err)
	}
	var out []realPolicy
	add := func(name, lang string, data []byte) {
		out = append(out, realPolicy{name: name, slug: "real-" + string(rune('a'+len(out)/26)) + string(rune('a'+len(out)%26)), lang: lang, body: editionBody(data)})
	}
	if _, err := exec.LookPath("git"); err == nil {
		clones := map[string]string{}
		for _, f := range gitHistoryFiles {
			if clones[f.bundle] == "" {
				clones[f.bundle] = filepath.Join(t.TempDir(), f.bundle)
				bundle := filepath.Join(shared, "corpus/git-histories", f.bundle+".bundle")
				if out, err := exec.Command("git", "clone", "-q", bundle, clones[f.bundle], "-b", "main").CombinedOutput(); err != nil {
					t.Fatalf("clone %s: %v\n%s", bundle, err, out)
				}
			}
			data, err := os.ReadFile(filepath.Join(clones[f.bundle], f.path))
			if err != nil {
				t.Fatal(err)
			}
			add(f.bundle+":"+f.path, f.lang, data)
		}
	} else {
		t.Log("git is not installed: the bundles of corpus/git-histories are left out")
	}
	orders, _ := filepath.Glob(filepath.Join(shared, "corpus/*/*/ORDER.txt"))
	for _, o := range orders {
		data, err := os.ReadFile(o)
		if err != nil {
			t.Fatal(err)
		}
		names := strings.Fields(string(data))
		last := filepath.Join(filepath.Dir(o), names[len(names)-1])
		ed, err := os.ReadFile(last)
		if err != nil {
			t.Fatal(err)
		}
		lang := "en"
		if filepath.Base(filepath.Dir(o)) == "ru" {
			lang = "ru"
		}
		add(strings.TrimPrefix(last, shared+"/"), lang, ed)
	}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seeds/*"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		lang := "en"
		if bytes.ContainsAny(data, "абвгдеж") {
			lang = "ru"
		}
		add(strings.TrimPrefix(s, shared+"/"), lang, data)
	}
	return out
}

// editionBody is a real file's text without its BOM and front matter.
func editionBody(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	norm := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if bytes.HasPrefix(norm, []byte("---\n")) {
		if i := bytes.Index(norm[4:], []byte("\n---\n")); i >= 0 {
			return norm[4+i+5:]
		}
	}
	return data
}

// TestRealPoliciesShowTheirTables builds the latest edition of every real
// policy and holds their pages to the bar: no raw HTML omitted,
// the text of every table cell on the page and in text.txt, no Kramdown
// attribute list shown as text. It logs how many pieces of raw HTML were
// found, kept as written and changed by the sanitiser.
func TestRealPoliciesShowTheirTables(t *testing.T) {
	pols := realPolicies(t)
	root := fixture(t)
	for _, p := range pols {
		testfs.WriteFile(t, filepath.Join(root, "versions", p.slug, "2024-01-10."+p.lang+".md"),
			append([]byte("---\ntitle: "+p.slug+"\n---\n"), p.body...))
	}
	out, res := build(t, root)
	for _, m := range res.Messages {
		if strings.Contains(m.Text, "Raw HTML omitted") {
			t.Errorf("message: %s", m.Text)
		}
	}
	var total counts
	for _, p := range pols {
		c := countHTML(string(p.body))
		total.add(c)
		if c.found > 0 {
			t.Logf("%s: %d pieces of raw HTML, %d kept as written, %d changed; %d table cells", p.name, c.found, c.kept, c.changed, len(c.cells))
		}
		dir := p.lang + "/" + p.slug + "/2024-01-10/"
		// Compared without spaces: the page parts words at every tag,
		// the text only at a block's (a cell's text is "m2" for m<sup>2</sup>).
		page := pageText(read(t, out, dir+"index.html"))
		text := noSpace(read(t, out, dir+"text.txt"))
		for _, cell := range c.cells {
			if !strings.Contains(noSpace(page), noSpace(cell)) {
				t.Errorf("%s: the page lacks the cell %q", p.name, cell)
			}
			if !strings.Contains(text, noSpace(cell)) {
				t.Errorf("%s: text.txt lacks the cell %q", p.name, cell)
			}
		}
		if strings.Contains(page, "{:") {
			t.Errorf("%s: the page shows a Kramdown attribute list", p.name)
		}
	}
	t.Logf("in all: %d pieces of raw HTML, %d kept as written, %d changed; %d table cells", total.found, total.kept, total.changed, len(total.cells))
}

// counts are what countHTML found.
type counts struct {
	found, kept, changed int
	cells                []string
}

func (c *counts) add(o counts) {
	c.found += o.found
	c.kept += o.kept
	c.changed += o.changed
	c.cells = append(c.cells, o.cells...)
}

// countHTML counts the raw HTML of a body as the renderer reads it, and
// lists the text of its table cells.
func countHTML(body string) counts {
	var c counts
	m := plaintext.FindMarkup(body)
	raw := make([]string, len(m.HTML))
	for i, h := range m.HTML {
		raw[i] = h.Raw
	}
	clean, removed := sanitize.Pieces(raw)
	changed := map[int]bool{}
	for _, r := range removed {
		changed[r.Piece] = true
	}
	c.found, c.changed = len(raw), len(changed)
	c.kept = c.found - c.changed
	for _, s := range clean {
		var cell *strings.Builder
		for _, tk := range sanitize.Tokens(s) {
			switch {
			case tk.Kind == sanitize.Start && (tk.Tag == "td" || tk.Tag == "th"):
				cell = &strings.Builder{}
			case tk.Kind == sanitize.End && (tk.Tag == "td" || tk.Tag == "th") && cell != nil:
				if t := strings.Join(strings.Fields(cell.String()), " "); t != "" {
					c.cells = append(c.cells, t)
				}
				cell = nil
			case tk.Kind == sanitize.Text && cell != nil:
				cell.WriteString(tk.Text)
			case cell != nil:
				cell.WriteByte(' ')
			}
		}
	}
	return c
}

func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// pageText is the text of a page's policy, its runs of space folded.
func pageText(doc string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(doc))
	in := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if tok := z.Token(); tok.Data == "div" && attr(tok, "class") == "policy-text" {
				in = true
			}
			b.WriteByte(' ')
		case html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.TextToken:
			if in {
				b.Write(z.Text())
			}
		}
	}
}
