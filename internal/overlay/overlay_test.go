package overlay

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// layers is a site over a theme: each has files the other lacks, both
// have layouts/ and layouts/_partials/, and the site replaces one partial.
func layers() (site, theme fstest.MapFS) {
	site = fstest.MapFS{
		"policysite.toml":                  {Data: []byte("site")},
		"versions/p/2024-01-10.en.md":      {Data: []byte("edition")},
		"layouts/_partials/footer.html":    {Data: []byte("site footer")},
		"layouts/home.html":                {Data: []byte("site home")},
		"content/_index.en.md":             {Data: []byte("home")},
		"i18n/de.toml":                     {Data: []byte("de")},
		"static/robots.txt":                {Data: []byte("robots")},
		"layouts/_partials/site-only.html": {Data: []byte("site only")},
	}
	theme = fstest.MapFS{
		"layouts/baseof.html":            {Data: []byte("theme baseof")},
		"layouts/_partials/footer.html":  {Data: []byte("theme footer")},
		"layouts/_partials/header.html":  {Data: []byte("theme header")},
		"layouts/_markup/render-link.md": {Data: []byte("theme link")},
		"i18n/en.toml":                   {Data: []byte("en")},
		"assets/css/site.css":            {Data: []byte("css")},
	}
	return site, theme
}

// TestOverlayIsAFileSystem: the overlay passes the standard library's
// checks of an fs.FS (Open, ReadDir, ReadFile, Stat, Glob agree), and
// shows every file of both layers.
func TestOverlayIsAFileSystem(t *testing.T) {
	site, theme := layers()
	var want []string
	for name := range site {
		want = append(want, name)
	}
	for name := range theme {
		if _, ok := site[name]; !ok {
			want = append(want, name)
		}
	}
	if err := fstest.TestFS(New(site, theme), want...); err != nil {
		t.Fatal(err)
	}
}

// TestTopLayerWins: a file of the top layer hides the bottom's at the same
// path, whichever way it is read; what the top lacks comes from the
// bottom; what neither has does not exist.
func TestTopLayerWins(t *testing.T) {
	site, theme := layers()
	o := New(site, theme)
	for _, tc := range []struct{ name, want string }{
		{"layouts/_partials/footer.html", "site footer"},
		{"layouts/_partials/header.html", "theme header"},
		{"layouts/home.html", "site home"},
		{"layouts/baseof.html", "theme baseof"},
		{"i18n/en.toml", "en"},
		{"i18n/de.toml", "de"},
		{"versions/p/2024-01-10.en.md", "edition"},
	} {
		got, err := fs.ReadFile(o, tc.name)
		if err != nil || string(got) != tc.want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", tc.name, got, err, tc.want)
		}
		f, err := o.Open(tc.name)
		if err != nil {
			t.Errorf("Open(%s): %v", tc.name, err)
			continue
		}
		got, err = io.ReadAll(f)
		f.Close()
		if err != nil || string(got) != tc.want {
			t.Errorf("Open(%s) reads %q, %v; want %q", tc.name, got, err, tc.want)
		}
		info, err := fs.Stat(o, tc.name)
		if err != nil || info.Size() != int64(len(tc.want)) {
			t.Errorf("Stat(%s) = %v, %v; want a file of %d bytes", tc.name, info, err, len(tc.want))
		}
	}
	for _, name := range []string{"layouts/nothing.html", "themes", "i18n/ru.toml"} {
		if _, err := o.Open(name); !os.IsNotExist(err) {
			t.Errorf("Open(%s): %v, want not exist", name, err)
		}
		if _, err := fs.Stat(o, name); !os.IsNotExist(err) {
			t.Errorf("Stat(%s): %v, want not exist", name, err)
		}
	}
}

// TestFoldersMerge: a folder present in both layers lists the entries of
// both, sorted and each name once; a folder of one layer lists that
// layer's.
func TestFoldersMerge(t *testing.T) {
	site, theme := layers()
	o := New(site, theme)
	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{".", []string{"assets", "content", "i18n", "layouts", "policysite.toml", "static", "versions"}},
		{"layouts", []string{"_markup", "_partials", "baseof.html", "home.html"}},
		{"layouts/_partials", []string{"footer.html", "header.html", "site-only.html"}},
		{"i18n", []string{"de.toml", "en.toml"}},
		{"assets", []string{"css"}}, // the theme's only
		{"versions", []string{"p"}}, // the site's only
		{"layouts/_markup", []string{"render-link.md"}},
	} {
		entries, err := fs.ReadDir(o, tc.dir)
		if err != nil {
			t.Errorf("ReadDir(%s): %v", tc.dir, err)
			continue
		}
		if got := names(entries); !slices.Equal(got, tc.want) {
			t.Errorf("ReadDir(%s) = %q, want %q", tc.dir, got, tc.want)
		}
		// The same through Open, a few entries at a time.
		f, err := o.Open(tc.dir)
		if err != nil {
			t.Errorf("Open(%s): %v", tc.dir, err)
			continue
		}
		var got []string
		for {
			batch, err := f.(fs.ReadDirFile).ReadDir(2)
			got = append(got, names(batch)...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("ReadDir(2) of %s: %v", tc.dir, err)
			}
		}
		f.Close()
		if !slices.Equal(got, tc.want) {
			t.Errorf("Open(%s) lists %q, want %q", tc.dir, got, tc.want)
		}
		info, err := fs.Stat(o, tc.dir)
		if err != nil || !info.IsDir() {
			t.Errorf("Stat(%s) = %v, %v; want a folder", tc.dir, info, err)
		}
	}
}

// TestATopFileHidesABottomFolder: a file of the top layer where the
// bottom has a folder hides the folder and everything in it.
func TestATopFileHidesABottomFolder(t *testing.T) {
	site, theme := layers()
	site["assets"] = &fstest.MapFile{Data: []byte("a file")}
	o := New(site, theme)
	if info, err := fs.Stat(o, "assets"); err != nil || info.IsDir() {
		t.Errorf("Stat(assets) = %v, %v; want the top layer's file", info, err)
	}
	if _, err := fs.ReadFile(o, "assets/css/site.css"); err == nil {
		t.Error("a file under the top layer's file was read from the bottom layer")
	}
	if _, err := fs.Stat(o, "assets/css"); err == nil {
		t.Error("a folder under the top layer's file was found in the bottom layer")
	}
}

// TestSymbolicLinksOfTheTopLayerShow: the top layer's symbolic links show
// as links through ReadDir, Lstat and ReadLink, so that a reader that
// refuses links leading out of the repository still sees them.
func TestSymbolicLinksOfTheTopLayerShow(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(root, "layouts", "baseof.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, theme := layers()
	o := New(os.DirFS(root), theme)
	entries, err := fs.ReadDir(o, "layouts")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "baseof.html" && e.Type()&fs.ModeSymlink == 0 {
			t.Errorf("ReadDir shows baseof.html as %v, want a symbolic link", e.Type())
		}
	}
	if info, err := fs.Lstat(o, "layouts/baseof.html"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat = %v, %v; want a symbolic link", info, err)
	}
	if target, err := fs.ReadLink(o, "layouts/baseof.html"); err != nil || target != "/etc/passwd" {
		t.Errorf("ReadLink = %q, %v; want /etc/passwd", target, err)
	}
	if info, err := fs.Lstat(o, "layouts/_partials/header.html"); err != nil || info.Mode()&fs.ModeSymlink != 0 {
		t.Errorf("Lstat of the bottom layer's file = %v, %v", info, err)
	}
}

// TestSiteIsTheRepositoryOverTheTheme: Site reads a folder's own files,
// and the built-in theme's where it has none.
func TestSiteIsTheRepositoryOverTheTheme(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "layouts", "_partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "layouts", "_partials", "brand-footer.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Site(root)
	if got, err := fs.ReadFile(o, "layouts/_partials/brand-footer.html"); err != nil || string(got) != "mine" {
		t.Errorf("the site's own partial reads %q, %v", got, err)
	}
	for _, name := range []string{"layouts/baseof.html", "layouts/_partials/header.html", "i18n/en.toml", "assets/css/site.css"} {
		if _, err := fs.Stat(o, name); err != nil {
			t.Errorf("the theme's %s: %v", name, err)
		}
	}
}

func names(entries []fs.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
