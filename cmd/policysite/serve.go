package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"syscall"
	"time"

	"policysite/internal/preview"
)

// serveCmd is a live preview for authors: the whole site, built again
// whenever a source changes, on this computer only.
type serveCmd struct {
	source, addr string
	now          nowFlag
	strict       bool
}

func (c *serveCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository to preview: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "serve on `host:port`, a loopback address (127.0.0.1, ::1 or localhost); port 0 picks a free one")
	fs.StringVar(&c.now.value, "now", "", "the builds' notion of now: a `moment`, as a date (2026-12-01, midnight in the site's time zone) or RFC 3339 (2026-12-01T10:00:00+03:00) (default: the current time at each build, and a build when an edition is posted or takes effect)")
	c.now.source = &c.source
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors: the preview shows them instead of the site")
	return fs
}

func (c *serveCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.flags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var now time.Time
	if c.now.value != "" { // else each build reads the clock
		t, err := c.now.get()
		if err != nil {
			return err
		}
		now = t
	}
	if err := preview.CheckAddr(c.addr); err != nil {
		return &usageError{"--addr " + err.Error()}
	}
	if _, err := siteRoot(c.source); err != nil {
		return err
	}
	err := preview.Run(ctx, preview.Options{Source: c.source, Addr: c.addr, Now: now, Strict: c.strict, Stdout: stdout, Stderr: stderr})
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w; choose another port with --addr", err)
	}
	return err
}
