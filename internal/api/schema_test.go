package api_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"policysite/internal/api"
	"policysite/internal/api/apitest"
)

func loadSchema(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := api.Schema(name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func TestEverySchemaFileIsListedAndEmbedded(t *testing.T) {
	entries, err := os.ReadDir("schema")
	if err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			onDisk = append(onDisk, e.Name())
		}
	}
	listed := slices.Sorted(slices.Values(api.SchemaFiles))
	if !slices.Equal(onDisk, listed) {
		t.Errorf("schema/ holds %v, api.SchemaFiles lists %v", onDisk, listed)
	}
	for _, name := range api.SchemaFiles {
		if _, err := api.Schema(name); err != nil {
			t.Errorf("%s is not embedded: %v", name, err)
		}
	}
}

// The $id is relative so that a schema's bytes do not depend on the
// address the site is deployed at.
func TestSchemasDeclareDraftRelativeIDTitleAndDescription(t *testing.T) {
	for _, name := range api.SchemaFiles {
		t.Run(name, func(t *testing.T) {
			doc := loadSchema(t, name)
			if got := doc["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema is %v, want the 2020-12 draft", got)
			}
			if got := doc["$id"]; got != name {
				t.Errorf("$id is %v, want %q", got, name)
			}
			for _, k := range []string{"title", "description"} {
				if s, _ := doc[k].(string); s == "" {
					t.Errorf("has no %s", k)
				}
			}
		})
	}
}

func TestSchemasCompile(t *testing.T) {
	if _, err := apitest.NewValidator(); err != nil {
		t.Fatal(err)
	}
}

// TestSchemasDescribeEveryField keeps the Go types and the schemas
// together: a field added to a type and not to its schema, or the other
// way round, fails here, as does a change of type or of omitempty.
func TestSchemasDescribeEveryField(t *testing.T) {
	for _, tc := range []struct {
		schema string
		typ    reflect.Type
	}{
		{"edition.schema.json", reflect.TypeFor[api.Edition]()},
		{"changes.schema.json", reflect.TypeFor[api.Changes]()},
		{"feed.schema.json", reflect.TypeFor[api.Feed]()},
		{"policies.schema.json", reflect.TypeFor[api.Index]()},
	} {
		t.Run(tc.schema, func(t *testing.T) {
			root := loadSchema(t, tc.schema)
			c := &fieldChecker{t: t, root: root}
			c.structure(root, tc.typ, tc.typ.Name())
		})
	}
}

type fieldChecker struct {
	t    *testing.T
	root map[string]any
}

// expand returns the schema and every schema it reaches through $ref,
// allOf, anyOf and oneOf, which together say what its value may hold.
func (c *fieldChecker) expand(s any) []map[string]any {
	m, ok := s.(map[string]any)
	if !ok {
		return nil
	}
	out := []map[string]any{m}
	if ref, ok := m["$ref"].(string); ok {
		out = append(out, c.expand(c.resolve(ref))...)
	}
	for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
		branches, _ := m[kw].([]any)
		for _, b := range branches {
			out = append(out, c.expand(b)...)
		}
	}
	return out
}

// unconditional is expand without anyOf and oneOf: the schemas whose
// "required" every value must meet. A JSON Feed author, say, needs a name,
// a url or an avatar, but none of them in particular.
func (c *fieldChecker) unconditional(s any) []map[string]any {
	m, ok := s.(map[string]any)
	if !ok {
		return nil
	}
	out := []map[string]any{m}
	if ref, ok := m["$ref"].(string); ok {
		out = append(out, c.unconditional(c.resolve(ref))...)
	}
	branches, _ := m["allOf"].([]any)
	for _, b := range branches {
		out = append(out, c.unconditional(b)...)
	}
	return out
}

func (c *fieldChecker) resolve(ref string) any {
	c.t.Helper()
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		c.t.Fatalf("$ref %q: only references within the file are expected", ref)
	}
	var cur any = c.root
	for _, tok := range strings.Split(p, "/") {
		m, _ := cur.(map[string]any)
		if cur, ok = m[tok]; !ok {
			c.t.Fatalf("$ref %q does not resolve", ref)
		}
	}
	return cur
}

// types returns the JSON types a schema allows, from its own type, const
// or enum, or else from the schemas it refers to.
func (c *fieldChecker) types(s any) []string {
	m, _ := s.(map[string]any)
	var set []string
	switch {
	case m["type"] != nil:
		switch ty := m["type"].(type) {
		case string:
			set = []string{ty}
		case []any:
			for _, x := range ty {
				set = append(set, x.(string))
			}
		}
	case m["const"] != nil:
		set = []string{jsonType(m["const"])}
	case m["enum"] != nil:
		for _, v := range m["enum"].([]any) {
			set = append(set, jsonType(v))
		}
	case m["$ref"] != nil:
		set = c.types(c.resolve(m["$ref"].(string)))
	default:
		for _, kw := range []string{"anyOf", "oneOf"} {
			branches, _ := m[kw].([]any)
			for _, b := range branches {
				set = append(set, c.types(b)...)
			}
		}
	}
	sort.Strings(set)
	return slices.Compact(set)
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func goTypes(t reflect.Type) []string {
	switch t.Kind() {
	case reflect.Pointer:
		return slices.Sorted(slices.Values(append(goTypes(t.Elem()), "null")))
	case reflect.String:
		return []string{"string"}
	case reflect.Bool:
		return []string{"boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []string{"integer"}
	case reflect.Float32, reflect.Float64:
		return []string{"number"}
	case reflect.Slice, reflect.Array:
		return []string{"array"}
	case reflect.Struct:
		return []string{"object"}
	}
	return []string{t.Kind().String()}
}

// value checks the schema s of a value of Go type typ.
func (c *fieldChecker) value(s any, typ reflect.Type, where string) {
	if got, want := c.types(s), goTypes(typ); !slices.Equal(got, want) {
		c.t.Errorf("%s: the schema allows %v, the Go type %s writes %v", where, got, typ, want)
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
		s = c.nonNull(s)
	}
	switch typ.Kind() {
	case reflect.Struct:
		c.structure(s, typ, where)
	case reflect.Slice, reflect.Array:
		var items []any
		for _, m := range c.expand(s) {
			if it, ok := m["items"]; ok {
				items = append(items, it)
			}
		}
		if len(items) != 1 {
			c.t.Errorf("%s: the schema has %d items schemas, want 1", where, len(items))
			return
		}
		if typ.Kind() == reflect.Array {
			for _, kw := range []string{"minItems", "maxItems"} {
				n, found := c.keyword(s, kw)
				if !found || n != float64(typ.Len()) {
					c.t.Errorf("%s: %s is %v, the Go array has %d elements", where, kw, n, typ.Len())
				}
			}
		}
		c.value(items[0], typ.Elem(), where+"[]")
	}
}

// nonNull returns the schema of a nullable value when it is not null: the
// schema itself, or the one branch of its anyOf or oneOf that is not null.
func (c *fieldChecker) nonNull(s any) any {
	m, _ := s.(map[string]any)
	for _, kw := range []string{"anyOf", "oneOf"} {
		branches, _ := m[kw].([]any)
		var notNull []any
		for _, b := range branches {
			if !slices.Equal(c.types(b), []string{"null"}) {
				notNull = append(notNull, b)
			}
		}
		if len(branches) > 0 && len(notNull) == 1 {
			return notNull[0]
		}
	}
	return s
}

func (c *fieldChecker) keyword(s any, kw string) (any, bool) {
	for _, m := range c.expand(s) {
		if v, ok := m[kw]; ok {
			return v, true
		}
	}
	return nil, false
}

// structure checks that the schema s of a Go struct declares each of its
// fields, requires those always written, and declares nothing else.
func (c *fieldChecker) structure(s any, typ reflect.Type, where string) {
	props := map[string]any{}
	var required []string
	for _, m := range c.expand(s) {
		if p, ok := m["properties"].(map[string]any); ok {
			for k, v := range p {
				if _, dup := props[k]; dup {
					c.t.Errorf("%s: %q is declared twice", where, k)
				}
				props[k] = v
			}
		}
	}
	for _, m := range c.unconditional(s) {
		if r, ok := m["required"].([]any); ok {
			for _, k := range r {
				required = append(required, k.(string))
			}
		}
	}
	seen := map[string]bool{}
	for f := range typ.Fields() {
		if !f.IsExported() {
			continue
		}
		tag, ok := f.Tag.Lookup("json")
		if !ok {
			c.t.Errorf("%s.%s has no json tag", where, f.Name)
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		seen[name] = true
		at := where + "." + name
		prop, ok := props[name]
		if !ok {
			c.t.Errorf("%s: the schema does not declare the field %s", at, f.Name)
			continue
		}
		omitempty := slices.Contains(strings.Split(opts, ","), "omitempty")
		switch req := slices.Contains(required, name); {
		case !omitempty && !req:
			c.t.Errorf("%s: always written, but the schema does not require it", at)
		case omitempty && req:
			c.t.Errorf("%s: omitempty, but the schema requires it", at)
		}
		c.value(prop, f.Type, at)
	}
	for name := range props {
		if !seen[name] {
			c.t.Errorf("%s.%s: declared by the schema, but %s has no such field", where, name, typ)
		}
	}
}
