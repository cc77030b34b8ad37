package changeterms

import (
	"regexp"
	"strconv"
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

// changesDoc reports whether the word at i, a change or an edition, has the
// policy as its object.
func (s *sentence) changesDoc(i int) bool {
	return s.within(i, objectAfter, fDoc, fObjBarrier) || s.within(i, -objectBefore, fDoc, fObjBarrier)
}

// aboutPolicyChange reports whether the sentence speaks of a change (with
// f = fChange) or also of an edition (f = fChange|fEdition) of the policy.
func (s *sentence) aboutPolicyChange(f feature) bool {
	if !s.has(fDoc) {
		return false
	}
	for i, wf := range s.fs {
		if wf&f != 0 && s.changesDoc(i) {
			return true
		}
	}
	return false
}

// unilateral reports whether the company may change the policy: a change
// word with the policy as its object, whose subject is not the user, and
// which a modal before it ("может", "reserve the right"), a company subject
// under an "if", the company as its agent or a phrase of discretion ("from
// time to time", "в одностороннем порядке") makes a rule.
func (s *sentence) unilateral() bool {
	if !s.has(fDoc) || !s.has(fChange) {
		return false
	}
	discretion := -1 // not yet looked for: the regexps are the slow part
	for i, f := range s.fs {
		if f&fChange == 0 || !s.changesDoc(i) || s.userSubject(i) {
			continue
		}
		if s.within(i, -modalBefore, fModal, fNotify|fPosting|fLook) || s.conditionalCompany(i) || s.companyAgent(i) {
			return true
		}
		if discretion < 0 {
			// "Рекомендуем периодически просматривать Политику": the
			// reader's discretion, not the company's.
			discretion = 0
			if !s.has(fLook) && (marker.MatchString(s.norm) || withoutConsent.MatchString(s.norm)) {
				discretion = 1
			}
		}
		if discretion == 1 {
			return true
		}
	}
	return false
}

// conditionalCompany reports whether the change word at i has a company
// subject just before it under an "if": "if we make changes", "если мы
// изменим", "when we update". Without the "if" it is news ("We're updating
// our Privacy Notice"), not a rule.
func (s *sentence) conditionalCompany(i int) bool {
	for j := i - 1; j >= 0 && j >= i-companyBefore; j-- {
		if s.fs[j]&fCompany != 0 {
			return j > 0 && s.fs[j-1]&fConditional != 0
		}
	}
	return false
}

// companyAgent reports whether the change word at i is done by the company:
// "изменения вносятся Оператором", "may be amended by the Company".
func (s *sentence) companyAgent(i int) bool {
	for j := i + 1; j < len(s.words) && j <= i+agentAfter; j++ {
		if s.fs[j]&fAgent != 0 || s.words[j] == "by" && s.within(j, 2, fCompany, 0) {
			return true
		}
	}
	return false
}

// userSubject reports whether the nearest actor before the word at i, in
// the same clause, is the user: "Пользователь может изменить", "you can
// change", but not "вы соглашаетесь, что мы можем изменить".
func (s *sentence) userSubject(i int) bool {
	for j := i - 1; j >= 0 && j >= i-subjectBefore; j-- {
		switch f := s.fs[j]; {
		case f&fBarrier != 0, f&fCompany != 0:
			return false
		case f&fUser != 0:
			return true
		}
	}
	return false
}

// consent returns what a unilateral change needs, as the sentence says.
func (s *sentence) consent() Consent {
	switch {
	case withoutConsent.MatchString(s.norm):
		return WithoutConsent
	case withConsent.MatchString(s.norm):
		return WithConsent
	}
	return ""
}

// effect returns the index of the word that says something takes effect,
// or -1: "вступает в силу", "действует с", "takes effect", "comes into
// force", "becomes effective", "effective upon". "Дата вступления в силу"
// and "the effective date" name a date, not a rule.
func (s *sentence) effect() int {
	ws := s.words
	for i, w := range ws {
		prev := ""
		if i > 0 {
			prev = ws[i-1]
		}
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch {
		case strings.HasPrefix(w, "вступ"):
			if strings.HasPrefix(prev, "дат") {
				continue
			}
			for j := i + 1; j < len(ws) && j <= i+4; j++ {
				if ws[j] == "силу" {
					return i
				}
			}
		case w == "действует" || w == "действуют" || w == "применяется" || w == "применяются" ||
			w == "действовать" || w == "применяться":
			if next == "с" || next == "со" || next == "после" || next == "начиная" {
				return i
			}
		case w == "effect" || w == "force":
			switch prev {
			case "take", "takes", "taking", "took", "taken", "into":
				return i
			}
		case w == "effective":
			switch prev {
			case "become", "becomes", "became", "becoming", "be", "is", "are", "being", "immediately":
				return i
			}
			switch next {
			case "immediately", "upon", "from", "as", "when", "on", "once", "after":
				return i
			}
		}
	}
	return -1
}

// fromPosting reports whether what takes effect at word e does so from
// posting: a posting word follows e, before any approval word or number
// ("вступает в силу с момента её размещения", "takes effect upon
// publication", but "вступает в силу с момента утверждения", "takes effect
// on 1 March 2024"), or precedes it after "from" ("с момента размещения на
// Сайте новая редакция вступает в силу", "once posted, changes take
// effect"), but not as a predicate of its own ("was posted on 15 February
// and takes effect on 1 March").
func (s *sentence) fromPosting(e int) bool {
	for j := e + 1; j < len(s.words) && j <= e+effectSource; j++ {
		switch {
		case s.fs[j]&fApproval != 0 || isDigits(s.words[j]):
			return false
		case s.fs[j]&fPosting != 0:
			return true
		}
	}
	for j := e - 1; j >= 0 && j >= e-effectSource; j-- {
		if s.fs[j]&(fPosting|fApproval) != 0 {
			return s.fs[j]&fPosting != 0 && s.within(j, -2, fFrom, 0)
		}
	}
	return false
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// days returns the first number of days the sentence gives, weeks counted
// as seven days, or 0.
func (s *sentence) days() int {
	if !s.has(fDay | fWeek) {
		return 0
	}
	for i, f := range s.fs {
		if f&(fDay|fWeek) == 0 {
			continue
		}
		digits, word := 0, 0
		for j := i - 1; j >= 0 && j >= i-unitAfter; j-- {
			w := s.words[j]
			if n, err := strconv.Atoi(w); err == nil {
				if n > 0 && n < 1000 {
					digits = n
				}
				break
			}
			if n, ok := numberWords[w]; ok {
				if word > 0 && word < 10 && n >= 20 && n%10 == 0 {
					word += n
				} else if word == 0 {
					word = n
				}
				continue
			}
			if s.fs[j]&fFiller == 0 {
				break
			}
		}
		n := digits
		if n == 0 {
			n = word
		}
		if n == 0 && f&fWeek != 0 && i > 0 && s.words[i-1] == "за" {
			n = 1 // "за неделю до"
		}
		if n > 0 {
			if f&fWeek != 0 {
				n *= 7
			}
			return n
		}
	}
	return 0
}

// unlessOtherwise reports whether the sentence reserves a rule the new
// edition may set: an "если"/"unless" clause that speaks of another rule and
// not of a law.
func (s *sentence) unlessOtherwise() bool {
	rest := s.norm
	for {
		loc := unlessStart.FindStringIndex(rest)
		if loc == nil {
			return false
		}
		clause := rest[loc[0]:]
		if len(clause) > unlessLength {
			clause = clause[:unlessLength]
		}
		if k := strings.IndexAny(clause[1:], ",;:.()"); k >= 0 {
			clause = clause[:k+1]
		}
		var other, law bool
		for _, w := range strings.FieldsFunc(clause, notWordRune) {
			f := features(w)
			other = other || f&fOther != 0
			law = law || f&fLaw != 0
		}
		if other && !law {
			return true
		}
		rest = rest[loc[1]:]
	}
}

// channels returns how the sentence says users are told, in summary order.
// Cheap tests guard the regexps, which are the slow part.
func (s *sentence) channels() []Channel {
	var out []Channel
	n := s.norm
	if s.has(fPlace) || strings.Contains(n, "banner") || strings.Contains(n, "баннер") ||
		strings.Contains(n, "blog") || strings.Contains(n, "блог") {
		out = append(out, Site)
	}
	if (strings.Contains(n, "mail") || strings.Contains(n, "электронн")) && emailPhrase.MatchString(n) {
		out = append(out, Email)
	}
	if otherPhrase.MatchString(n) {
		out = append(out, Other)
	}
	if s.noticeless() {
		out = append(out, None)
	}
	return out
}

// noticeless reports whether the sentence says something is done without
// notice.
func (s *sentence) noticeless() bool {
	n := s.norm
	return (strings.Contains(n, "без") || strings.Contains(n, "не ") || strings.Contains(n, "without")) &&
		withoutNotice.MatchString(n) && !withOrWithout.MatchString(n)
}

// changesPosted reports whether changes are the thing posted: "changes
// will be posted", "we will post any changes", "обновления будут
// опубликованы".
func (s *sentence) changesPosted() bool {
	for i, f := range s.fs {
		if f&fPosting != 0 && (s.within(i, postedNear, fChange, 0) || s.within(i, -postedNear, fChange, 0)) {
			return true
		}
	}
	return false
}

// continuedUse reports whether the sentence says continuing to use the
// service means accepting: "continue" followed by "use", and an acceptance.
func (s *sentence) continuedUse() bool {
	if !s.has(fContinue) || !s.has(fAccept) {
		return false
	}
	for i, f := range s.fs {
		if f&fContinue != 0 && s.within(i, useAfter, fUse, 0) {
			return true
		}
	}
	return false
}

// currentEdition reports whether the sentence names the edition in force:
// "действующая редакция Политики", "the current version of these Terms",
// or just "действующая редакция", since a редакция is always a text's
// (but not a law's: "закон в действующей редакции"); "the latest version"
// alone may be the software's.
func (s *sentence) currentEdition() bool {
	if !s.has(fCurrent) {
		return false
	}
	for i, f := range s.fs {
		if f&fCurrent == 0 {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+currentBefore; j++ {
			if s.fs[j]&(fEdition|fText|fDoc) != 0 && (s.has(fDoc) || strings.HasPrefix(s.words[j], "редакц") && !s.has(fLaw)) {
				return true
			}
		}
	}
	return false
}

// publishedURL returns the first address in the sentence without trailing
// punctuation, or "".
func (s *sentence) publishedURL() string {
	u := url.FindString(s.text)
	return strings.TrimRight(u, ".,;:!?)]}»\"'”’")
}

// analyzer reads an edition's sentences in order.
type analyzer struct {
	b  strings.Builder
	s  sentence
	sp []sentSpan
}

// block appends to out what the sentences of blk say.
func (a *analyzer) block(blk Block, out []Finding) []Finding {
	// inChange: the sentence before spoke of changes to the policy, so
	// "the updates" and "we will notify you" here mean the policy's. It
	// does not reach further, nor into the next block: a heading or clause
	// number between can change the subject without Block saying so.
	inChange := false
	a.sp = sentences(blk.Text, a.sp[:0])
	for _, sp := range a.sp {
		s := &a.s
		s.read(blk.Text[sp.start:sp.end])
		if !s.has(fChange | fEdition | fDoc | fContinue | fNotify | fCurrent) {
			inChange = false
			continue
		}
		s.norm = normalize(&a.b, s.text)
		found := len(out)
		add := func(f Finding) {
			f.Clause, f.Line, f.Sentence = blk.Clause, blk.Line, s.text
			out = append(out, f)
		}
		about := s.aboutPolicyChange(fChange | fEdition)
		// changeRef: the sentence, or the one before, is about a change to
		// the policy.
		changeRef := about || inChange

		if s.unilateral() {
			add(Finding{Kind: Unilateral, Consent: s.consent()})
		}

		e := s.effect()
		// A new edition or a change taking effect is a change to the policy.
		if e >= 0 && s.has(fDoc|fEdition|fChange) {
			changeRef = true
		}
		days := s.days()
		notify := s.has(fNotify) || strings.Contains(s.norm, "let you know") || strings.Contains(s.norm, "в известность")
		effective := false
		if e >= 0 && changeRef {
			switch {
			case days > 0:
				effective = true
			case s.fromPosting(e):
				effective = true
				add(Finding{Kind: OnPosting})
			}
			if effective && s.unlessOtherwise() {
				add(Finding{Kind: UnlessOtherwise})
			}
		}
		if days > 0 && (e >= 0 || notify) && changeRef {
			add(Finding{Kind: NoticePeriod, Days: days})
		}

		u, published := "", false
		if s.currentEdition() && s.has(fAvailable) {
			u = s.publishedURL()
			published = (s.has(fPlace) || u != "" || strings.Contains(s.norm, "по адресу")) && (e < 0 || u != "")
		}
		// Changes posted on the site tell users of them: "Any changes to
		// this Policy will be posted on this page", "the updates will be
		// posted online", "опубликовав новую редакцию на Сайте не менее чем
		// за 10 дней". Not when the posting is only what a new edition
		// takes effect from, or where the current one is.
		posted := s.has(fPosting) && (e < 0 || days > 0) && !published
		if changeRef && (notify || posted || s.noticeless()) {
			chans := s.channels()
			posted = posted && len(chans) > 0 && chans[0] == Site &&
				(s.aboutPolicyChange(fChange) || s.changesPosted())
			if notify || posted || len(chans) > 0 && chans[len(chans)-1] == None {
				add(Finding{Kind: Notification, Channels: chans})
			}
		}

		if s.continuedUse() && (changeRef || s.has(fChange|fEdition) || e >= 0) {
			add(Finding{Kind: ContinuedUse})
		}

		if published {
			add(Finding{Kind: PublishedAt, URL: u})
		}

		inChange = about || e >= 0 && changeRef || len(out) > found
	}
	return out
}
