package changeterms

import (
	"regexp"
	"strings"
)

// Windows, in words, within which two words are read as one phrase.
const (
	// objectAfter and objectBefore: a change word and the document it
	// changes ("вносить изменения в настоящую Политику", "Политика
	// конфиденциальности может быть изменена").
	objectAfter  = 6
	objectBefore = 7
	// modalBefore: a modal and the change it licenses ("reserve the right,
	// at our sole discretion, to amend").
	modalBefore = 6
	// agentAfter: a change and the company doing it ("изменения в
	// Политику вносятся Оператором").
	agentAfter = 4
	// subjectBefore: how far back the subject of a change is looked for.
	subjectBefore = 20
	// unlessLength: how many bytes of an "если"/"unless" clause are read.
	unlessLength = 300
	// companyBefore: a company subject and its change ("if we make changes").
	companyBefore = 3
	// currentBefore: "current" and the edition it qualifies ("действующая
	// редакция", "the current version", "current Privacy Policy").
	currentBefore = 3
	// effectSource: what a new edition takes effect from, and the words
	// saying it does ("вступает в силу с момента её размещения на Сайте").
	effectSource = 8
	// postedNear: changes and their posting ("the updates will be posted").
	postedNear = 3
	// unitAfter: a count and its unit ("10 (десять) календарных дней").
	unitAfter = 4
	// useAfter: "continue" and "use" ("продолжая пользоваться", "continued
	// use", "continue to access").
	useAfter = 4
)

// Phrases that stems alone cannot tell, matched on the normalised sentence.
// They are compiled once: Analyze runs on every edition of a site.
var (
	// withoutConsent and withConsent: what a unilateral change needs.
	withoutConsent = regexp.MustCompile(`(?:^|[^\p{L}])(?:без (?:\S+ ){0,3}(?:согласия|согласован)|не (?:запрашивая|получая|спрашивая|требуя) (?:\S+ ){0,2}согласи|односторонн|unilateral|without (?:\S+ ){0,3}(?:consent|approval|agreement))`)
	withConsent    = regexp.MustCompile(`(?:^|[^\p{L}])(?:с (?:\S+ ){0,2}согласия|по (?:взаимному )?соглашению сторон|(?:with|upon|after) (?:\S+ ){0,3}consent|by mutual (?:\S+ )?agreement)`)
	// marker: a change made at the company's discretion even without a
	// modal ("We update this Policy from time to time").
	marker = regexp.MustCompile(`time to time|время от времени|периодически|по мере необходимости|as (?:needed|necessary)|односторонн|unilateral`)
	// withoutNotice: changes made without telling users.
	withoutNotice = regexp.MustCompile(`(?:^|[^\p{L}])(?:без (?:\S+ ){0,2}(?:уведомлени|оповещени|извещени)|не (?:уведомляя|оповещая|извещая)|without (?:\S+ ){0,2}(?:notice|notif))`)
	withOrWithout = regexp.MustCompile(`with or without|с уведомлением или без`)
	// unlessStart opens a clause that may reserve another rule ("если иное
	// не предусмотрено", "unless otherwise provided"); the clause runs to
	// the next punctuation mark.
	unlessStart = regexp.MustCompile(`(?:^|[^\p{L}])(?:если|кроме случаев|за исключением|unless|except)(?:[^\p{L}]|$)`)
	// Channels that take more than one word.
	emailPhrase = regexp.MustCompile(`e-?mail|электронн\S* (?:почт|письм|сообщени)`)
	otherPhrase = regexp.MustCompile(`(?:^|[^\p{L}])(?:sms|смс|push|пуш|мессенджер|telegram|forums?|форум)|приложени|личн\S* кабинет|in-app|in the app|in-product|in product|mobile app|text message|dashboard`)
	// url is an address a current edition is published at.
	url = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"«»]+`)
)

// sentence is one sentence of a block, read.
type sentence struct {
	text  string    // as in the block
	norm  string    // normalised
	words []string  // the words of text, normalised
	upper []bool    // whether each word is capitalised
	fs    []feature // the roles of each word
	all   feature   // every role some word has

	buf    []byte
	bounds []int
}

// read fills s from text, reusing s's buffers, all but norm: only the
// sentences that have a role to play need it.
func (s *sentence) read(text string) {
	s.text = text
	s.norm = ""
	s.tokenize()
	s.fs = s.fs[:0]
	s.all = 0
	for i, w := range s.words {
		f := features(w)
		if f&fDocName != 0 && s.namesDoc(i, f) {
			// The policy's name, so not a notification: "this notice",
			// "настоящего Уведомления".
			f = f&^fNotify | fDoc
		}
		s.fs = append(s.fs, f)
		s.all |= f
	}
}

// namesDoc reports whether word i, which can name the policy, does: it is
// capitalised, as a defined term is ("Политика", "Terms") — at the start
// of a sentence only if it cannot also mean a notification — or follows a
// determiner ("данной политики", "this notice", "privacy policy"), or is
// "terms of service/use" or "политика конфиденциальности".
func (s *sentence) namesDoc(i int, f feature) bool {
	switch {
	case s.upper[i] && (i > 0 || f&fNotify == 0):
		return true
	case i > 0 && features(s.words[i-1])&fDeterminer != 0:
		return true
	case i+2 < len(s.words) && s.words[i+1] == "of" && (s.words[i+2] == "service" || s.words[i+2] == "use"):
		return true
	case i+1 < len(s.words) && (strings.HasPrefix(s.words[i+1], "конфиденц") || strings.HasPrefix(s.words[i+1], "обработк")):
		// "в политику конфиденциальности", "политики обработки
		// персональных данных": the policy's name, however written.
		return true
	}
	return false
}

// has reports whether some word has one of the roles in f.
func (s *sentence) has(f feature) bool { return s.all&f != 0 }

// within reports whether a word with role f is among the n words after i
// (n > 0) or before it (n < 0), stopping at a word with role stop.
func (s *sentence) within(i, n int, f, stop feature) bool {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for k, j := 0, i+step; k < n && j >= 0 && j < len(s.words); k, j = k+1, j+step {
		if s.fs[j]&f != 0 {
			return true
		}
		if s.fs[j]&stop != 0 {
			return false
		}
	}
	return false
}
