package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"policysite/internal/check"
	"policysite/internal/testfs"
)

// memRepo is testdata/site.txtar with the repository's layouts, i18n and
// assets, all in memory.
func memRepo(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for _, d := range []string{"layouts", "i18n", "assets"} {
		err := fs.WalkDir(os.DirFS("../.."), d, func(path string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			data, err := os.ReadFile(filepath.Join("../..", path))
			fsys[path] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return testfs.Record(fsys)
}

// TestSiteBuildsFromAnInMemoryRepository: the build reads its sources,
// config, strings and sums through fs.FS only, so a repository in memory
// builds, byte for byte, the site the same files on disk build.
func TestSiteBuildsFromAnInMemoryRepository(t *testing.T) {
	fsys := memRepo(t)
	chk, err := check.Run(context.Background(), fsys, now, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := chk.Err(); err != nil {
		t.Fatal(err)
	}
	mem := t.TempDir()
	if _, err := Site(context.Background(), Input{Source: fsys, Config: chk.Site, BaseURL: chk.Site.BaseURL, Now: now,
		Policies: chk.Policies, Strings: chk.Strings, Analyses: chk.Analyses}, mem); err != nil {
		t.Fatal(err)
	}
	disk := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: ownSite(t), Out: disk, Now: now, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	got, want := testfs.Tree(t, mem), testfs.Tree(t, disk)
	if len(want) == 0 {
		t.Fatal("the build from disk wrote nothing")
	}
	if d := treeDiff(got, want); d != "" {
		t.Errorf("built from memory: %s", d)
	}
}
