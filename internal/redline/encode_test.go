package redline

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// roundTrip encodes r and decodes it again.
func roundTrip(t *testing.T, r *Result) *Result {
	t.Helper()
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Result
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return &got
}

// sameRendering fails unless a and b render the same HTML, text (plain and
// coloured) and JSON, and are equal field by field, unexported ones too.
func sameRendering(t *testing.T, a, b *Result) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("decoded result differs from the original:\n got %+v\nwant %+v", b, a)
	}
	for _, l := range []Labels{English, {Deleted: "удалено:", Inserted: "добавлено:", MovedTo: "перенесено в %s", MovedFrom: "перенесено из %s",
		MovedToOpening: "в начало", MovedFromOpening: "из начала", Opening: "начало", Unchanged: English.Unchanged, Old: "Было", New: "Стало"}} {
		ai, as := a.HTML(l)
		bi, bs := b.HTML(l)
		if ai != bi || as != bs {
			t.Errorf("decoded result renders other HTML")
		}
		for _, color := range []bool{false, true} {
			var at, bt bytes.Buffer
			if err := a.WriteText(&at, TextOptions{Color: color, Labels: l}); err != nil {
				t.Fatal(err)
			}
			if err := b.WriteText(&bt, TextOptions{Color: color, Labels: l}); err != nil {
				t.Fatal(err)
			}
			if at.String() != bt.String() {
				t.Errorf("decoded result writes other text (color %v)", color)
			}
		}
	}
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	if !bytes.Equal(aj, bj) {
		t.Errorf("decoded result marshals to other JSON:\n got %s\nwant %s", bj, aj)
	}
}

func TestEncodingRoundTripEdgeCases(t *testing.T) {
	for _, tt := range []struct{ old, new string }{
		{"", ""},
		{"", "1. New clause."},
		{"1. Old clause.", ""},
		{"Same.", "Same."},
		{"1. A first.\n\n2. B second paragraph that moves.\n\n3. C third.", "1. A first.\n\n2. C third.\n\n3. B second paragraph that moves."},
		{"Её адрес — ул. Ленина.", "Ее адрес – ул. Ленина."},
	} {
		r := Diff(tt.old, tt.new)
		sameRendering(t, r, roundTrip(t, r))
	}
}

// TestEncodingRefusesDamage checks that every truncation of an encoding,
// and a foreign tag, is refused rather than decoded into a wrong result.
func TestEncodingRefusesDamage(t *testing.T) {
	r := Diff("1. A first.\n\n2. B second.", "1. A first, changed.\n\n2. B second.\n\n3. C new.")
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n++ {
		var got Result
		if err := got.UnmarshalBinary(data[:n]); err == nil {
			t.Errorf("a truncation to %d of %d bytes decoded without error", n, len(data))
		}
	}
	var got Result
	if err := got.UnmarshalBinary(append(append([]byte{}, data...), 0)); err == nil {
		t.Error("trailing bytes decoded without error")
	}
	if err := got.UnmarshalBinary(append([]byte("XX"), data[2:]...)); err == nil {
		t.Error("a foreign tag decoded without error")
	}
}

// FuzzUnmarshalBinary checks that no bytes make decoding or rendering a
// decoded result panic.
func FuzzUnmarshalBinary(f *testing.F) {
	r := Diff("1. A first.\n\n2. B second paragraph.", "1. A first.\n\n3. B second paragraph.\n\n2. New.")
	data, _ := r.MarshalBinary()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Result
		if r.UnmarshalBinary(data) != nil {
			return
		}
		r.HTML(English)
		_ = r.WriteText(&bytes.Buffer{}, TextOptions{Labels: English})
	})
}

// TestOutlineIsTheDecodedResults: the outline read from an encoding is the
// one of the decoded result, and what UnmarshalBinary refuses for its
// shape, DecodeOutline refuses too.
func TestOutlineIsTheDecodedResults(t *testing.T) {
	for _, tt := range []struct{ old, new string }{
		{"", ""},
		{"Same.", "Same."},
		{"", "1. New clause."},
		{"1. A first.\n\n2. B second paragraph that moves.\n\n3. C third.", "1. A first.\n\n2. C third.\n\n3. B second paragraph that moves."},
		{"1. Срок — год.\n\n2. Адрес.", "1. Срок — месяц.\n\n2. Адрес.\n\n3. Контакты."},
	} {
		r := Diff(tt.old, tt.new)
		data, _ := r.MarshalBinary()
		got, err := DecodeOutline(data)
		if err != nil {
			t.Fatalf("%q → %q: %v", tt.old, tt.new, err)
		}
		if want := roundTrip(t, r).Outline(); !reflect.DeepEqual(got, want) {
			t.Errorf("%q → %q: outline\n got %+v\nwant %+v", tt.old, tt.new, got, want)
		}
		for n := 0; n < len(data); n++ {
			if _, err := DecodeOutline(data[:n]); err == nil {
				t.Errorf("a truncation to %d of %d bytes gave an outline", n, len(data))
			}
		}
		if _, err := DecodeOutline(append(append([]byte{}, data...), 0)); err == nil {
			t.Error("trailing bytes gave an outline")
		}
	}
}

// FuzzDecodeOutline checks that no bytes make DecodeOutline panic, and that
// whatever UnmarshalBinary decodes has the same outline.
func FuzzDecodeOutline(f *testing.F) {
	r := Diff("1. A first.\n\n2. B second paragraph.", "1. A first.\n\n3. B second paragraph.\n\n2. New.")
	data, _ := r.MarshalBinary()
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		o, oerr := DecodeOutline(data)
		var r Result
		if r.UnmarshalBinary(data) != nil {
			return
		}
		if oerr != nil {
			t.Fatalf("UnmarshalBinary decodes what DecodeOutline refuses: %v", oerr)
		}
		if !reflect.DeepEqual(o, r.Outline()) {
			t.Fatalf("outline %+v, decoded %+v", o, r.Outline())
		}
	})
}
