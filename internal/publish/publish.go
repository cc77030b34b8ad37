// Package publish writes what crawlers and archivists read, from the
// build's plan: each edition's plain text and JSON, the JSON of each
// redline, each policy's feeds, the site's index and the schemas, and the
// in-browser comparison's module (Documents); and the files by which
// hosts and crawlers find the privacy policy (Discovery). Documents runs
// before the Hugo renderer, which then refuses to replace any of them;
// Discovery after it, since it adds to the repository's static
// _redirects. Neither replaces a file already in the output.
package publish

import (
	"fmt"

	"policysite/internal/outdir"
	"policysite/internal/plan"
	"policysite/internal/redline/wasmmodule"
)

// publisher writes the documents of one plan.
type publisher struct {
	pl  *plan.Plan
	out *outdir.Dir
}

// Documents writes the documents of pl into out: texts, JSON, feeds,
// schemas and the comparison's module.
func Documents(pl *plan.Plan, out *outdir.Dir) error {
	g := &publisher{pl: pl, out: out}
	if err := g.publishModule(); err != nil {
		return fmt.Errorf("write the in-browser comparison: %w", err)
	}
	if err := g.publishData(); err != nil {
		return fmt.Errorf("write JSON and feeds: %w", err)
	}
	return nil
}

// Discovery writes the files by which hosts and crawlers find the privacy
// policy; it runs once the repository's static files are in out.
func Discovery(pl *plan.Plan, out *outdir.Dir) error {
	g := &publisher{pl: pl, out: out}
	if err := g.publishDiscovery(); err != nil {
		return fmt.Errorf("write discovery files: %w", err)
	}
	return nil
}

// publishModule writes the in-browser comparison's WebAssembly module and
// Go's loader for it, which every compare page names by their digests.
func (g *publisher) publishModule() error {
	if err := writeNew(g.out, plan.WasmPath, wasmmodule.Module()); err != nil {
		return err
	}
	return writeNew(g.out, plan.WasmExecPath, wasmmodule.ExecJS())
}

// urlp is a pointer to the address of path, for optional fields.
func (g *publisher) urlp(path string) *string {
	u := g.pl.URL(path)
	return &u
}
