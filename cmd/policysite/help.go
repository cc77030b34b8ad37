package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

const usage = `policysite builds a static site of legal policies, every edition of each,
in every language of the site.

Usage:
  policysite <command> [arguments] [flags]

Commands:
  init      start a new site in an empty folder: policysite init mysite --lang ru,en
  build     build the site from versions/ into public/
  check     check everything build would, and more, without writing anything
  record    freeze approved editions: record their hashes in versions/versions.sum
  new       start the next edition of a policy from the edition in force
  import    bring an existing history into versions/: policysite import privacy --lang en --from DIR
  diff      print the redline between two editions: policysite diff privacy 2024-02-15 2025-09-01
  serve     preview the site on this computer, rebuilding it when a source changes
  version   print the versions of policysite, Hugo and Go
  help      print this help, or a command's: policysite help build

Each command prints its arguments and flags with --help: policysite build --help.
`

// helps are the commands' help texts: a usage line, with the positional
// arguments, and what the command does. A command missing here gets a
// usage line of its name and flags; one that implements described brings
// its own text.
var helps = map[string]string{
	"build":   "Usage: policysite build [flags]\n\nBuilds the site from versions/ into public/ (--out), replacing the previous\noutput only when the whole build succeeds.",
	"check":   "Usage: policysite check [flags]\n\nChecks everything build would, and more, writing nothing. Exit status 1 on errors.",
	"record":  "Usage: policysite record [flags]\n\nRecords in versions/versions.sum the hashes of the editions that are not drafts, posted or not yet: the site publishes only recorded editions, and a recorded one never changes (--unfreeze releases one not posted yet).",
	"new":     "Usage: policysite new <policy> [flags]\n\nStarts the next edition of a policy from the edition in force.",
	"import":  "Usage: policysite import <policy> --lang <lang> (--from <dir> [--order <file>] | --git <repo> --path <file>) [flags]\n\nImports an existing history: one edition per distinct state, dated by the file's name\nor the commit. Never replaces an edition without --force; on any mistake writes nothing.",
	"serve":   "Usage: policysite serve [flags]\n\nBuilds the site into a temporary folder and serves it at http://127.0.0.1:8080/,\nbuilding it again when a source changes; while a source is broken, every page\nshows the errors. Drafts and editions not yet posted are shown too, each under a\n\"not published\" banner; a built site never has them. Ctrl-C stops it and removes\nthe folder.",
	"diff":    "Usage: policysite diff <policy> <from> <to> [flags]\n\nPrints the redline between two editions of a policy in one language, <from> and\n<to> being their ids (2024-02-15, or 2024-02-15.2 for a day's second edition):\n[-deleted-] and {+inserted+} words, or colours on a terminal.",
	"version": "Usage: policysite version\n\nPrints the versions of policysite, Hugo and Go.",
	"help":    "Usage: policysite help [<command>]\n\nPrints the list of commands, or a command's help, as policysite <command> --help does.",
}

// described is a command that carries its own help text.
type described interface {
	help() string
}

// flagged is a command with flags to list in its help.
type flagged interface {
	flags(stderr io.Writer) *flag.FlagSet
}

type helpCmd struct{}

func (helpCmd) Run(_ context.Context, args []string, stdout, _ io.Writer) error {
	switch len(args) {
	case 0:
		fmt.Fprint(stdout, usage)
		return nil
	case 1:
		return printHelp(stdout, args[0])
	}
	return &usageError{"usage: policysite help [<command>]"}
}

// printHelp prints the help of the command name: its usage line, what it
// does, and its flags spelled as people type them (--out dir).
func printHelp(w io.Writer, name string) error {
	cmd, ok := commands()[name]
	if !ok {
		return &usageError{fmt.Sprintf("unknown command %q; run 'policysite help'", name)}
	}
	var fs *flag.FlagSet
	if f, ok := cmd.(flagged); ok {
		fs = f.flags(io.Discard)
	}
	text, ok := helps[name]
	switch d, own := cmd.(described); {
	case own:
		text = d.help()
	case !ok && fs != nil:
		text = "Usage: policysite " + name + " [flags]"
	case !ok:
		text = "Usage: policysite " + name
	}
	fmt.Fprintln(w, text)
	if fs == nil {
		return nil
	}
	fmt.Fprintln(w, "\nFlags:")
	printFlags(w, fs)
	return nil
}

// printFlags lists the flags of fs as flag.PrintDefaults does, but spelled
// --flag, the way the documentation and the messages spell them.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintln(w, line)
		if def := defaultOf(f); def != "" {
			text += " (default " + def + ")"
		}
		fmt.Fprintln(w, "      "+strings.ReplaceAll(text, "\n", "\n      "))
	})
}

// defaultOf returns how the help shows f's default, or "" for a zero one.
func defaultOf(f *flag.Flag) string {
	switch f.DefValue {
	case "", "false", "0":
		return ""
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isString := g.Get().(string); isString {
			return fmt.Sprintf("%q", f.DefValue)
		}
	}
	return f.DefValue
}
