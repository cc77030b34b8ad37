package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"policysite/internal/config"
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
	newc := &newCmd{getenv: os.Getenv}
	// new's --now reads a plain date in the time zone of its --source, as
	// the other commands' do (see their flags).
	newc.now.source = &newc.source
	return map[string]command{
		"init":    &initCmd{},
		"build":   &buildCmd{getenv: os.Getenv},
		"check":   &checkCmd{getenv: os.Getenv},
		"record":  &recordCmd{getenv: os.Getenv},
		"new":     newc,
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
	// Every command answers --help and -h as `policysite help CMD` does,
	// whatever else is on its command line.
	if wantsHelp(args[1:]) {
		return printHelp(stdout, name)
	}
	return cmd.Run(ctx, args[1:], stdout, stderr)
}

// wantsHelp reports whether args ask for help: -h or --help (or -help,
// --h, as the flag package reads them) before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--h", "-help", "--help":
			return true
		}
	}
	return false
}

// siteRoot returns the absolute path of source, the folder of a site, or,
// when it has no policysite.toml, an error that says so and how to go on.
// Other troubles with the file are config.Load's to say.
func siteRoot(source string) (string, error) {
	root, err := filepath.Abs(source)
	if err != nil {
		return "", err
	}
	_, err = os.Stat(filepath.Join(root, config.FileName))
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return root, nil
	}
	where, init := "this folder", "policysite init"
	if source != "." {
		where, init = source, "policysite init "+source
	}
	if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s does not exist, so there is no site there: start one with `%s`, or give the folder of an existing site with --source DIR", where, init)
	}
	return "", fmt.Errorf("%s is not a site: it has no %s. Start a site there with `%s`, or give the folder of an existing site with --source DIR", where, config.FileName, init)
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
	// The flag package would print its own usage, spelled unlike this
	// command's help; the error, with where to find the help, says enough.
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, &usageError{fmt.Sprintf("%v; see policysite %s --help", err, fs.Name())}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
