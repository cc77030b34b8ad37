package check

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/plaintext"
	"policysite/internal/testfs"
	"policysite/internal/textmark"
)

// TestAnalysisEncodingKnowsEveryField fails when a type that an analysis
// holds gains or loses a field: encode.go writes each field by hand, and a
// field it does not know would be lost from cached analyses.
func TestAnalysisEncodingKnowsEveryField(t *testing.T) {
	for _, tc := range []struct {
		v      any
		fields int
	}{
		{Analysis{}, 5},
		{plaintext.Block{}, 3},
		{textmark.Marks{}, 3},
		{textmark.Block{}, 3},
		{textmark.Link{}, 3},
		{textmark.Style{}, 3},
		{clause.Clause{}, 4},
		{changeterms.Terms{}, 1},
		{changeterms.Finding{}, 9},
	} {
		if n := reflect.TypeOf(tc.v).NumField(); n != tc.fields {
			t.Errorf("%T has %d fields, encode.go writes %d: update encodeAnalysis and decodeAnalysis, and bump analysisVersion", tc.v, n, tc.fields)
		}
	}
}

// analysisBodies are edition bodies to encode: the sample's, and the
// shared seeds and corpus beside the checkout when they are there.
func analysisBodies(t *testing.T) map[string]string {
	t.Helper()
	bodies := map[string]string{}
	sample := filepath.Join(testfs.SampleDir(), "versions", "*", "*.md")
	for _, pattern := range []string{sample, "../../../shared/seeds/*.txt", "../../../shared/corpus/*/*/*.md"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			bodies[f] = string(data)
		}
	}
	if len(bodies) == 0 {
		t.Fatal("no editions to encode")
	}
	return bodies
}

func TestAnalysisEncodingRoundTrips(t *testing.T) {
	bodies := analysisBodies(t)
	found := map[string]bool{}
	for name, body := range bodies {
		a := Read(body)
		data := encodeAnalysis(a)
		got := decodeAnalysis(data)
		if !reflect.DeepEqual(got, a) {
			t.Errorf("%s: the analysis decodes otherwise", name)
		}
		for _, f := range a.Terms.Findings {
			found["finding"] = true
			found["channels"] = found["channels"] || len(f.Channels) > 0
			found["days"] = found["days"] || f.Days > 0
			found["url"] = found["url"] || f.URL != ""
			found["consent"] = found["consent"] || f.Consent != ""
		}
		for _, c := range a.Clauses {
			found["heading"] = found["heading"] || c.Heading
		}
	}
	t.Logf("%d editions; fields seen: %v", len(bodies), found)
	for _, k := range []string{"finding", "heading", "consent"} {
		if !found[k] {
			t.Errorf("no edition has a %s: the round trip proves less than it should", k)
		}
	}
}

func TestAnalysisEncodingRefusesDamage(t *testing.T) {
	data := encodeAnalysis(Read("## 1. Общие положения\n\n1.1. Оператор вправе изменять Политику без согласия пользователя.\n"))
	for n := 0; n < len(data); n++ {
		if decodeAnalysis(data[:n]) != nil {
			t.Errorf("a truncation to %d of %d bytes decoded", n, len(data))
		}
	}
	if decodeAnalysis(append(append([]byte{}, data...), 0)) != nil {
		t.Error("trailing bytes decoded")
	}
}

// FuzzDecodeAnalysis checks that no bytes make decoding panic, and that
// whatever decodes survives another round trip unchanged.
func FuzzDecodeAnalysis(f *testing.F) {
	f.Add(encodeAnalysis(Read("## 1. Общие положения\n\n1.1. Новая редакция вступает в силу с момента размещения.\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := decodeAnalysis(data)
		if a == nil {
			return
		}
		if back := decodeAnalysis(encodeAnalysis(a)); !reflect.DeepEqual(back, a) {
			t.Fatalf("%q decodes as %+v, and then as %+v", data, a, back)
		}
	})
}
