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
	// modalAfterChange: a change and the modal that says it may be made
	// ("Changes to this Policy may be made").
	modalAfterChange = 6
	// agentAfter: a change and the company doing it ("изменения в
	// Политику вносятся Оператором").
	agentAfter = 4
	// decisionParty: a decision and the party whose it is ("по
	// единоличному решению Генерального директора", "decision of the
	// Administration").
	decisionParty = 3
	// subjectBefore: how far back the subject of a change is looked for.
	subjectBefore = 20
	// unlessLength: how many bytes of an "если"/"unless" clause are read.
	unlessLength = 300
	// companyBefore: a company subject and its change ("if we make any
	// material changes").
	companyBefore = 4
	// currentBefore: "current" and the edition it qualifies ("действующая
	// редакция", "the current version", "current Privacy Policy").
	currentBefore = 3
	// ownDocAfter: an edition and the policy it is of ("the current
	// version of these Terms").
	ownDocAfter = 4
	// effectSource: what a new edition takes effect from, and the words
	// saying it does ("вступает в силу с момента её размещения на Сайте").
	effectSource = 8
	// effectSubjectBefore and effectSubjectAfter: what takes effect and the
	// words saying it does ("Such amended Terms of Service shall become
	// effective", "вступает в силу новая редакция").
	effectSubjectBefore = 8
	effectSubjectAfter  = 4
	// postedNear: changes and their posting ("the updates will be posted",
	// "Amended terms will be published").
	postedNear = 4
	// unitAfter: a count and its unit ("10 (десять) календарных дней").
	unitAfter = 4
	// useAfter: "continue" and "use" ("продолжая пользоваться", "continued
	// use", "continue to access").
	useAfter = 4
	// headingWords: the most words a heading has.
	headingWords = 10
	// afterUse and changeAfter: using, "after", and the change it follows
	// ("use of the Service following any changes", "использование Сайта
	// после вступления в силу изменений").
	afterUse    = 8
	changeAfter = 6
	// noticeNear: a notice and the "of changes" it gives ("we will notify
	// you of any changes").
	noticeNear = 6
	// materialBefore and materialAfter: a change and what qualifies it as
	// material ("any material change", "changes that materially affect").
	materialBefore = 2
	materialAfter  = 4
	// negationBytes and negationBefore: how far before a statement of
	// retroactivity a negation is looked for ("will not apply
	// retroactively", "не распространяются на отношения, возникшие до"):
	// bytes, of which a Russian letter takes two, enough for four words.
	negationBytes  = 80
	negationBefore = 4
)

// Phrases that stems alone cannot tell, matched on the normalised sentence.
// They are compiled once: Analyze runs on every edition of a site.
var (
	// withoutConsent and withConsent: what a unilateral change needs.
	withoutConsent = regexp.MustCompile(`(?:^|[^\p{L}])(?:без (?:\S+ ){0,3}(?:согласия|согласован)|не (?:запрашивая|получая|спрашивая|требуя) (?:\S+ ){0,2}согласи|односторонн|unilateral|one[- ]sided|without (?:\S+ ){0,3}(?:consent|approval|agreement))`)
	withConsent    = regexp.MustCompile(`(?:^|[^\p{L}])(?:с (?:\S+ ){0,2}согласия|по (?:взаимному )?соглашению сторон|(?:with|upon|after) (?:\S+ ){0,4}consent|by mutual (?:\S+ )?agreement)`)
	// marker: a change made at the company's discretion even without a
	// modal ("We update this Policy from time to time", "вносятся по
	// решению Оператора", "are made at our sole discretion").
	marker = regexp.MustCompile(`time to time|время от времени|периодически|по мере необходимости|as (?:needed|necessary)|односторонн|unilateral|one[- ]sided|` +
		`по (?:\S+ )?(?:решению|усмотрению) (?:\S+ )?(?:оператор|компани|администрац|обществ|исполнител|правообладател|владел|лицензиар|руководств)|` +
		`по (?:своему|собственному) (?:\S+ )?усмотрению|на сво[её] усмотрение|` +
		`(?:^|[^\p{L}])(?:our|its|their|\p{L}+'s) (?:sole |absolute |own |exclusive )*discretion|` +
		`(?:discretion|decision) of (?:the )?(?:company|operator|administration|administrator|owner|licensor)`)
	// withoutNotice: changes made without telling users.
	// "Not obliged to notify" and "не обязан уведомлять" say the same.
	withoutNotice = regexp.MustCompile(`(?:^|[^\p{L}])(?:без (?:\S+ ){0,2}(?:уведомлени|оповещени|извещени)|не (?:уведомляя|оповещая|извещая)|не (?:направляя|отправляя|посылая) (?:\S+ ){0,3}(?:уведомлени|извещени|сообщени)|without (?:\S+ ){0,3}(?:notice|notif)|` +
		`(?:not|не) (?:\S+ ){0,2}(?:obliged|obligated|required|bound|обязан\S*) (?:\S+ ){0,2}(?:notify|inform|give notice|уведомл|информир|извещ|оповещ|сообщ))`)
	withOrWithout = regexp.MustCompile(`with or without|с уведомлением или без`)
	// unlessStart opens a clause that may reserve another rule ("если иное
	// не предусмотрено", "unless otherwise provided"); the clause runs to
	// the next punctuation mark.
	unlessStart = regexp.MustCompile(`(?:^|[^\p{L}])(?:если|кроме случаев|за исключением|unless|except|if)(?:[^\p{L}]|$)`)
	// Channels that take more than one word.
	// A letter to "your mailbox" is an email ("письмом на вашу почту"),
	// but not one to a postal address ("на почтовый адрес").
	emailPhrase = regexp.MustCompile(`e-?mail|электронн\S* (?:почт|письм|сообщени)|(?:письм\S*|на) (?:\S+ ){0,2}почт[уыеа](?:[^\p{L}]|$)`)
	otherPhrase = regexp.MustCompile(`(?:^|[^\p{L}])(?:sms|смс|push|пуш|мессенджер|telegram|forums?|форум)|приложени|личн\S* кабинет|personal (?:cabinet|account)|in-app|in-service|pop-?up|всплывающ|in the app|(?:our|the|its|mobile) (?:\S+ )?app(?:[^\p{L}]|$)|members?'? area|in-product|in product|mobile app|text message|dashboard|` +
		`in-(?:game|app|product|service|platform) (?:message|notification|notice|alert|banner|inbox)|` +
		// A letter by post: "by mail", "by post", "by postal mail", "почтовым отправлением", "заказным письмом".
		`(?:^|[^\p{L}])by (?:postal |regular |first-class |registered )?(?:mail|post|letter)(?:[^\p{L}]|$)|postal (?:mail|service|letter)|` +
		`почтов\S* (?:отправлени|связ|письм)|заказн\S* (?:письм|почт)`)
	// retroPhrase: a change applying to what came before it.
	retroPhrase = regexp.MustCompile(`ретроактивн|ретроспективн|обратн\S* (?:сил|действи)|retroactiv|retrospectiv|` +
		`regardless of when|irrespective of when|независимо от (?:того,? )?когда|` +
		`(?:appl|распростран|применя)\S* (?:\S+ ){0,5}(?:not yet|ещ[её] не)(?:[^\p{L}]|$)|` +
		`распростран\S* (?:\S+ ){0,5}(?:ранее|уже)|(?:ранее|уже) (?:собранн|полученн|предоставленн|заключенн)|` +
		`(?:возникш|заключенн|собранн|полученн|предоставленн)\S* (?:\S+ ){0,2}(?:до|ранее)(?:[^\p{L}]|$)|` +
		`(?:previously|already) (?:\S+ ){0,1}(?:collected|obtained|received|provided|gathered)|` +
		`(?:collected|obtained|received|provided|gathered|accrued|arose|arisen) (?:\S+ ){0,3}(?:before|prior to)|` +
		// Data gathered under an earlier edition: "data we collected under
		// an earlier version of this policy", "полученные в период
		// действия предыдущей редакции".
		`(?:collected|obtained|received|provided|gathered|собранн|полученн|предоставленн)\S* (?:\S+ ){0,4}` +
		`(?:earlier|previous|prior|former|предыдущ|прежн)\S* (?:version|edition|policy|terms|верси|редакц)`)
	// retroDenial: a negated verb of applying before a statement of
	// retroactivity, which denies it.
	retroDenial = regexp.MustCompile(`(?:^|[^\p{L}])(?:не|not|never) (?:\S+ )?(?:распростран|применя|appl|extend|affect)`)
	// url is an address a current edition is published at.
	// A bare host ("example.ru/legal/privacy") is one with a path or a
	// common top-level domain: "index.html" or "v1.2" is none.
	url = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"«»]+|(?:^|[^\w@.\-/])` +
		`((?:[a-z0-9][a-z0-9\-]*\.)+(?:[a-z]{2,}/[^\s<>"«»]*|(?:ru|com|org|net|io|info|biz|app|dev|co|uk|de|eu|su|by|kz|ua)))(?:[^\p{L}\d\-/]|$)`)
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
