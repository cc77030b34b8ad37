package main

import (
	"path/filepath"
	"testing"
)

// The hostile inputs of TestBadInputNeverCostsData that are named pipes:
// opening one for reading waits until something writes to it, for ever
// in a build, so every file the build reads must be refused unopened when
// it is one. Each command runs under runLimit, so a row that waits fails
// instead of hanging the suite.

// fifoAt returns a setup that puts a named pipe at rel, relative to the
// repository.
func fifoAt(rel string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		mkfifo(t, filepath.Join(root, filepath.FromSlash(rel)))
	}
}

// refusedPipe is the row of a named pipe at rel that the build must
// refuse, naming it.
func refusedPipe(rel string) badInput {
	return badInput{
		name:  "a named pipe as " + rel + " is refused, not waited on",
		setup: fifoAt(rel),
		want:  []string{oneLine(rel, "not a regular file")},
	}
}

func fifoInputs() []badInput {
	return []badInput{
		refusedPipe("policysite.toml"),       // fixed with issue 22
		refusedPipe("versions/versions.sum"), // fixed with issue 22
		refusedPipe("i18n/en.toml"),          // fixed with issue 22
		refusedPipe("content/_index.en.md"),  // fixed with issue 22
		refusedPipe("layouts/baseof.html"),   // fixed with issue 22
		refusedPipe("static/x.txt"),          // fixed with issue 22
		refusedPipe("assets/x.css"),          // fixed with issue 22
		{
			name:  "a named pipe in place of a policy folder is refused, not waited on",
			setup: fifoAt("versions/pipe"),
			want:  []string{"versions/pipe: not a policy folder"},
		},
		{
			name:   "a hidden named pipe among the editions is skipped, not waited on",
			setup:  fifoAt("versions/privacy/.2024-07-01.en.md.swp"),
			builds: true,
		},
		{
			name:   "a hidden named pipe in content/ is skipped, not waited on",
			setup:  fifoAt("content/.pipe"),
			builds: true,
		},
	}
}
