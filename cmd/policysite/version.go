package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

type versionCmd struct{}

func (versionCmd) Run(_ context.Context, args []string, stdout, _ io.Writer) error {
	if len(args) > 0 {
		return &usageError{"version takes no arguments"}
	}
	self, hugo := "(devel)", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			self = v
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/gohugoio/hugo" {
				hugo = d.Version
			}
		}
	}
	fmt.Fprintf(stdout, "policysite %s (Hugo %s as a library, %s %s/%s)\n", self, hugo, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
