package redline

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"policysite/internal/l10n"
	"policysite/internal/plaintext"
	"policysite/internal/policy"
)

// goldenDiff compares a golden case's texts: "old" and "new" are plain
// texts compared with Diff; "old.md" and "new.md" are Markdown, compared
// with their marks as the site does (plaintext.Marked, DiffDocs). It
// returns the result and the two plain texts.
func goldenDiff(sections map[string]string) (*Result, string, string) {
	if md, ok := sections["old.md"]; ok {
		ot, om := plaintext.Marked(md)
		nt, nm := plaintext.Marked(sections["new.md"])
		return DiffDocs(Doc{Text: ot, Marks: om}, Doc{Text: nt, Marks: nm}), ot, nt
	}
	return Diff(sections["old"], sections["new"]), sections["old"], sections["new"]
}

// goldenLang is the language of a golden case, from its name
// ("split.ru.txtar").
func goldenLang(file string) policy.Lang {
	if strings.HasSuffix(file, ".ru.txtar") {
		return "ru"
	}
	return "en"
}

// goldenOutput is what a golden case holds after its inputs: the redline
// as WriteText prints it without colour, the summary in the case's
// language from the product's own messages, the statistics, and the link
// and formatting changes when there are any.
func goldenOutput(t *testing.T, r *Result, lang policy.Lang) string {
	t.Helper()
	var b strings.Builder
	if err := r.WriteText(&b, TextOptions{Labels: labelsFor(t, lang)}); err != nil {
		t.Fatal(err)
	}
	summary, err := Summary(messages(t).For(lang), r.Stats)
	if err != nil {
		t.Fatal(err)
	}
	b.WriteString("\nsummary: " + summary + "\n")
	st, _ := json.Marshal(r.Stats)
	b.WriteString(string(st) + "\n")
	if len(r.Links) > 0 {
		js, _ := json.Marshal(r.Links)
		b.WriteString("links: " + string(js) + "\n")
	}
	if len(r.Formats) > 0 {
		js, _ := json.Marshal(r.Formats)
		b.WriteString("formats: " + string(js) + "\n")
	}
	return b.String()
}

var (
	bundleOnce sync.Once
	bundle     *l10n.Bundle
	bundleErr  error
)

// messages are the product's messages, i18n/*.toml, which the golden
// cases' summaries are written in.
func messages(t *testing.T) *l10n.Bundle {
	t.Helper()
	bundleOnce.Do(func() {
		bundle, bundleErr = l10n.Load(os.DirFS("../.."), []policy.Lang{"ru", "en"})
	})
	if bundleErr != nil {
		t.Fatal(bundleErr)
	}
	return bundle
}

func labelsFor(t *testing.T, lang policy.Lang) Labels {
	t.Helper()
	l, err := LocalLabels(messages(t).For(lang))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkExpect holds a result to a golden case's "expect" section, written
// by hand and never rewritten by -update: lines "field=value" for the
// statistics (their JSON names) and "summary=…" for the summary in the
// case's language.
func checkExpect(t *testing.T, r *Result, lang policy.Lang, expect string) {
	t.Helper()
	var stats map[string]any
	js, _ := json.Marshal(r.Stats)
	if err := json.Unmarshal(js, &stats); err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(expect) {
		key, want, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok {
			continue
		}
		if key == "summary" {
			got, err := Summary(messages(t).For(lang), r.Stats)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("summary = %q, want %q", got, want)
			}
			continue
		}
		v, ok := stats[key]
		if !ok {
			t.Errorf("expect: no statistic %q", key)
			continue
		}
		if got := strings.TrimSuffix(strings.TrimSuffix(jsonString(v), ".0"), "\n"); got != want {
			t.Errorf("%s = %s, want %s", key, got, want)
		}
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// FuzzDiffDocs compares two Markdown texts as the site does, with their
// marks, and holds the result to what every redline promises: both texts
// given back, no word split, counts equal to the operations, an encoding
// that decodes to the same result.
func FuzzDiffDocs(f *testing.F) {
	f.Add("## 1. A\n\n1.1. See [the policy](https://a.example/p).", "**1. A**\n\n1.1. See [the policy](https://a.example/q).")
	f.Add("a b c. d e f.\n\ng", "a b c.\n\nd e f.\n\ng")
	f.Add("- x *y* z\n- w", "x **y** z\n\nw")
	f.Add("[a](u) [b](v) [c](w)", "[a](v) b [c](w) [d](x)")
	f.Add("1. A\n\nB C D\n\nE", "1. A\n\nB\n\nC D E")
	f.Fuzz(func(t *testing.T, oldMD, newMD string) {
		ot, om := plaintext.Marked(oldMD)
		nt, nm := plaintext.Marked(newMD)
		r := DiffDocs(Doc{Text: ot, Marks: om}, Doc{Text: nt, Marks: nm})
		checkResult(t, "fuzz", r, ot, nt)
		checkCounts(t, "fuzz", r)
		sameRendering(t, r, roundTrip(t, r))
		for _, l := range r.Links {
			if l.Old == l.New {
				t.Fatalf("a link change with the same address: %+v", l)
			}
		}
	})
}
