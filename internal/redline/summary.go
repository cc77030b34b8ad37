package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Translator is what Summary and LocalLabels need from a localizer: the
// site's messages, plural ones by count.
type Translator interface {
	T(id string, data map[string]any) (string, error)
	N(id string, count int, data map[string]any) (string, error)
}

// Summary says in one sentence what changed: «Изменено 3 пункта, добавлен
// 1, удалён 1; перенумеровано 7 пунктов; изменена 1 ссылка.» The first
// counts are of clauses by their Change; each count after a semicolon
// says what happened to how many, whatever else happened to them, so that
// every number is one the operations show (see Stats).
func Summary(tr Translator, st Stats) (string, error) {
	var parts []string
	lead := []struct {
		id string
		n  int
	}{
		{"redline_changed", st.Changed},
		{"redline_inserted", st.Inserted},
		{"redline_deleted", st.Deleted},
	}
	for _, c := range lead {
		if c.n == 0 {
			continue
		}
		id := c.id
		if len(parts) == 0 {
			id += "_lead"
		}
		s, err := tr.N(id, c.n, nil)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	sentence := strings.Join(parts, ", ")
	for _, c := range []struct {
		id string
		n  int
	}{
		{"redline_numbers_changed", st.NumbersChanged},
		{"redline_moved", st.Moved},
		{"redline_links_changed", st.LinksChanged},
		{"redline_formatted", st.Formatted},
		{"redline_breaks_inserted", st.BreaksInserted},
		{"redline_breaks_deleted", st.BreaksDeleted},
		{"redline_minor", st.Minor},
	} {
		if c.n == 0 {
			continue
		}
		s, err := tr.N(c.id, c.n, nil)
		if err != nil {
			return "", err
		}
		if sentence == "" {
			sentence = capitalize(s)
		} else {
			sentence += "; " + s
		}
	}
	if sentence == "" {
		return tr.T("redline_no_changes", nil)
	}
	return sentence + ".", nil
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// LocalLabels builds the labels of a rendered redline from the site's
// messages.
func LocalLabels(tr Translator) (Labels, error) {
	var err error
	t := func(id string, data map[string]any) string {
		if err != nil {
			return ""
		}
		var s string
		s, err = tr.T(id, data)
		return s
	}
	// The number goes in later, by fmt.
	num := map[string]any{"Number": "%s"}
	l := Labels{
		Deleted:   t("redline_deleted_label", nil),
		Inserted:  t("redline_inserted_label", nil),
		MovedTo:   t("redline_moved_to", num),
		MovedFrom: t("redline_moved_from", num),
		Opening:   t("redline_opening", nil),

		MovedToOpening:   t("redline_moved_to_opening", nil),
		MovedFromOpening: t("redline_moved_from_opening", nil),

		Link:          t("redline_link_label", nil),
		LinkOld:       t("redline_link_old", nil),
		LinkNew:       t("redline_link_new", nil),
		Formatted:     t("redline_formatted_label", nil),
		BreakInserted: t("redline_break_inserted_label", nil),
		BreakDeleted:  t("redline_break_deleted_label", nil),
	}
	if err != nil {
		return Labels{}, err
	}
	// Check the plural message once, so that Unchanged cannot fail later.
	if _, err := tr.N("redline_unchanged", 2, map[string]any{"Numbers": "1–2"}); err != nil {
		return Labels{}, err
	}
	l.Unchanged = func(n int, numbers string) string {
		s, _ := tr.N("redline_unchanged", n, map[string]any{"Numbers": numbers})
		return s
	}
	return l, nil
}
