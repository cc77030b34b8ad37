package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"policysite/internal/cache"
	"policysite/internal/testfs"
)

func TestMain(m *testing.M) {
	// Tests that build in this process would otherwise fill the user's cache
	// folder. One folder under the system's temporary one serves every run:
	// testscript.Main exits without a chance to remove it, and builds trim
	// what they no longer use.
	if os.Getenv(cache.Env) == "" {
		os.Setenv(cache.Env, filepath.Join(os.TempDir(), "policysite-test-cache"))
	}
	testscript.Main(m, map[string]func(){
		"policysite": func() {
			if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
				printError(os.Stderr, err)
				os.Exit(exitCode(err))
			}
		},
	})
}

// TestScripts runs the txtar scripts in testdata/script. Each starts in a
// copy of the repository's layouts, i18n and assets, so that the scripts
// exercise the templates that ship.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// testscript's HOME has no cache folder: the scripts share this one, as
	// builds on one machine do, so that none warns that it cannot cache.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "en_US.UTF-8")
			env.Setenv("POLICYSITE_CACHE_DIR", cache)
			for _, d := range []string{"layouts", "i18n", "assets"} {
				if err := testfs.Copy(filepath.Join(repo, d), filepath.Join(env.WorkDir, d)); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
