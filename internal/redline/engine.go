package redline

import (
	"runtime/debug"
	"sync"
)

// goDiffPath is the module whose diff the word-level redline is built on.
const goDiffPath = "github.com/sergi/go-diff"

// goDiffRequired is the go-diff version go.mod requires, for programs
// whose build information lists no dependencies (go test's binaries).
// TestGoDiffRequiredIsGoMods holds it to go.mod.
const goDiffRequired = "v1.4.0"

// Engine names everything a redline result depends on besides its two
// texts: Version, and the version of go-diff the program was built with,
// as the program's build information records it. A cache keyed by the
// texts and Engine holds entries that are pure functions of their keys.
// ok is false when the build information names go-diff in a way that
// does not identify its code (replaced by a local folder): such a program
// must not share cached redlines.
func Engine() (engine string, ok bool) {
	v := goDiffVersion()
	if v == "" {
		return "", false
	}
	return Version + "\x00" + goDiffPath + "@" + v, true
}

var goDiffVersion = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	if len(info.Deps) == 0 {
		// go test records no dependencies; go.mod then says which go-diff
		// it built with.
		return goDiffRequired
	}
	return moduleVersion(info, goDiffPath)
})

// moduleVersion is the version of module path in info, following a
// replace directive to what replaced it; "" when info does not name it.
func moduleVersion(info *debug.BuildInfo, path string) string {
	for _, m := range info.Deps {
		if m.Path != path {
			continue
		}
		if m.Replace != nil {
			if m.Replace.Version == "" {
				// A replacement by a local folder has no version that
				// would tell two of its states apart.
				return ""
			}
			return m.Replace.Path + "@" + m.Replace.Version
		}
		return m.Version
	}
	return ""
}
