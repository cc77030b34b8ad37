package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"policysite/internal/api"
)

// reference is Marshal as it was before it laid out the JSON itself: the
// output Marshal must keep byte for byte.
func reference(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sameAsReference fails t unless Marshal and reference agree on v, errors
// included.
func sameAsReference(t *testing.T, v any) {
	t.Helper()
	want, wantErr := reference(v)
	got, err := api.Marshal(v)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("Marshal error %v, reference error %v", err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Marshal differs from json.Encoder with SetIndent\ngot:\n%q\nwant:\n%q", got, want)
	}
}

type inner struct {
	Name  string         `json:"name"`
	Tags  []string       `json:"tags"`
	Attrs map[string]any `json:"attrs,omitempty"`
	Next  *inner         `json:"next,omitempty"`
}

// spaced is a Marshaler whose output has the whitespace the encoder strips.
type spaced struct{}

func (spaced) MarshalJSON() ([]byte, error) {
	return []byte(" {\n\t\"a\" : [ 1 , \"x y\" ] ,\r\n \"b\":{ } } "), nil
}

func TestMarshalMatchesEncoderIndent(t *testing.T) {
	firstEdition := exampleEdition()
	firstEdition.Previous, firstEdition.SupersededBy, firstEdition.Next = nil, nil, nil
	firstEdition.ChangesURL, firstEdition.ChangesJSONURL = nil, nil
	firstEdition.Clauses, firstEdition.Translations = []api.Clause{}, nil

	deep := &inner{Name: "0"}
	for i, n := 1, deep; i < 40; i++ {
		n.Next = &inner{Name: fmt.Sprint(i), Tags: []string{}}
		n = n.Next
	}

	tests := []struct {
		name string
		v    any
	}{
		{"edition", exampleEdition()},
		{"first edition, empty and null lists", firstEdition},
		{"changes", exampleChanges()},
		{"feed", exampleFeed()},
		{"index", exampleIndex()},
		{"null", nil},
		{"true", true},
		{"false", false},
		{"integer", -42},
		{"float", 3.25e-7},
		{"large float", 1e21},
		{"uint64", uint64(math.MaxUint64)},
		{"number", json.Number("12.50")},
		{"empty string", ""},
		{"quotes", `he said "no" and "" then "`},
		{"backslashes", `C:\dir\ \\server\share\\ ends with \`},
		{"backslash before quote", `\"`},
		{"backslashes before quote", `\\\"\\"`},
		{"control characters", "tab\tnl\ncr\rnul\x00bell\x07esc\x1b\x1f"},
		{"line and paragraph separators", "a\u2028b\u2029c"},
		{"HTML", `<p class="x">A & B</p> <script>alert(1)</script>`},
		{"Cyrillic", "Политика конфиденциальности «Причал»"},
		{"emoji", "ok 👍🏽 🇷🇺 family 👨‍👩‍👧"},
		{"invalid UTF-8", "a\xffb\xc3"},
		{"structural bytes in text", `{"a": [1, 2], "b": {}}, [] {} : ,`},
		{"empty object", struct{}{}},
		{"empty map", map[string]int{}},
		{"nil map", map[string]int(nil)},
		{"empty slice", []int{}},
		{"nil slice", []int(nil)},
		{"empty byte slice", []byte{}},
		{"bytes", []byte("base64 <&>")},
		{"nested empties", []any{[]any{}, map[string]any{}, []any{[]any{}}, map[string]any{"": map[string]any{}}}},
		{"nested arrays", [][]int{{1, 2}, {}, {3}, nil}},
		{"map with awkward keys", map[string]any{
			"":        "empty key",
			`"`:       `quote`,
			`\`:       `backslash`,
			"a:b,c":   []any{"x", 1, nil, true},
			"ключ":    map[string]any{"вложенный": []string{"a", "б"}},
			"<&>":     1.5,
			"\u2028":  "sep",
			"\n\t":    "",
			"👍":       []any{},
			"z{[]}":   map[string]any{},
			"numbers": []any{0, -0.0, 1e-9, 123456789},
		}},
		{"struct", inner{
			Name:  `"quoted" \ name`,
			Tags:  []string{"", "b", "в"},
			Attrs: map[string]any{"k": []any{map[string]any{"x": nil}}, "l": []any{}},
			Next:  &inner{Name: "next"},
		}},
		{"deep", deep},
		{"raw message", map[string]json.RawMessage{"raw": json.RawMessage(" [ 1 ,\n {\"a\" : \"b c\" } , [ ] ] ")}},
		{"marshaler with spaces", []spaced{{}, {}}},
		{"unsupported value", math.Inf(1)},
		{"unsupported type", map[string]any{"ch": make(chan int)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameAsReference(t, tt.v)
		})
	}
}

// FuzzMarshalMatchesIndent puts the fuzzed text in strings and keys of a
// small document, and, when the fuzzed bytes are JSON, encodes them both
// as a json.RawMessage, which the encoder compacts, and as the values they
// decode to, which gives the fuzzer the document's structure to vary.
func FuzzMarshalMatchesIndent(f *testing.F) {
	f.Add("", []byte(`{}`))
	f.Add(`a"b\c`, []byte(`[1, {"a": []}, {}, "x\"y"]`))
	f.Add("Политика\n«конфиденциальности» <&> \u2028 👍", []byte(`{"k":{"l":[[],[{}]]},"m":null}`))
	f.Add(`\\"\"`, []byte(" [ true , false , -1.5e3 ] "))
	f.Add("\x00\x1f\xff", []byte(`"\u00e9\\\"\/"`))
	f.Add("", []byte(`[1e400, -0.0e-0, 10000000000000000000000]`))
	f.Fuzz(func(t *testing.T, s string, data []byte) {
		sameAsReference(t, s)
		sameAsReference(t, map[string]any{
			s:     []any{s, map[string]any{}, []string{s, s}},
			"":    map[string]string{s: s},
			"arr": []any{},
		})
		sameAsReference(t, inner{Name: s, Tags: []string{s}, Next: &inner{Name: s, Tags: []string{}}})
		if !json.Valid(data) {
			return
		}
		sameAsReference(t, json.RawMessage(data))
		sameAsReference(t, []any{json.RawMessage(data), s})
		// Numbers stay json.Numbers, which the encoder writes as they are,
		// rather than becoming float64s that 1e400 does not fit.
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("Decode of valid JSON: %v", err)
		}
		sameAsReference(t, v)
	})
}

// benchDocument is an edition as large as the long policies: a few texts
// of about 20 KB in Russian, with the line breaks and quotes that the
// encoder escapes, and 40 clauses.
func benchDocument() api.Edition {
	para := "1.1. Оператор обрабатывает персональные данные Пользователя «в объёме, необходимом для исполнения договора» и хранит их не дольше, чем этого требуют цели обработки; см. \"Приложение 1\" <https://prichal.example/> & C:\\Документы.\n\n"
	long := func(n int) string {
		var sb strings.Builder
		for sb.Len() < 20000 {
			fmt.Fprintf(&sb, "%d. %s", n, para)
			n++
		}
		return sb.String()
	}
	ed := exampleEdition()
	ed.Text = long(1)
	ed.Markdown = "## " + long(100)
	ed.Summary = long(200)
	ed.Clauses = nil
	for i := range 40 {
		n := fmt.Sprintf("%d.%d", i/5+1, i%5+1)
		ed.Clauses = append(ed.Clauses, api.Clause{
			Number:  n,
			Anchor:  "c-" + strings.ReplaceAll(n, ".", "-"),
			URL:     base + "ru/privacy/2024-07-10/#c-" + strings.ReplaceAll(n, ".", "-"),
			Heading: "Общие положения",
			Text:    n + ". " + para,
		})
	}
	return ed
}

func benchmarkMarshal(b *testing.B, marshal func(any) ([]byte, error)) {
	doc := benchDocument()
	out, err := marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := marshal(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) { benchmarkMarshal(b, api.Marshal) }

func BenchmarkMarshalReference(b *testing.B) { benchmarkMarshal(b, reference) }
