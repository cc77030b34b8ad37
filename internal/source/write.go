package source

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// FrontMatter is the front matter of an edition that policysite writes
// itself (`policysite new`, `policysite import`). WriteEdition writes it so
// that ParseEdition reads back the same fields, whatever the title holds.
type FrontMatter struct {
	// TOML writes the front matter as TOML between "+++" lines; otherwise
	// it is YAML between "---" lines.
	TOML bool
	// Title is the title as the site shows it, one line of plain text.
	// It is written with each run of white space as one space, as the
	// parser reads it, and, when it holds characters that Markdown would
	// read as markup, with them escaped: the parser reads a title as
	// Markdown. It is always written, even when the body's first heading
	// says it, so that the file states its title.
	Title string
	// Posted is when the edition is posted. With PostedHasTime it is
	// written as a moment in its own zone (RFC 3339); without, as its
	// calendar date, which the parser reads as midnight in the site's time
	// zone.
	Posted        time.Time
	PostedHasTime bool
	// Effective, when not zero, is when the edition takes effect, written
	// as Posted is; zero leaves it out, so that it takes effect when
	// posted.
	Effective        time.Time
	EffectiveHasTime bool
	// Summary is written when not empty, or when Draft.
	Summary string
	// Draft marks a new edition for its author to complete: it is written
	// with `draft: true`, which no build publishes, comments say how to
	// set effective and summary and how to publish, and summary is
	// written even when empty.
	Draft bool
}

// WriteEdition writes an edition file: fm, then body as it is. When body
// has CRLF line endings, so has the front matter, so that the file keeps
// one kind of line ending. It refuses front matter that would not read
// back as fm: an empty or invisible title, a title of several lines or with
// a bidi control left open, a posted time not set, a moment with an offset
// the parser refuses, or an effective time before posted.
func WriteEdition(w io.Writer, fm FrontMatter, body string) error {
	title, err := line("title", fm.Title)
	if err != nil {
		return err
	}
	if title == "" {
		return errors.New("the title is empty: an edition needs one")
	}
	if msg := titleProblem(title); msg != "" {
		return fmt.Errorf("the title %+q: %s", title, msg)
	}
	if title, _, err = writtenTitle(title); err != nil {
		return err
	}
	summary, err := line("summary", fm.Summary)
	if err != nil {
		return err
	}
	if msg := bidiProblem("summary", summary); msg != "" {
		return fmt.Errorf("the summary %+q: %s", summary, msg)
	}
	if fm.Posted.IsZero() {
		return errors.New("posted is not set: an edition file says when it is posted")
	}
	for _, m := range []struct {
		key     string
		t       time.Time
		hasTime bool
	}{{"posted", fm.Posted, fm.PostedHasTime}, {"effective", fm.Effective, fm.EffectiveHasTime}} {
		// A date alone is written without its offset; a moment with one
		// the parser refuses would not read back.
		if m.hasTime && !m.t.IsZero() {
			if err := checkOffset(m.t); err != nil {
				return fmt.Errorf("%s %s: %w", m.key, m.t.Format(time.RFC3339Nano), err)
			}
		}
	}
	if !fm.Effective.IsZero() && fm.Effective.Before(fm.Posted) {
		return fmt.Errorf("effective %s is before posted %s: an edition cannot take effect before it is posted",
			FormatMoment(fm.Effective, fm.EffectiveHasTime), FormatMoment(fm.Posted, fm.PostedHasTime))
	}
	delim, sep := "---", ": "
	if fm.TOML {
		delim, sep = "+++", " = "
	}
	var b strings.Builder
	b.WriteString(delim + "\n")
	if err := writeString(&b, "title", title, fm.TOML); err != nil {
		return err
	}
	b.WriteString("posted" + sep + FormatMoment(fm.Posted, fm.PostedHasTime) + "\n")
	switch {
	case !fm.Effective.IsZero():
		b.WriteString("effective" + sep + FormatMoment(fm.Effective, fm.EffectiveHasTime) + "\n")
	case fm.Draft:
		// The comment says how to change when the edition takes effect
		// without a trip to the documentation.
		b.WriteString("# effective" + sep + "only if the edition takes effect later than it is posted, as a date or an RFC 3339 moment; without it, it takes effect when posted\n")
	}
	if fm.Draft {
		b.WriteString("# summary" + sep + "one line on what changed, shown above the text\n")
	}
	switch {
	case summary != "":
		if err := writeString(&b, "summary", summary, fm.TOML); err != nil {
			return err
		}
	case fm.Draft:
		// An empty string rather than no value: YAML reads a bare
		// `summary:` as null, which the parser refuses.
		b.WriteString("summary" + sep + "\"\"\n")
	}
	if fm.Draft {
		b.WriteString("# draft" + sep + "true keeps the edition off the site whatever its posted date; delete the line when the edition is ready\n")
		b.WriteString("draft" + sep + "true\n")
	}
	b.WriteString(delim + "\n")
	head := b.String()
	if strings.Contains(body, "\r\n") {
		head = strings.ReplaceAll(head, "\n", "\r\n")
	}
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	_, err = io.WriteString(w, body)
	return err
}

// FormatMoment is a moment as WriteEdition writes it: with hasTime, RFC
// 3339 in t's own zone (2026-12-01T10:00:00+03:00); without, t's calendar
// date (2026-12-01).
func FormatMoment(t time.Time, hasTime bool) string {
	if hasTime {
		return t.Format(time.RFC3339Nano)
	}
	return t.Format(time.DateOnly)
}

// line returns s trimmed, as the parser reads it, or why it cannot be one
// line of front matter text.
func line(key, s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case !utf8.ValidString(s):
		return "", fmt.Errorf("the %s %q is not UTF-8 text", key, s)
	case strings.ContainsAny(s, "\r\n"):
		return "", fmt.Errorf("the %s %q is more than one line: write it on one line", key, s)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' }):
		return "", fmt.Errorf("the %s %q holds a control character", key, s)
	}
	return s, nil
}

// writeString writes `key: value` with the format's own encoder, so that
// quotes, colons, "#" and words such as null or yes in value stay text.
func writeString(b *strings.Builder, key, value string, isTOML bool) error {
	var (
		out []byte
		err error
	)
	if isTOML {
		out, err = toml.Marshal(map[string]string{key: value})
	} else {
		out, err = yaml.Marshal(map[string]string{key: value})
	}
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	b.Write(out)
	return nil
}
