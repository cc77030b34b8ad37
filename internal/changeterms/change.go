package changeterms

import "strings"

// changesDoc reports whether the word at i, a change or an edition, has the
// policy as its object.
//
// Verbs joined to the change word put its object further: "amend, replace
// or withdraw any of these Rules".
func (s *sentence) changesDoc(i int) bool {
	n := objectAfter
	for j := i + 1; j < len(s.words) && j <= i+3; j++ {
		if w := s.words[j]; w == "or" || w == "and" || w == "или" || w == "и" {
			n += 2
			break
		}
	}
	return s.within(i, n, fDoc, fObjBarrier) || s.within(i, -objectBefore, fDoc, fObjBarrier) || s.pronounObject(i)
}

// pronounObject reports whether the change word at i, a verb after a
// modal, has for its object a pronoun that stands for the policy named
// before it in the sentence: "We keep this notice under review and may
// update it at any time", "Политику мы вправе изменить её".
func (s *sentence) pronounObject(i int) bool {
	if i < 2 || i+1 >= len(s.words) || s.fs[i-1]&fModal == 0 {
		return false
	}
	switch s.words[i+1] {
	case "it", "them", "ее", "её", "его", "их":
	default:
		return false
	}
	for j := i - 2; j >= 0; j-- {
		if s.fs[j]&fDoc != 0 {
			return true
		}
	}
	return false
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
	if !s.has(fDoc) || !s.has(fChange|fApproval) {
		return false
	}
	discretion := -1 // not yet looked for: the regexps are the slow part
	for i, f := range s.fs {
		if f&fChange == 0 && !s.approvesEdition(i) || !s.changesDoc(i) || s.userSubject(i) || s.otherSubject(i) || s.reference(i) || s.adjective(i) {
			continue
		}
		if s.thirdParty(i) {
			continue
		}
		if s.within(i, -modalBefore, fModal, fNotify|fPosting|fLook) || s.conditionalCompany(i) || s.companyAgent(i) ||
			s.changesMayBeMade(i) || s.companyWill(i) {
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

// otherSubject reports whether the change word at i has a subject of its
// own that is neither the company nor the user, so that a modal before it
// licenses something else: a participle ("положения, дополняющие настоящую
// Политику") or a relative clause ("условия, которые дополняют Правила",
// "terms which modify this Agreement"), which speak of other documents.
func (s *sentence) otherSubject(i int) bool {
	w := s.words[i]
	if strings.Contains(w, "ющ") || strings.Contains(w, "ящ") || strings.Contains(w, "вш") {
		return true
	}
	if i == 0 {
		return false
	}
	p := s.words[i-1]
	return strings.HasPrefix(p, "котор") || p == "which"
}

// adjective reports whether the change word at i is a participle before
// the policy's name, which says what the policy is, not that it may be
// changed: "subject to the revised clause", "bound by the updated Terms".
func (s *sentence) adjective(i int) bool {
	return i > 0 && i+1 < len(s.words) && strings.HasSuffix(s.words[i], "ed") &&
		s.fs[i-1]&fDeterminer != 0 && s.fs[i+1]&(fDoc|fEdition) != 0
}

// changesMayBeMade reports whether the change word at i, a noun, is what a
// modal says may be made: "Changes to this Policy may be made at any
// time", "Изменения в Политику могут вноситься без уведомления".
func (s *sentence) changesMayBeMade(i int) bool {
	for j := i + 1; j < len(s.words) && j <= i+modalAfterChange; j++ {
		if s.fs[j]&(fBarrier|fUser|fCompany) != 0 {
			return false
		}
		if s.fs[j]&fModal == 0 {
			continue
		}
		for k := j + 1; k < len(s.words) && k <= j+3; k++ {
			if w := s.words[k]; strings.HasPrefix(w, "внос") || strings.HasPrefix(w, "внес") || w == "made" || w == "introduced" {
				return true
			}
		}
		return false
	}
	return false
}

// reference reports whether the change word at i is in an indirect
// question, which points to where the rule is rather than giving it:
// "see Section 7 for information about how we may change these Terms",
// "о том, как мы можем изменить Политику".
func (s *sentence) reference(i int) bool {
	for j := i - 1; j >= 0 && j >= i-modalBefore; j-- {
		if w := s.words[j]; w == "how" || w == "как" && j > 0 && s.words[j-1] == "том" {
			return true
		}
	}
	return false
}

// conditionalCompany reports whether the change word at i has a company
// subject just before it under an "if": "if we make changes", "если мы
// изменим", "when we update". Without the "if" it is news ("We're updating
// our Privacy Notice"), not a rule. A posting or notice between makes the
// company the subject of that, and the change word an adjective: "when we
// post the revised Policy" says when a change takes effect, not who may
// make one.
func (s *sentence) conditionalCompany(i int) bool {
	for j := i - 1; j >= 0 && j >= i-companyBefore; j-- {
		switch {
		case s.fs[j]&fCompany != 0:
			return j > 0 && s.fs[j-1]&fConditional != 0
		case s.fs[j]&(fPosting|fNotify) != 0:
			return false
		}
	}
	return false
}

// companyWill reports whether the change word at i is a verb the company
// says it will do: "We will revise this policy as our products change",
// "we'll periodically update this Policy", "Мы будем обновлять Политику".
// A promise of changes to come is a rule as a modal is, unlike news of
// one being made ("We're updating our Privacy Notice"). "We will update
// you" tells the user of something, and "we will update the date of this
// Policy" changes a date.
func (s *sentence) companyWill(i int) bool {
	if i+1 < len(s.words) && s.fs[i+1]&fUser != 0 {
		return false
	}
	for j := i + 1; j < len(s.words) && j <= i+3; j++ {
		if w := s.words[j]; strings.HasPrefix(w, "date") || strings.HasPrefix(w, "дат") {
			return false
		}
	}
	if !s.directObject(i) {
		return false
	}
	j := i - 1
	for j >= 0 && (strings.HasSuffix(s.words[j], "ly") || s.words[j] == "also") {
		j--
	}
	if j < 1 || !futureAux[s.words[j]] {
		return false
	}
	return s.fs[j-1]&fCompany != 0
}

// directObject reports whether the policy, right after the change word at
// i with only its determiners between, is the whole object: "revise this
// policy as …", "обновлять настоящую Политику по мере …", but not "update
// our Site Policy repository", whose object is a repository.
func (s *sentence) directObject(i int) bool {
	k := i + 1
	for k < len(s.words) && s.fs[k]&fDoc == 0 {
		if s.fs[k]&(fDeterminer|fDocName) == 0 {
			return false
		}
		k++
	}
	if k++; k >= len(s.words) {
		return k == len(s.words)
	}
	w := s.words[k]
	return s.fs[k]&(fConditional|fBarrier|fFrom|fDoc|fDocName|fDeterminer|fModal) != 0 || functionWords[w] ||
		objectEnders[w] || strings.HasSuffix(w, "ly")
}

// objectEnders are the words that may follow an object: "revise this
// Policy and notify you", "обновлять Политику по мере необходимости".
var objectEnders = map[string]bool{
	"and": true, "or": true, "for": true, "whenever": true, "because": true, "to": true,
	"по": true, "в": true, "при": true, "и": true, "или": true, "для": true, "с": true, "без": true, "если": true,
}

// futureAux are the auxiliaries of a future: "we will", "we'll", "мы
// будем".
var futureAux = map[string]bool{"will": true, "shall": true, "ll": true, "будем": true, "будет": true}

// userChange reports whether some change verb of the sentence has the user
// as its subject: "Пользователь может изменить свои данные", "you can
// update your profile". A change noun has no subject: "we will notify you
// … prior to the change becoming effective".
func (s *sentence) userChange() bool {
	for i, f := range s.fs {
		if f&fChange != 0 && !s.changeNoun(i) && s.userSubject(i) {
			return true
		}
	}
	return false
}

// changeNoun reports whether the change word at i is a noun: after a
// determiner or a quantifier ("the change", "any material changes"), or
// with a Russian noun's suffix ("изменения", "обновлений").
func (s *sentence) changeNoun(i int) bool {
	w := s.words[i]
	if w[0] >= 0x80 {
		for _, suffix := range []string{"ние", "ния", "ний", "нию", "нием", "нии", "ниям", "ниях", "ниями"} {
			if strings.HasSuffix(w, suffix) {
				return true
			}
		}
		return false
	}
	if i == 0 {
		return false
	}
	p := s.words[i-1]
	return s.fs[i-1]&(fDeterminer|fMaterial) != 0 || p == "a" || p == "an" || p == "any" || p == "all" ||
		p == "each" || p == "every" || p == "no" || p == "some"
}

// companyAgent reports whether the change word at i is done by the company:
// "изменения вносятся Оператором", "may be amended by the Company", or by
// its decision or order: "вносятся по решению Организатора", "изменяется
// приказом Генерального директора", "by decision of the Administration".
// The company is a party the text defines, so capitalised: "по решению
// суда" is not its decision.
//
// The distance is counted from the policy named after the change, if any:
// "Changes and additions to the present Rules are introduced by the
// decision of the Exchange".
func (s *sentence) companyAgent(i int) bool {
	o := i
	for j := i + 1; j < len(s.words) && j <= i+objectAfter; j++ {
		if s.fs[j]&fObjBarrier != 0 {
			break
		}
		if s.fs[j]&fDoc != 0 {
			o = j
			break
		}
	}
	for j := i + 1; j < len(s.words) && j <= o+agentAfter+decisionParty; j++ {
		if j <= o+agentAfter && (s.fs[j]&fAgent != 0 || s.words[j] == "by" && s.within(j, 2, fCompany, 0)) {
			return true
		}
		if w := s.words[j]; decisionWords[w] && (w[0] >= 0x80 || j > 0 && decisionBy[s.words[j-1]]) {
			for k := j + 1; k < len(s.words) && k <= j+decisionParty; k++ {
				if s.upper[k] && s.fs[k]&fUser == 0 {
					return true
				}
			}
		}
	}
	return false
}

// decisionWords are the decisions a change can be made by. The English
// ones take a preposition before them (decisionBy): "by decision of",
// "at the discretion of", but not "Order of Precedence".
var decisionWords = map[string]bool{
	"решению": true, "решением": true, "приказом": true, "распоряжением": true, "усмотрению": true,
	"decision": true, "discretion": true, "order": true,
}

// decisionBy are the words before an English decision word.
var decisionBy = map[string]bool{"by": true, "at": true, "upon": true, "the": true, "sole": true}

// policyChangeWord reports whether some change or edition word of the
// sentence may be the policy's: not "your changes", "the price change".
func (s *sentence) policyChangeWord() bool {
	for i, f := range s.fs {
		if f&(fChange|fEdition) != 0 && !s.othersChange(i) {
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

// otherAction reports whether the sentence, which names no change, says
// the company may do something else, which its notice or period is for:
// "The Provider may engage a new subprocessor after giving the Customer 30
// days' notice", "Исполнитель вправе привлекать субподрядчиков, уведомив
// Заказчика за 10 дней". A modal before a way of telling ("may notify",
// "may post", "вправе направить") or of the user's ("you may object") is
// no such thing.
func (s *sentence) otherAction() bool {
	if !s.has(fModal) || s.has(fChange|fEdition) {
		return false
	}
	for i, f := range s.fs {
		if f&fModal == 0 || i+1 >= len(s.words) || s.userSubject(i) {
			continue
		}
		w, nf := s.words[i+1], s.fs[i+1]
		if nf != 0 || sends(w) || noticeGiven[w] || tellVerbs[w] || functionWords[w] || strings.HasSuffix(w, "ly") {
			continue
		}
		if w[0] < 0x80 || strings.HasSuffix(w, "ть") || strings.HasSuffix(w, "ться") || strings.HasSuffix(w, "ти") {
			return true
		}
	}
	return false
}

// tellVerbs are the English ways of telling besides giving and sending.
var tellVerbs = map[string]bool{
	"display": true, "show": true, "place": true, "put": true, "contact": true, "communicate": true,
	"let": true, "highlight": true, "present": true, "use": true,
}

// functionWords may follow a modal before its verb: "may, at any time,",
// "may also", "may be", "may not".
var functionWords = map[string]bool{
	"at": true, "also": true, "be": true, "not": true, "only": true, "from": true, "in": true, "by": true,
	"with": true, "without": true, "to": true, "then": true, "still": true, "upon": true, "on": true,
	"if": true, "when": true, "as": true, "have": true, "the": true, "a": true, "an": true, "of": true,
	"do": true, "need": true, "choose": true, "decide": true, "elect": true, "wish": true, "s": true, "t": true,
}

// docPlaced reports whether the sentence says where the policy itself is
// kept for reading: "Политика является общедоступным документом и
// размещается на официальном сайте Оператора", "This Policy is available
// on our website". The policy is the subject, opening the sentence, not
// another document ("the Cookie Policy is available") nor a place ("the
// procedures are detailed in this Statement and available"). The place
// must be a lasting one, said in the present ("размещается", "доступна",
// "is available", "can be found"): "Политика размещена на сайте" tells of
// a posting, as "the revised Policy is posted" does.
func (s *sentence) docPlaced() bool {
	for k, f := range s.fs {
		if f&fDoc != 0 {
			// A qualifier may name another document ("Our Cookie
			// Policy"), unless a demonstrative makes it this one.
			if k > 0 && !placedDeterminer(s.words[k-1]) && !demonstrative(s.words[0]) {
				return false
			}
			for j := k + 1; j < len(s.words) && j <= k+objectAfter; j++ {
				if s.fs[j]&(fConditional|fBarrier) != 0 {
					return false
				}
				if s.fs[j]&fAvailable != 0 && lasting(s.words[j]) {
					return true
				}
			}
			return false
		}
		if f&fDeterminer == 0 && !placedDeterminer(s.words[k]) {
			return false
		}
	}
	return false
}

// lasting reports whether w, a word of where a text is, says it is there
// now and on: a Russian present ("размещается", "находится"), "доступна",
// "available", "accessible", "found", "located".
func lasting(w string) bool {
	switch w {
	case "available", "accessible", "found", "located":
		return true
	}
	return strings.HasSuffix(w, "ется") || strings.HasSuffix(w, "ится") || strings.HasPrefix(w, "доступ")
}

// demonstrative reports whether w points to this very text: "this",
// "настоящая", "данная".
func demonstrative(w string) bool {
	return w == "this" || w == "these" || strings.HasPrefix(w, "настоящ") || strings.HasPrefix(w, "данн")
}

// placedDeterminer reports whether w, before the policy's name, makes it
// this policy.
func placedDeterminer(w string) bool {
	switch w {
	case "this", "these", "the", "our", "present":
		return true
	}
	return strings.HasPrefix(w, "настоящ") || strings.HasPrefix(w, "данн")
}

// approvesEdition reports whether the word at i approves a new edition,
// which is changing the policy: "вправе утверждать новую редакцию
// Политики", "may adopt a new version of this Policy"; not "утверждает
// Политику", which makes the policy, nor "approve the current version".
func (s *sentence) approvesEdition(i int) bool {
	if s.fs[i]&fApproval == 0 {
		return false
	}
	for j := i + 1; j < len(s.words) && j <= i+3; j++ {
		if s.fs[j]&fEdition != 0 {
			return j > i+1 && newEdition(s.words[j-1])
		}
	}
	return false
}

// newEdition reports whether w, before an edition, makes it a new one.
func newEdition(w string) bool {
	switch w {
	case "new", "revised", "updated", "amended":
		return true
	}
	return strings.HasPrefix(w, "нов") || strings.HasPrefix(w, "измен") || strings.HasPrefix(w, "обновл")
}
