// Command gensite writes a synthetic policysite repository for benchmarks:
//
//	go run ./internal/gen/cmd/gensite -out DIR -editions 1000 -template .
//
// The policies it writes are generated text, not real documents.
package main

import (
	"flag"
	"fmt"
	"os"

	"policysite/internal/gen"
)

func main() {
	var (
		out      = flag.String("out", "", "write the repository into `dir`, which must be empty or not exist")
		editions = flag.Int("editions", 100, "editions per language, summed over the policies")
		policies = flag.Int("policies", 2, "number of policies")
		template = flag.String("template", ".", "the repository whose layouts, i18n, assets and content to copy")
	)
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gensite -out DIR [-editions N] [-policies N] [-template DIR]")
		os.Exit(2)
	}
	if err := gen.Generate(*out, gen.Options{Template: *template, Policies: *policies, EditionsPerLang: *editions}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
