package changeterms

import "strings"

// sectionKind is what the heading of the section a block is in is about.
type sectionKind uint8

const (
	// noSection: no heading, or a general one ("Заключительные
	// положения", "Miscellaneous"), says what the block is about.
	noSection sectionKind = iota
	// changeSection: the heading is about changes to the policy ("6.
	// Изменения Политики", "B. Changes", "Notice of Changes"), so that
	// "material changes" and "they take effect" there mean the policy's.
	changeSection
	// topicSection: the heading names something else ("C. Prices",
	// "Уведомления о заказах"), so that the changes there are its.
	topicSection
)

// section is the section a block is in: what its heading is about, and
// the heading's clause. A section runs over the blocks of that clause and
// its subclauses, or, for a heading without a number, to the next heading.
type section struct {
	kind   sectionKind
	clause string
}

// enter updates the section the analyzer is in for blk, a heading or not.
func (a *analyzer) enter(blk Block) {
	sec := &a.sec
	if !blk.Heading && !isHeading(blk.Text) {
		if sec.clause != "" && blk.Clause != sec.clause && !strings.HasPrefix(blk.Clause, sec.clause+".") {
			*sec = section{}
		}
		return
	}
	if strings.Contains(blk.Text, " | ") {
		// A table row, which a short one looks like a heading: it does
		// not open a section, nor close one.
		return
	}
	a.s.read(blk.Text)
	kind := topicSection
	switch {
	case a.s.changeHeading():
		kind = changeSection
	case sec.clause != "" && strings.HasPrefix(blk.Clause, sec.clause+"."):
		// A subsection's heading ("8. Acceptance" under "B. Changes")
		// keeps its section's subject; an unnumbered one after the
		// section's heading starts another section.
		return
	case a.s.generalHeading():
		kind = noSection
	}
	*sec = section{kind: kind, clause: blk.Clause}
}

// changeHeading reports whether the sentence, a heading, is about changes
// to the policy: "Изменения Политики", "Changes to These Terms", "Notice
// of Changes", or a change word alone ("Изменения", "Revisions"); not
// "Изменение и удаление персональной информации", "Price changes".
func (s *sentence) changeHeading() bool {
	if !s.has(fChange | fEdition) {
		return false
	}
	if s.aboutPolicyChange(fChange | fEdition) {
		return true
	}
	// "Обновления" and "Updates" alone head sections on the software's
	// updates as often as on the policy's.
	change := false
	for i, w := range s.words {
		if s.fs[i]&(fChange|fEdition|fDocName|fDeterminer|fNotify) == 0 && !headingFiller[w] && !isNumber(w) {
			return false
		}
		// A determiner names nothing alone: "Changes to the Service" are
		// the service's, unlike "Changes to the Service Terms".
		if s.fs[i]&(fDeterminer|fDocName|fChange|fEdition|fNotify) == fDeterminer && i > 0 &&
			(i+1 == len(s.words) || s.fs[i+1]&(fDocName|fDeterminer) == 0) {
			return false
		}
		change = change || s.fs[i]&fChange != 0 && !strings.HasPrefix(w, "обнов") && !strings.HasPrefix(w, "updat")
	}
	return change
}

// generalHeading reports whether the sentence, a heading, names no subject
// of its own: "Final Provisions", "Общие положения", "Miscellaneous",
// "Terms".
func (s *sentence) generalHeading() bool {
	for i, w := range s.words {
		if s.fs[i]&(fDocName|fDeterminer|fNotify) == 0 && !headingFiller[w] && !generalWords[w] && !isNumber(w) {
			return false
		}
	}
	return true
}

// isNumber reports whether a heading's word is its clause number or
// letter.
func isNumber(w string) bool {
	return isDigits(w) || len(w) == 1 || len(w) == 2 && w[0] >= 0x80
}

// headingFiller are the words a heading about changes may have besides
// changes and the policy's name.
var headingFiller = map[string]bool{
	"of": true, "to": true, "and": true, "a": true, "an": true, "in": true, "on": true, "for": true,
	"и": true, "в": true, "о": true, "об": true, "к": true, "порядок": true, "внесения": true,
}

// generalWords are the words of headings that name no subject.
var generalWords = map[string]bool{
	"general": true, "final": true, "miscellaneous": true, "other": true, "additional": true,
	"provisions": true, "introduction": true, "preamble": true, "legal": true,
	"общие": true, "заключительные": true, "прочие": true, "иные": true, "дополнительные": true,
	"введение": true, "преамбула": true,
}
