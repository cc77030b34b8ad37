package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/internal/preview"
	"policysite/internal/testfs"
)

// TestInitSiteServesADraftUnderItsBanner: a site that init started, with
// one edition and the draft that new makes of it, previews the draft under
// its banner, in each language, while the built site leaves it out.
func TestInitSiteServesADraftUnderItsBanner(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	now := "2026-02-01T00:00:00Z"
	cli := func(args ...string) string {
		t.Helper()
		stdout, stderr, code := runCLI(args...)
		if code != 0 {
			t.Fatalf("%s: exit status %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		return stdout
	}
	cli("init", root, "--company", "Acme")
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2026-01-10.ru.md"), []byte("---\ntitle: Политика\nposted: 2026-01-10\n---\n1. Первый текст.\n"))
	testfs.WriteFile(t, filepath.Join(root, "versions/privacy/2026-01-10.en.md"), []byte("---\ntitle: Policy\nposted: 2026-01-10\n---\n1. The first text.\n"))
	cli("new", "privacy", "--source", root, "--posted", "2026-01-20", "--now", now)
	cli("record", "--source", root, "--now", now) // the first edition, posted

	out := filepath.Join(t.TempDir(), "public")
	if stdout := cli("build", "--source", root, "--out", out, "--now", now); !strings.Contains(stdout, "2 drafts, not published") {
		t.Errorf("build does not count the drafts:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "ru", "privacy", "2026-01-20")); !os.IsNotExist(err) {
		t.Errorf("the built site has the draft's folder (%v)", err)
	}

	at, _ := time.Parse(time.RFC3339, now)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := preview.Start(ctx, preview.Options{Source: root, Addr: "127.0.0.1:0", Now: at, TempDir: t.TempDir()})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		s.Wait()
	})
	for path, want := range map[string]string{
		"ru/privacy/2026-01-20/": "Черновик, не опубликован",
		"en/privacy/2026-01-20/": "Draft, not published",
	} {
		res, err := http.Get(s.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: status %d, want 200 with %q", path, res.StatusCode, want)
		}
	}
}

// TestInitWritesGoVersionOfGoMod: the Go that the new site's Netlify and
// GitHub Actions builds install is the one policysite's go.mod asks for.
func TestInitWritesGoVersionOfGoMod(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "\ngo "+goVersion+"\n") {
		t.Errorf("goVersion is %s; go.mod says otherwise:\n%s", goVersion, mod)
	}
}
