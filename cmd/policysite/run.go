package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// errReported is returned by a command that has already printed its error.
var errReported = errors.New("reported")

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// command is one subcommand.
type command interface {
	Run(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"build":   &buildCmd{getenv: os.Getenv},
		"check":   &checkCmd{getenv: os.Getenv},
		"record":  &recordCmd{getenv: os.Getenv},
		"new":     &newCmd{getenv: os.Getenv},
		"import":  &importCmd{getenv: os.Getenv},
		"diff":    &diffCmd{getenv: os.Getenv},
		"serve":   &serveCmd{},
		"version": &versionCmd{},
		"help":    &helpCmd{},
	}
}

// run is the whole program, apart from process plumbing, so that tests can
// call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &usageError{"no command given"}
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	cmd, ok := commands()[name]
	if !ok {
		return &usageError{fmt.Sprintf("unknown command %q; run 'policysite help'", args[0])}
	}
	return cmd.Run(ctx, args[1:], stdout, stderr)
}

const usage = `policysite builds a static site of legal policies, every edition of each,
in every language of the site.

Usage:
  policysite <command> [flags]

Commands:
  build     build the site from versions/ into public/
  check     check everything build would, and more, without writing anything
  record    record the hashes of newly posted editions in versions/versions.sum
  new       start the next edition of a policy from the edition in force
  import    bring an existing history into versions/: policysite import privacy --lang en --from DIR
  diff      print the redline between two editions: policysite diff privacy 2024-02-15 2025-09-01
  serve     preview the site on this computer, rebuilding it when a source changes
  version   print the versions of policysite, Hugo and Go
  help      print this help, or a command's flags: policysite help build
`

type helpCmd struct{}

// flagged is a command with flags to list in its help.
type flagged interface {
	flags(stderr io.Writer) *flag.FlagSet
}

// helps are the commands' help texts: a usage line and what it does.
var helps = map[string]struct {
	text string
	cmd  func() flagged
}{
	"build":  {"Usage: policysite build [flags]", func() flagged { return &buildCmd{} }},
	"check":  {"Usage: policysite check [flags]\n\nChecks everything build would, and more, writing nothing. Exit status 1 on errors.", func() flagged { return &checkCmd{} }},
	"record": {"Usage: policysite record [flags]\n\nRecords in versions/versions.sum the hashes of the editions posted by --now.", func() flagged { return &recordCmd{} }},
	"new":    {"Usage: policysite new <policy> [flags]\n\nStarts the next edition of a policy from the edition in force.", func() flagged { return &newCmd{} }},
	"import": {"Usage: policysite import <policy> --lang <lang> (--from DIR [--order FILE] | --git REPO --path FILE) [flags]\n\nImports an existing history: one edition per distinct state, dated by the file's name\nor the commit. Never replaces an edition without --force; on any mistake writes nothing.", func() flagged { return &importCmd{} }},
	"serve":  {"Usage: policysite serve [flags]\n\nBuilds the site into a temporary folder and serves it at http://127.0.0.1:8080/,\nbuilding it again when a source changes; while a source is broken, every page\nshows the errors. Ctrl-C stops it and removes the folder.", func() flagged { return &serveCmd{} }},
	"diff":   {"Usage: policysite diff <policy> <from-id> <to-id> [flags]\n\nPrints the redline between two editions of a policy in one language:\n[-deleted-] and {+inserted+} words, or colours on a terminal.", func() flagged { return &diffCmd{} }},
}

func (helpCmd) Run(_ context.Context, args []string, stdout, _ io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return nil
	}
	if h, ok := helps[args[0]]; ok {
		fs := h.cmd().flags(io.Discard)
		fmt.Fprintln(stdout, h.text+"\n\nFlags:")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	if _, ok := commands()[args[0]]; !ok {
		return &usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
	fmt.Fprintf(stdout, "policysite %s takes no flags.\n", args[0])
	return nil
}

// parseFlags parses args, turning flag's errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q", strings.Join(pos, " "))}
	}
	return nil
}

// parseArgs parses args whose flags may come before, between or after the
// positional arguments, and returns those. The flag package has already
// printed what was wrong; the error only sets the exit status.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errReported
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
