package preview

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"policysite/internal/sum"
	"policysite/internal/testfs"
)

var now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

const siteFiles = `
-- policysite.toml --
time_zone = "Europe/Moscow"

[[languages]]
code = "ru"
name = "Русский"
title = "Документы"

[[languages]]
code = "en"
name = "English"
title = "Documents"
-- content/_index.ru.md --
---
title: Документы
---
-- content/_index.en.md --
---
title: Documents
---
`

// edition is an edition file with a clause on changes, so that it gives
// no warning.
func edition(name, title, text string) string {
	change := "1.2. Новая редакция вступает в силу с момента её размещения на сайте."
	if strings.HasSuffix(name, ".en.md") {
		change = "1.2. A new edition takes effect from the moment it is posted on the site."
	}
	return "-- " + name + " --\n---\ntitle: " + title + "\n---\n## 1. Общие положения\n\n1.1. " + text + "\n\n" + change + "\n"
}

var firstEdition = edition("versions/terms/2024-01-10.ru.md", "Условия", "Первоначальный текст условий.") +
	edition("versions/terms/2024-01-10.en.md", "Terms", "The original text of the terms.")

// repo writes a txtar archive and the repository's layouts, i18n and assets
// into a temporary repository, and records its editions in versions.sum as
// policysite record would, so that they give no warning.
func repo(t *testing.T, archive string) string {
	t.Helper()
	root := t.TempDir()
	sums := sum.New()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
		if key, ok := strings.CutPrefix(f.Name, "versions/"); ok && strings.HasSuffix(key, ".md") {
			sums.Add(key, f.Data)
		}
	}
	if sums.Len() > 0 {
		if err := sums.Write(root); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"layouts", "i18n", "assets"} {
		testfs.CopyTree(t, filepath.Join("../..", d), filepath.Join(root, d))
	}
	return root
}

// syncBuffer is a bytes.Buffer that the preview writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type preview struct {
	*Server
	stdout, stderr *syncBuffer
	tmp            string // the folder the output is made in
	cancel         context.CancelFunc
}

// start previews root on a free loopback port until the test ends.
func start(t *testing.T, root string, o Options) *preview {
	t.Helper()
	p := &preview{stdout: &syncBuffer{}, stderr: &syncBuffer{}, tmp: t.TempDir()}
	o.Source, o.Addr, o.TempDir, o.Stdout, o.Stderr = root, "127.0.0.1:0", p.tmp, p.stdout, p.stderr
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, o)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	p.Server, p.cancel = s, cancel
	t.Cleanup(func() {
		cancel()
		s.Wait()
	})
	return p
}

type response struct {
	status int
	header http.Header
	body   string
}

var client = &http.Client{Timeout: 10 * time.Second}

func (p *preview) get(t *testing.T, path string) response {
	t.Helper()
	res, err := client.Get(p.URL() + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return response{res.StatusCode, res.Header, string(body)}
}

// eventually polls cond until it holds, failing the test with cond's last
// explanation after a deadline generous enough for a loaded machine.
func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, why := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %s", what, why)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serves waits until path answers with status and a body containing every
// one of want.
func (p *preview) serves(t *testing.T, path string, status int, want ...string) response {
	t.Helper()
	var r response
	eventually(t, "GET "+path, func() (bool, string) {
		r = p.get(t, path)
		if r.status != status {
			return false, "status " + http.StatusText(r.status) + ": " + abbrev(r.body)
		}
		for _, w := range want {
			if !strings.Contains(r.body, w) {
				return false, "without " + w + ": " + abbrev(r.body)
			}
		}
		return true, ""
	})
	return r
}

func abbrev(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

func write(t *testing.T, root, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		testfs.WriteFile(t, filepath.Join(root, f.Name), f.Data)
	}
}
