package api

import (
	"bytes"
	"embed"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"slices"
)

// Marshal encodes a document as the site publishes it: keys in the order of
// the struct's fields, two-space indents, a final newline, and text as it
// is: Cyrillic is not escaped and neither are <, > and &, which are safe in
// a JSON file served as application/json.
//
// The output is byte for byte what a json.Encoder with SetIndent("", "  ")
// writes, but the encoder is asked for compact JSON and indent lays it out:
// encoding/json's indenter steps every byte of every string through its
// scanner, which for documents of long policy texts was most of the time.
func Marshal(v any) ([]byte, error) {
	var w indentWriter
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return w.out, nil
}

// indentWriter indents what a json.Encoder without SetIndent writes, so
// that the compact JSON goes straight from the encoder's buffer into the
// indented output rather than through a copy of its own.
type indentWriter struct {
	pending []byte // compact JSON of a value not yet finished
	out     []byte
}

// Write takes the compact encoding of a value and the newline Encode ends
// it with. Encode writes them in one call; were they ever split, the pieces
// would wait for that newline, the only one compact JSON can hold, since
// strings escape theirs.
func (w *indentWriter) Write(p []byte) (int, error) {
	if !bytes.HasSuffix(p, []byte("\n")) || len(w.pending) > 0 {
		w.pending = append(w.pending, p...)
		if !bytes.HasSuffix(w.pending, []byte("\n")) {
			return len(p), nil
		}
		p, w.pending = w.pending, nil
	}
	// json.Indent keeps the newline after the value.
	w.out = append(indent(w.out, p[:len(p)-1]), '\n')
	return len(p), nil
}

// indent appends compact JSON to dst laid out as json.Indent with prefix
// "" and indent "  " does: a newline and the next level's indent after {
// and [ unless the object or array is empty, a newline after each comma, a
// newline and the outer level's indent before the } or ] that closes a
// non-empty one, and a space after each colon. Like json.Indent it drops
// whitespace between tokens, though the encoder writes none. src must be
// valid JSON, as the encoder's output is: indent does not check it.
func indent(dst, src []byte) []byte {
	// Strings keep their length and most of a document is strings, so a
	// quarter more is room for the newlines and indents of all but the
	// smallest documents, where growing costs little.
	dst = slices.Grow(dst, len(src)+len(src)/4+64)
	depth := 0
	// opened is set after { or [ until the next token shows whether the
	// object or array is empty, when it gets no newline.
	opened := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		if opened && c != '}' && c != ']' {
			opened = false
			depth++
			dst = newline(dst, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			opened = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = newline(dst, depth)
		case ':':
			dst = append(dst, ':', ' ')
		case '}', ']':
			if opened {
				opened = false
			} else {
				depth--
				dst = newline(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the string literal that starts
// with the quote at src[start]. It jumps from quote to quote with
// bytes.IndexByte, which is what makes indent fast; a quote is the
// closing one when an even number of backslashes precede it, since in
// valid JSON a backslash either escapes the next byte or is escaped by the
// one before it.
func stringEnd(src []byte, start int) int {
	from := start + 1
	for {
		n := bytes.IndexByte(src[from:], '"')
		if n < 0 {
			return len(src) // unterminated: not from the encoder
		}
		q := from + n
		backslashes := 0
		for p := q - 1; src[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1
		}
		from = q + 1
	}
}

// newline appends a newline and depth levels of two-space indent.
func newline(dst []byte, depth int) []byte {
	const spaces = "                                                                "
	dst = append(dst, '\n')
	n := 2 * depth
	for n > len(spaces) {
		dst = append(dst, spaces...)
		n -= len(spaces)
	}
	return append(dst, spaces[:n]...)
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
