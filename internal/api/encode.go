package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"encoding/xml"
	"io/fs"
)

// Marshal encodes a document as the site publishes it: keys in the order of
// the struct's fields, two-space indents, a final newline, and text as it
// is: Cyrillic is not escaped and neither are <, > and &, which are safe in
// a JSON file served as application/json.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalAtom encodes an Atom feed with its XML declaration.
func MarshalAtom(a *Atom) ([]byte, error) {
	a.NS = AtomNS
	data, err := xml.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(xml.Header)+len(data)+1)
	out = append(out, xml.Header...)
	out = append(out, data...)
	return append(out, '\n'), nil
}

//go:embed schema/*.json
var schemas embed.FS

// SchemaFiles are the JSON Schemas, published under /schema/ by these names.
var SchemaFiles = []string{
	"edition.schema.json",
	"changes.schema.json",
	"feed.schema.json",
	"policies.schema.json",
}

// Schema returns the JSON Schema published as /schema/name.
func Schema(name string) ([]byte, error) {
	return fs.ReadFile(schemas, "schema/"+name)
}
