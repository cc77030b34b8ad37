package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/internal/testfs"
)

// hostileBaseURLs are addresses that would put markup or a script into
// every page, or send its links to another host, were they accepted.
var hostileBaseURLs = []string{
	`https://x.example/"><script>alert(document.domain)</script>/`,
	`https://x.example/'onmouseover='alert(1)'/`,
	"https://x.example/<svg onload=alert(1)>/",
	`https://x.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E/`,
	"https://x.example/\n<script>alert(1)</script>/",
	"javascript:alert(document.domain)//",
	"//evil.example/",
	"https://user:pw@x.example/",
	`https://x.example\@evil.example/`,
}

// TestHostileBaseURLStopsTheBuild: a hostile base_url, in policysite.toml
// or in --base-url, stops the build with an error naming where it was
// given, and the previous output stays byte for byte with nothing beside it.
func TestHostileBaseURLStopsTheBuild(t *testing.T) {
	root := sample(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	before := testfs.Tree(t, out)
	cfgPath := filepath.Join(root, "policysite.toml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	const key = `base_url = "https://prichal.example/"`
	i := bytes.Index(cfg, []byte(key))
	if i < 0 {
		t.Fatalf("policysite.toml of the sample holds no %s", key)
	}
	line := bytes.Count(cfg[:i], []byte("\n")) + 1
	for _, u := range hostileBaseURLs {
		t.Run(fmt.Sprintf("config %q", u), func(t *testing.T) {
			quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(u)
			testfs.WriteFile(t, cfgPath, bytes.Replace(cfg, []byte(key), []byte(`base_url = "`+quoted+`"`), 1))
			defer testfs.WriteFile(t, cfgPath, cfg)
			_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now})
			wantRefused(t, err, fmt.Sprintf("policysite.toml:%d: base_url: ", line), out, before)
		})
		t.Run(fmt.Sprintf("--base-url %q", u), func(t *testing.T) {
			_, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, BaseURL: u})
			wantRefused(t, err, "--base-url: ", out, before)
		})
	}
}

// wantRefused fails unless err starts with prefix and the output in out
// is still before, with nothing left beside it.
func wantRefused(t *testing.T, err error, prefix, out string, before map[string][]byte) {
	t.Helper()
	if err == nil || !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("err = %v, want one starting with %q", err, prefix)
	}
	wantTree(t, "after a refused base_url", testfs.Tree(t, out), before)
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("a refused build left %d entries beside the output", len(siblings))
	}
}

// TestAmpersandInBaseURLIsEscapedEverywhere: an & is allowed in a site
// address, and every page and feed writes it escaped, never raw, and has
// exactly the scripts it has with a plain address: no URL is pasted into
// markup as a string.
func TestAmpersandInBaseURLIsEscapedEverywhere(t *testing.T) {
	root := sample(t)
	addEdition(t, root)
	plain := buildWith(t, root, "https://prichal.example/")
	for _, base := range []string{"https://prichal.example/r&d/", "/r&d/"} {
		t.Run(base, func(t *testing.T) {
			got := buildWith(t, root, base)
			changes := 0
			for name, data := range got {
				if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
					continue
				}
				if strings.HasSuffix(name, "/changes/index.html") {
					changes++
				}
				if i := bytes.Index(data, []byte("r&d")); i >= 0 {
					t.Errorf("%s writes the & of the address raw: …%s…", name, data[max(0, i-60):i+3])
				}
				if n, want := bytes.Count(data, []byte("<script")), bytes.Count(plain[name], []byte("<script")); n != want {
					t.Errorf("%s has %d <script, %d with a plain address", name, n, want)
				}
			}
			if changes == 0 {
				t.Error("no redline page was built: the test checks nothing of changes.html")
			}
		})
	}
}

// buildWith builds the repository at root with base as --base-url and
// returns the output.
func buildWith(t *testing.T, root, base string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	return testfs.Tree(t, out)
}
