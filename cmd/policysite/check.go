package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"policysite/internal/cache"
	"policysite/internal/check"
	"policysite/internal/overlay"
	"policysite/internal/policy"
)

// checkCmd validates a repository as build would, and more, writing
// nothing: for authors before they commit and for CI.
type checkCmd struct {
	getenv func(string) string

	source, format string
	now            nowFlag
	strict         bool
}

func (c *checkCmd) flags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.source, "source", ".", "the repository to check: its `dir` holds policysite.toml and versions/")
	fs.StringVar(&c.now.value, "now", "", nowUsage)
	c.now.source = &c.source
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors (exit status 1)")
	fs.StringVar(&c.format, "format", "text", "`text` (file:line: severity: message) for people, or json for CI tools")
	return fs
}

// checkJSON is what --format json prints. Fields are added, never renamed.
type checkJSON struct {
	SchemaVersion int          `json:"schema_version"`
	OK            bool         `json:"ok"`
	Errors        int          `json:"errors"`
	Warnings      int          `json:"warnings"`
	Diagnostics   []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	File string `json:"file"`
	// Line is 0 when the problem concerns the whole file.
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func (c *checkCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := c.flags(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if c.format != "text" && c.format != "json" {
		return &usageError{fmt.Sprintf("--format %q: use text or json", c.format)}
	}
	now, err := c.now.get()
	if err != nil {
		return err
	}
	root, err := siteRoot(c.source)
	if err != nil {
		return err
	}
	r, err := check.RunIn(ctx, root, overlay.Site(root), now, cache.DefaultDir())
	if err != nil {
		return err
	}
	failed := len(r.Errors) > 0 || c.strict && len(r.Warnings) > 0
	if c.format == "json" {
		out := checkJSON{SchemaVersion: 1, OK: !failed, Errors: len(r.Errors), Warnings: len(r.Warnings), Diagnostics: []diagnostic{}}
		add := func(list []*policy.SourceError, sev string) {
			for _, e := range list {
				out.Diagnostics = append(out.Diagnostics, diagnostic{File: e.File, Line: e.Line, Severity: sev, Message: e.Err.Error()})
			}
		}
		add(r.Errors, "error")
		add(r.Warnings, "warning")
		add(r.Notes, "note")
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, e := range r.Errors {
			sayln(stdout, check.Format(e, "error"))
		}
		for _, e := range r.Warnings {
			sayln(stdout, check.Format(e, "warning"))
		}
		for _, e := range r.Notes {
			sayln(stdout, check.Format(e, "note"))
		}
		sayln(stderr, summaryLine(r, c.strict))
	}
	if r.CacheWarning != "" {
		sayln(stderr, "warning:", r.CacheWarning)
	}
	if failed {
		return errReported
	}
	return nil
}

// summaryLine says what the check found in one line.
func summaryLine(r *check.Report, strict bool) string {
	n := 0
	for _, p := range r.Policies {
		for _, eds := range p.Editions {
			n += len(eds)
		}
	}
	switch {
	case len(r.Errors) == 0 && len(r.Warnings) == 0:
		return fmt.Sprintf("check: %d edition file(s) of %d policy(ies): no problems", n, len(r.Policies))
	case len(r.Errors) == 0 && !strict:
		return fmt.Sprintf("check: %d warning(s), no errors", len(r.Warnings))
	case len(r.Errors) == 0:
		return fmt.Sprintf("check: %d warning(s), which --strict makes errors", len(r.Warnings))
	}
	return fmt.Sprintf("check: %d error(s), %d warning(s)", len(r.Errors), len(r.Warnings))
}
