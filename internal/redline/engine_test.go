package redline

import (
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// TestEngineNamesGoDiffsVersion: the engine a cache keys redlines by
// names both this package's Version and go-diff's module version.
func TestEngineNamesGoDiffsVersion(t *testing.T) {
	engine, ok := Engine()
	if !ok {
		t.Fatal("Engine() is not ok")
	}
	if !strings.HasPrefix(engine, Version+"\x00") || !strings.Contains(engine, goDiffPath+"@v") {
		t.Errorf("Engine() = %q, want Version and %s's version", engine, goDiffPath)
	}
}

func TestModuleVersionFollowsReplacements(t *testing.T) {
	for _, tc := range []struct {
		name string
		dep  *debug.Module
		want string
	}{
		{"plain", &debug.Module{Path: goDiffPath, Version: "v1.4.0"}, "v1.4.0"},
		{"replaced by a fork", &debug.Module{Path: goDiffPath, Version: "v1.4.0",
			Replace: &debug.Module{Path: "example.com/fork", Version: "v0.1.0"}}, "example.com/fork@v0.1.0"},
		// A local folder has no version: nothing says which state of it
		// made a cached redline.
		{"replaced by a folder", &debug.Module{Path: goDiffPath, Version: "v1.4.0",
			Replace: &debug.Module{Path: "../go-diff"}}, ""},
		{"absent", &debug.Module{Path: "example.com/other", Version: "v1.0.0"}, ""},
	} {
		info := &debug.BuildInfo{Deps: []*debug.Module{tc.dep}}
		if got := moduleVersion(info, goDiffPath); got != tc.want {
			t.Errorf("%s: moduleVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestGoDiffRequiredIsGoMods: the version assumed where the build
// information lists no dependencies is the one go.mod requires, and
// go.mod does not replace go-diff.
func TestGoDiffRequiredIsGoMods(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(goDiffPath) + `\s+(\S+)`).FindSubmatch(data)
	if m == nil || string(m[1]) != goDiffRequired {
		t.Errorf("go.mod requires %s %s; goDiffRequired is %s", goDiffPath, m, goDiffRequired)
	}
	if regexp.MustCompile(`(?m)^\s*(?:replace\s+)?` + regexp.QuoteMeta(goDiffPath) + `\b.*=>`).Match(data) {
		t.Errorf("go.mod replaces %s; Engine would name the wrong code", goDiffPath)
	}
}
