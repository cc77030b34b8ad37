package changeterms_test

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"policysite/internal/changeterms"
	"policysite/internal/check"
	"policysite/internal/corpus"
)

// The evaluation set: documents annotated with what a lawyer reads in their
// change clauses (docs/change-terms-evaluation.md). The original cases are
// written for the repository and always run; the real ones only name
// documents of ../shared beside the checkout, whose text may not be copied
// here, and skip when it is absent.
const (
	evalDir    = "testdata/eval"
	sharedRoot = "../../../shared"
	// minPrecision and minRecall are the targets every field must meet in
	// each language.
	minPrecision = 0.95
	minRecall    = 0.90
)

var (
	// evalFields are the fields a want section may set, in table order.
	evalFields = []string{"unilateral", "consent", "effective_on_posting", "unless_otherwise",
		"notice_days", "notification", "continued_use", "published_at", "retroactive"}
	// evalLangs are the languages, each measured on its own.
	evalLangs = []string{"en", "ru"}
	// channelOrder is changeterms' summary order of channels, in which a
	// notification value is written.
	channelOrder = []string{"site", "email", "other", "none"}
	// headerKeys are the keys a case file may give before its files.
	headerKeys = []string{"lang", "kind", "seed", "history", "edition"}
)

// evalCase is one document of the set and what it says about changes.
type evalCase struct {
	name   string // path below evalDir
	header map[string]string
	body   string // the edition's Markdown body
	want   map[string]fieldValue
}

func (c *evalCase) lang() string   { return c.header["lang"] }
func (c *evalCase) negative() bool { return c.header["kind"] == "negative" }

// fieldValue is what a document says for one field: a value in the form
// normValue gives, and the numbers of the clauses that say it ("" for text
// outside numbered clauses; nil in a want: the clauses are not checked).
// In a want, optional lists clauses where a finding is right but not
// required: a sentence that presupposes the field without stating it ("if
// we make changes, we will email you" presupposes the right to change).
type fieldValue struct {
	value    string
	clauses  []string
	optional []string
}

// matches reports whether got says what want does: the same value and,
// when want names clauses, each of them and no other but the optional.
func (want fieldValue) matches(got fieldValue) bool {
	if want.value != got.value {
		return false
	}
	if want.clauses == nil {
		return true
	}
	for _, c := range got.clauses {
		if !slices.Contains(want.clauses, c) && !slices.Contains(want.optional, c) {
			return false
		}
	}
	return !slices.ContainsFunc(want.clauses, func(c string) bool { return !slices.Contains(got.clauses, c) })
}

func (v fieldValue) String() string {
	if v.clauses == nil {
		return strconv.Quote(v.value)
	}
	var cs []string
	for _, c := range v.clauses {
		cs = append(cs, cmp.Or(c, "-"))
	}
	for _, c := range v.optional {
		cs = append(cs, cmp.Or(c, "-")+"?")
	}
	return fmt.Sprintf("%q @%s", v.value, strings.Join(cs, ","))
}

// parseCase reads a case file: "key: value" lines before the first file
// (headerKeys; other lines are notes), a policy.md file for an original
// case and a want file.
func parseCase(name string, data []byte) (evalCase, error) {
	ar := txtar.Parse(data)
	c := evalCase{name: name, header: map[string]string{}, want: map[string]fieldValue{}}
	for _, l := range strings.Split(string(ar.Comment), "\n") {
		k, v, _ := strings.Cut(l, ":")
		if k = strings.TrimSpace(k); slices.Contains(headerKeys, k) {
			// A note's line that happens to start with a key would change
			// the case silently; the key given twice gives it away.
			if _, dup := c.header[k]; dup {
				return c, fmt.Errorf("%s given twice before the files", k)
			}
			c.header[k] = strings.TrimSpace(v)
		}
	}
	for _, f := range ar.Files {
		switch f.Name {
		case "policy.md":
			c.body = string(f.Data)
		case "want":
			if err := parseWant(string(f.Data), c.want); err != nil {
				return c, err
			}
		default:
			return c, fmt.Errorf("unknown file %q", f.Name)
		}
	}
	switch {
	case c.lang() != "ru" && c.lang() != "en":
		return c, fmt.Errorf("lang %q: want ru or en", c.lang())
	case !slices.Contains([]string{"", "positive", "negative"}, c.header["kind"]):
		return c, fmt.Errorf("kind %q: want positive or negative", c.header["kind"])
	case c.negative() != (len(c.want) == 0):
		return c, fmt.Errorf("a negative case expects nothing and a positive one something")
	case (c.body != "") == (c.header["seed"] != "" || c.header["history"] != ""):
		return c, fmt.Errorf("a case has either policy.md or a seed or history in ../shared")
	}
	return c, nil
}

// parseWant reads want lines, "field value [@clause,clause?]", into want.
func parseWant(text string, want map[string]fieldValue) error {
	for i, l := range strings.Split(text, "\n") {
		l, _, _ = strings.Cut(l, "#")
		words := strings.Fields(l)
		if len(words) == 0 {
			continue
		}
		var v fieldValue
		if at := words[len(words)-1]; strings.HasPrefix(at, "@") {
			words = words[:len(words)-1]
			v.clauses = []string{}
			for _, c := range strings.Split(at[1:], ",") {
				c, opt := strings.CutSuffix(c, "?")
				if c = strings.TrimPrefix(c, "-"); opt {
					v.optional = append(v.optional, c)
				} else {
					v.clauses = append(v.clauses, c)
				}
			}
		}
		value, err := normValue(words[0], strings.Join(words[1:], " "))
		if err != nil {
			return fmt.Errorf("want line %d: %v", i+1, err)
		}
		if _, dup := want[words[0]]; dup {
			return fmt.Errorf("want line %d: %s given twice", i+1, words[0])
		}
		v.value = value
		want[words[0]] = v
	}
	return nil
}

// normValue checks a field's value as a want line writes it and returns it
// in the form observe gives: "yes" for a flag; "with" or "without";
// "7, 30 material" for notice periods (days, then "material" when only
// material changes get them); "site,email" or "unspecified" for the
// channels; an address or "yes" for published_at.
func normValue(field, v string) (string, error) {
	ok := false
	switch field {
	case "unilateral", "effective_on_posting", "unless_otherwise", "continued_use", "retroactive":
		ok = v == "yes"
	case "consent":
		ok = v == "with" || v == "without"
	case "published_at":
		ok = v != "" && !strings.Contains(v, " ")
	case "notice_days":
		var items []string
		for _, it := range strings.Split(v, ",") {
			w := append(strings.Fields(it), "", "")
			n, err := strconv.Atoi(w[0])
			if err != nil || n <= 0 || w[1] != "" && w[1] != "material" || w[2] != "" {
				return "", fmt.Errorf("notice_days %q: want days and an optional material", v)
			}
			items = append(items, noticeItem(n, w[1]))
		}
		return joinSorted(items), nil
	case "notification":
		chans := strings.Split(strings.ReplaceAll(v, " ", ""), ",")
		if v == "unspecified" || !slices.ContainsFunc(chans, func(c string) bool { return !slices.Contains(channelOrder, c) }) {
			return channelsValue(chans), nil
		}
	default:
		return "", fmt.Errorf("unknown field %q", field)
	}
	if !ok {
		return "", fmt.Errorf("%s: bad value %q", field, v)
	}
	return v, nil
}

// noticeItem writes one notice period; the days are padded so that the
// items sort in the order of the days.
func noticeItem(days int, scope string) string {
	return fmt.Sprintf("%4d %s", days, scope)
}

func joinSorted(items []string) string {
	items = slices.Compact(slices.Sorted(slices.Values(items)))
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	return strings.Join(items, ", ")
}

// channelsValue writes channels in summary order without repeats, or
// "unspecified" for none: a notification that names no channel.
func channelsValue(chans []string) string {
	out := slices.DeleteFunc(slices.Clone(channelOrder), func(c string) bool { return !slices.Contains(chans, c) })
	return cmp.Or(strings.Join(out, ","), "unspecified")
}

// observe gives, per field, what the findings say of the whole document
// and the clauses of the findings that say it.
func observe(found []changeterms.Finding) map[string]fieldValue {
	out := map[string]fieldValue{}
	add := func(field, clause string) {
		v := out[field]
		if !slices.Contains(v.clauses, clause) {
			v.clauses = append(v.clauses, clause)
		}
		out[field] = v
	}
	var notice, chans []string
	consent := map[changeterms.Consent][]string{}
	url := ""
	for _, f := range found {
		field := string(f.Kind)
		switch f.Kind {
		case changeterms.OnPosting:
			field = "effective_on_posting"
		case changeterms.NoticePeriod:
			field = "notice_days"
			notice = append(notice, noticeItem(f.Days, string(f.Scope)))
		case changeterms.Notification:
			for _, c := range f.Channels {
				chans = append(chans, string(c))
			}
		case changeterms.PublishedAt:
			url = cmp.Or(url, f.URL)
		case changeterms.Unilateral:
			if f.Consent != "" && !slices.Contains(consent[f.Consent], f.Clause) {
				consent[f.Consent] = append(consent[f.Consent], f.Clause)
			}
		}
		add(field, f.Clause)
	}
	// Terms.Consent's rule: without consent wins over with.
	for _, c := range []changeterms.Consent{changeterms.WithoutConsent, changeterms.WithConsent} {
		if consent[c] != nil {
			out["consent"] = fieldValue{value: string(c), clauses: consent[c]}
			break
		}
	}
	values := map[string]string{"notice_days": joinSorted(notice), "notification": channelsValue(chans), "published_at": cmp.Or(url, "yes")}
	for k, v := range out {
		slices.Sort(v.clauses)
		v.value = cmp.Or(values[k], cmp.Or(v.value, "yes"))
		out[k] = v
	}
	return out
}

// mismatch is one field of one case where the analysis and the set differ.
type mismatch struct {
	c         *evalCase
	field     string
	want, got fieldValue
}

func (m mismatch) String() string {
	what := "wrong"
	switch {
	case m.c.negative():
		what = "false positive on a negative"
	case m.want.value == "":
		what = "spurious"
	case m.got.value == "":
		what = "missed"
	}
	return fmt.Sprintf("%s [%s] %s: %s: want %v, got %v", m.c.name, m.c.lang(), m.field, what, m.want, m.got)
}

// tally counts one field in one language.
type tally struct{ tp, fp, fn int }

func (t tally) precision() float64 { return ratio(t.tp, t.tp+t.fp) }
func (t tally) recall() float64    { return ratio(t.tp, t.tp+t.fn) }

// ratio is n/d, or 1 when d is 0: a field nothing claims has no false
// claim, and one nothing expects no miss.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// score runs the analysis as the site does (check.Read: plain text blocks,
// the clause model, then changeterms) on every case and counts each field
// per language. A field is a true positive when the value and, if the case
// gives them, the clauses match; a wrong value is a false positive and a
// miss at once.
func score(cases []evalCase) (map[string]map[string]*tally, []mismatch) {
	ts := map[string]map[string]*tally{}
	for _, lang := range evalLangs {
		ts[lang] = map[string]*tally{}
		for _, f := range evalFields {
			ts[lang][f] = &tally{}
		}
	}
	var bad []mismatch
	for i := range cases {
		c := &cases[i]
		got := observe(check.Read(c.body).Terms.Findings)
		for _, f := range evalFields {
			w, wok := c.want[f]
			g, gok := got[f]
			t := ts[c.lang()][f]
			if wok && gok && w.matches(g) {
				t.tp++
				continue
			}
			if wok {
				t.fn++
			}
			if gok {
				t.fp++
			}
			if wok || gok {
				bad = append(bad, mismatch{c, f, w, g})
			}
		}
	}
	return ts, bad
}

// report logs a set's size, its per-field tables and its mismatches.
func report(t *testing.T, title string, cases []evalCase) (map[string]map[string]*tally, []mismatch) {
	t.Helper()
	ts, bad := score(cases)
	var b strings.Builder
	fmt.Fprintf(&b, "%s:\n", title)
	for _, lang := range evalLangs {
		docs, clauses, negatives, hit := 0, 0, 0, 0
		for _, c := range cases {
			var cls []string
			for _, v := range c.want {
				cls = append(cls, v.clauses...)
			}
			if c.lang() == lang && c.negative() {
				negatives++
				hit += len(slices.DeleteFunc(slices.Clone(bad), func(m mismatch) bool { return m.c.name != c.name }))
			} else if c.lang() == lang {
				docs++
				clauses += len(slices.Compact(slices.Sorted(slices.Values(cls))))
			}
		}
		fmt.Fprintf(&b, "%s: %d documents with %d change clauses; %d negatives, %d false positives on them\n",
			lang, docs, clauses, negatives, hit)
		fmt.Fprintf(&b, "  %-22s %4s %4s %4s %9s %7s\n", "field", "TP", "FP", "FN", "precision", "recall")
		for _, f := range evalFields {
			tl := ts[lang][f]
			fmt.Fprintf(&b, "  %-22s %4d %4d %4d %9.2f %7.2f\n", f, tl.tp, tl.fp, tl.fn, tl.precision(), tl.recall())
		}
	}
	for _, m := range bad {
		fmt.Fprintf(&b, "  %v\n", m)
	}
	t.Log(b.String())
	return ts, bad
}

// loadCases reads the case files below dir.
func loadCases(t *testing.T, dir string) []evalCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(evalDir, dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s: %v", filepath.Join(evalDir, dir), err)
	}
	var out []evalCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCase(filepath.ToSlash(filepath.Join(dir, filepath.Base(f))), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, c)
	}
	return out
}

// readReal fills in the bodies of the real cases from ../shared, or skips
// when it is absent: a user's clone has no ../shared, and the texts may
// not be copied into the repository.
func readReal(t *testing.T, cases []evalCase) {
	t.Helper()
	if _, err := os.Stat(sharedRoot); err != nil {
		t.Skipf("%s is absent: the real cases need a checkout beside ../shared; the original cases still run", sharedRoot)
	}
	hs, err := corpus.Read(filepath.Join(sharedRoot, "corpus"))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, corpus.ErrNoGit) {
		t.Skipf("real cases skipped: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	for i := range cases {
		c := &cases[i]
		if seed := c.header["seed"]; seed != "" {
			data, err := os.ReadFile(filepath.Join(sharedRoot, "seeds", seed))
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			c.body = corpus.StripFrontMatter(string(data))
			continue
		}
		for _, h := range hs {
			if j := slices.Index(h.Files, c.header["edition"]); h.Name == c.header["history"] && j >= 0 {
				c.body = corpus.StripFrontMatter(h.Markdown[j])
			}
		}
		if c.body == "" {
			t.Fatalf("%s: no edition %q of %q in %s/corpus", c.name, c.header["edition"], c.header["history"], sharedRoot)
		}
	}
}

// TestEvaluation measures the analysis against the annotated evaluation
// set and fails when a field misses the targets in a language, or when
// anything is found in a negative case, listing the cases and fields to
// work through. Run it alone, with the tables, by
// go test ./internal/changeterms -run TestEvaluation -v.
func TestEvaluation(t *testing.T) {
	cases := loadCases(t, "original")
	// The original cases run everywhere: each field needs a positive one
	// in each language, or its recall is not measured at all.
	for _, lang := range evalLangs {
		for _, f := range evalFields {
			if !slices.ContainsFunc(cases, func(c evalCase) bool { _, ok := c.want[f]; return c.lang() == lang && ok }) {
				t.Errorf("evaluation set: no original %s case expects %s", lang, f)
			}
		}
	}
	report(t, "original cases", cases)
	t.Run("real", func(t *testing.T) {
		real := loadCases(t, "real")
		readReal(t, real)
		report(t, "real cases", real)
		cases = append(cases, real...)
	})
	ts, bad := report(t, "whole set", cases)
	var failed []string
	for _, lang := range evalLangs {
		for _, f := range evalFields {
			if tl := ts[lang][f]; tl.precision() < minPrecision || tl.recall() < minRecall {
				failed = append(failed, fmt.Sprintf("%s %s: precision %.2f, recall %.2f", lang, f, tl.precision(), tl.recall()))
			}
		}
	}
	for _, m := range bad {
		tl := ts[m.c.lang()][m.field]
		if m.c.negative() || tl.precision() < minPrecision || tl.recall() < minRecall {
			failed = append(failed, "  "+m.String())
		}
	}
	if len(failed) > 0 {
		t.Errorf("below the targets (precision %.2f and recall %.2f for every field in each language, nothing on a negative):\n%s",
			minPrecision, minRecall, strings.Join(failed, "\n"))
	}
}
