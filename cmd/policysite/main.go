// Command policysite builds a static site of a company's legal policies,
// every edition of each, in several languages. Run `policysite help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// An interrupted build must still remove its temporary folder, so the
	// signals that end a process politely (Ctrl-C, and SIGTERM from kill, a
	// CI timeout or a container stop) cancel the context instead. A second
	// one ends the process at once, should the build be stuck.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		printError(os.Stderr, err)
		os.Exit(exitCode(err))
	}
}
