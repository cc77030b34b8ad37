// Package policy holds the domain types that every other package shares:
// policies, their editions in each language, edition ids, and the status of
// an edition at a given moment.
package policy

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Lang is a site language code such as "ru" or "en".
type Lang string

// slugRe is deliberately narrow: a slug becomes a URL segment and a folder
// name in the output, so nothing that could climb out of it is accepted.
var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidSlug reports whether s can name a policy.
func ValidSlug(s string) bool { return len(s) <= 64 && slugRe.MatchString(s) }

// ID identifies an edition within a policy: the date in its file name, with
// a sequence number from 2 on for further editions posted the same day.
type ID struct {
	Date time.Time // midnight UTC of the calendar date; only Y-M-D matter
	Seq  int       // 1 for the first edition of the day
}

var idRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:-(\d+))?$`)

// ParseID parses "2024-03-01" or "2024-03-01-2".
func ParseID(s string) (ID, error) {
	m := idRe.FindStringSubmatch(s)
	if m == nil {
		return ID{}, fmt.Errorf("%q is not an edition id (YYYY-MM-DD or YYYY-MM-DD-N)", s)
	}
	d, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return ID{}, fmt.Errorf("%q: %s-%s-%s is not a date that exists", s, m[1], m[2], m[3])
	}
	id := ID{Date: d, Seq: 1}
	if m[4] != "" {
		n, err := strconv.Atoi(m[4])
		// "-1" and "-02" would give one edition two spellings.
		if err != nil || n < 2 || strings.HasPrefix(m[4], "0") {
			return ID{}, fmt.Errorf("%q: a second edition of the same day is numbered -2, -3, …", s)
		}
		id.Seq = n
	}
	return id, nil
}

// String returns the id as it appears in file names and URLs.
func (id ID) String() string {
	s := id.Date.Format("2006-01-02")
	if id.Seq > 1 {
		s += "-" + strconv.Itoa(id.Seq)
	}
	return s
}

// Compare orders ids by date, then by sequence number.
func (id ID) Compare(o ID) int {
	if c := id.Date.Compare(o.Date); c != 0 {
		return c
	}
	switch {
	case id.Seq < o.Seq:
		return -1
	case id.Seq > o.Seq:
		return 1
	}
	return 0
}

// Edition is one edition of a policy in one language, as read from
// versions/<policy>/<id>.<lang>.md.
type Edition struct {
	Policy string
	ID     ID
	Lang   Lang
	Title  string
	// Posted is the moment the edition was published on the site.
	Posted time.Time
	// Effective is the moment it starts to apply; it equals Posted unless the
	// front matter says otherwise, since policies usually take effect on posting.
	Effective time.Time
	// PostedHasTime and EffectiveHasTime record whether the source gave a time
	// of day, so that pages do not show an invented "00:00".
	PostedHasTime    bool
	EffectiveHasTime bool
	// EffectiveSet is true when the front matter named `effective` itself.
	EffectiveSet bool
	Summary      string
	// Draft is true when the front matter says `draft: true`: the edition
	// is being written, and no build publishes it, whatever its Posted.
	// DraftLine is the line of File that says so.
	Draft     bool
	DraftLine int
	// Material is true when the front matter says `material: true`: the
	// edition's changes are material, so a notice period that the text
	// keeps for material changes applies to it.
	Material bool

	// File is the source path relative to the repository, with slashes.
	File string
	// Body is the Markdown after the front matter, with LF line endings.
	Body string
	// BodyLine is the line of File on which Body starts.
	BodyLine int
	// SourceSHA256 is the SHA-256, in hex, of the file exactly as read: the
	// record of editions and the site's JSON name the file by it. The bytes
	// themselves are not kept, as a large site has tens of megabytes of them.
	SourceSHA256 string
	// TOML is true when the front matter is TOML (+++), not YAML (---).
	TOML bool
}

// Key returns "policy/id.lang", a short name for messages.
func (e *Edition) Key() string {
	return e.Policy + "/" + e.ID.String() + "." + string(e.Lang)
}

// Policy is every edition of one policy, per language, each list ordered by
// Posted (then by id).
type Policy struct {
	Slug     string
	Editions map[Lang][]*Edition
}

// Langs returns the languages of langs in which p has editions, in that order.
func (p *Policy) Langs(langs []Lang) []Lang {
	var out []Lang
	for _, l := range langs {
		if len(p.Editions[l]) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// Find returns the edition with the given id in lang, or nil.
func (p *Policy) Find(lang Lang, id ID) *Edition {
	for _, e := range p.Editions[lang] {
		if e.ID.Compare(id) == 0 {
			return e
		}
	}
	return nil
}

// Less is the order of editions in a policy's history: by the moment they
// were posted, and by id when two share it.
func Less(a, b *Edition) bool {
	if c := a.Posted.Compare(b.Posted); c != 0 {
		return c < 0
	}
	return a.ID.Compare(b.ID) < 0
}

// JoinLangs lists language codes for a message: "ru, en".
func JoinLangs(langs []Lang) string {
	s := make([]string, len(langs))
	for i, l := range langs {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}
