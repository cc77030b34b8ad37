// Package apitest checks the documents of package api the way a crawler
// would: against the JSON Schemas the site publishes, and against the JSON
// Feed 1.1 and Atom (RFC 4287) rules that a schema cannot express. It is
// for the tests of the packages that write those documents.
package apitest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"policysite/internal/api"
)

// BaseURL is where the validator pretends the schemas are published. Their
// $ids are relative, so any address works. The validator fetches nothing,
// so a $ref to anything but the embedded schemas fails to compile.
const BaseURL = "https://schemas.policysite.invalid/schema/"

// Validator holds the compiled schemas of api.SchemaFiles.
type Validator struct {
	compiled map[string]*jsonschema.Schema
	// docs are the schemas as plain JSON values, which Strict walks.
	docs map[string]any
}

// NewValidator compiles every schema of api.SchemaFiles with format
// assertions on, so that "date-time" and "uri-reference" are checked
// rather than merely noted as the 2020-12 draft does by default.
func NewValidator() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	v := &Validator{compiled: map[string]*jsonschema.Schema{}, docs: map[string]any{}}
	for _, name := range api.SchemaFiles {
		data, err := api.Schema(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := c.AddResource(BaseURL+name, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		v.docs[name] = doc
	}
	for _, name := range api.SchemaFiles {
		sch, err := c.Compile(BaseURL + name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		v.compiled[name] = sch
	}
	return v, nil
}

// Violation is one way in which a document breaks a rule.
type Violation struct {
	// Path is the JSON pointer of the value at fault, "" for the document.
	Path    string
	Message string
}

func (v Violation) String() string {
	p := v.Path
	if p == "" {
		p = "(document)"
	}
	return p + ": " + v.Message
}

// Error lists every violation of one document, one per line.
type Error struct {
	Schema     string
	Violations []Violation
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d violation(s)", e.Schema, len(e.Violations))
	for _, v := range e.Violations {
		b.WriteString("\n  ")
		b.WriteString(v.String())
	}
	return b.String()
}

// Validate checks data against the schema published as /schema/schemaName.
// The error is an *Error that lists every violation, not just the first.
func (v *Validator) Validate(schemaName string, data []byte) error {
	sch, ok := v.compiled[schemaName]
	if !ok {
		return fmt.Errorf("no schema %q; there are %s", schemaName, strings.Join(api.SchemaFiles, ", "))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: the document is not JSON: %w", schemaName, err)
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return fmt.Errorf("%s: %w", schemaName, err)
	}
	var vs []Violation
	collect(verr, &vs)
	// The library's order follows its maps; by path, the list reads from
	// the top of the document down and is the same on every run.
	slices.SortFunc(vs, func(a, b Violation) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Message, b.Message))
	})
	return &Error{Schema: schemaName, Violations: dedup(vs)}
}

// english prints the library's messages as its own Error methods do.
var english = message.NewPrinter(language.English)

// collect gathers the leaves of the library's error tree, which are the
// actual violations; the inner nodes only say which keyword led there.
func collect(e *jsonschema.ValidationError, vs *[]Violation) {
	if len(e.Causes) == 0 {
		*vs = append(*vs, Violation{Path: pointer(e.InstanceLocation), Message: e.ErrorKind.LocalizedString(english)})
		return
	}
	causes := e.Causes
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		// For a nullable object such as "previous", a broken object fails
		// both branches, and "got object, want null" only hides the error
		// that matters.
		var deeper []*jsonschema.ValidationError
		for _, c := range causes {
			if !onlyWrongType(c) {
				deeper = append(deeper, c)
			}
		}
		if len(deeper) > 0 {
			causes = deeper
		}
	}
	for _, c := range causes {
		collect(c, vs)
	}
}

func onlyWrongType(e *jsonschema.ValidationError) bool {
	for len(e.Causes) == 1 {
		e = e.Causes[0]
	}
	if len(e.Causes) > 0 {
		return false
	}
	_, ok := e.ErrorKind.(*kind.Type)
	return ok
}

func dedup(vs []Violation) []Violation {
	seen := map[Violation]bool{}
	out := vs[:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}

// Strict reports every object key of data that the schema schemaName does
// not declare in "properties". The schemas allow unknown keys, so that
// readers of the published documents accept fields added later; the
// site's own output must not have any, or the Go types and the schemas
// have drifted apart. Strict does not otherwise validate: call Validate too.
func (v *Validator) Strict(schemaName string, data []byte) error {
	root, ok := v.docs[schemaName]
	if !ok {
		return fmt.Errorf("no schema %q; there are %s", schemaName, strings.Join(api.SchemaFiles, ", "))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var inst any
	if err := dec.Decode(&inst); err != nil {
		return fmt.Errorf("%s: the document is not JSON: %w", schemaName, err)
	}
	w := strictWalker{root: root}
	w.walk([]any{root}, inst, nil)
	if len(w.vs) == 0 {
		return nil
	}
	return &Error{Schema: schemaName, Violations: w.vs}
}

type strictWalker struct {
	root any
	vs   []Violation
}

// maxDepth bounds the $ref chains expand follows, so that a schema that
// refers to itself cannot loop.
const maxDepth = 32

// walk checks inst against every schema in schemas at once: a key is
// declared if any of them, or any schema they reach through $ref, allOf,
// anyOf or oneOf, lists it.
func (w *strictWalker) walk(schemas []any, inst any, path []string) {
	var all []map[string]any
	for _, s := range schemas {
		w.expand(s, path, 0, &all)
	}
	switch inst := inst.(type) {
	case map[string]any:
		keys := make([]string, 0, len(inst))
		for k := range inst {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			var subs []any
			for _, s := range all {
				if props, ok := s["properties"].(map[string]any); ok {
					if sub, ok := props[k]; ok {
						subs = append(subs, sub)
					}
				}
			}
			if len(subs) == 0 {
				w.vs = append(w.vs, Violation{Path: pointer(path), Message: fmt.Sprintf("property %q is not declared in the schema", k)})
				continue
			}
			w.walk(subs, inst[k], append(slices.Clip(path), k))
		}
	case []any:
		for i, el := range inst {
			var subs []any
			for _, s := range all {
				if prefix, ok := s["prefixItems"].([]any); ok && i < len(prefix) {
					subs = append(subs, prefix[i])
					continue
				}
				if items, ok := s["items"]; ok {
					subs = append(subs, items)
				}
			}
			w.walk(subs, el, append(slices.Clip(path), fmt.Sprint(i)))
		}
	}
}

func (w *strictWalker) expand(s any, path []string, depth int, out *[]map[string]any) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	if depth > maxDepth {
		w.vs = append(w.vs, Violation{Path: pointer(path), Message: "the schema's $refs nest too deep"})
		return
	}
	*out = append(*out, m)
	if ref, ok := m["$ref"].(string); ok {
		target, err := resolve(w.root, ref)
		if err != nil {
			w.vs = append(w.vs, Violation{Path: pointer(path), Message: err.Error()})
		} else {
			w.expand(target, path, depth+1, out)
		}
	}
	for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
		if branches, ok := m[kw].([]any); ok {
			for _, b := range branches {
				w.expand(b, path, depth+1, out)
			}
		}
	}
}

// resolve follows a $ref within the schema's own file; the schemas are
// published one by one, so a reference to another file is not supported.
func resolve(root any, ref string) (any, error) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("$ref %q leaves the schema's file", ref)
	}
	cur := root
	if frag == "" {
		return cur, nil
	}
	if !strings.HasPrefix(frag, "/") {
		return nil, fmt.Errorf("$ref %q: only JSON pointers are supported", ref)
	}
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
	}
	return cur, nil
}
