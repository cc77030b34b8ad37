// Command policysite builds a static site of a company's legal policies,
// every edition of each, in several languages. Run `policysite help`.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if err != errReported {
			fmt.Fprintln(os.Stderr, "policysite:", err)
		}
		os.Exit(exitCode(err))
	}
}
