package changeterms

import "strings"

// channels returns how the sentence says users are told, in summary order.
// Cheap tests guard the regexps, which are the slow part.
func (s *sentence) channels() []Channel {
	var out []Channel
	n := s.norm
	if s.hasPlace() || s.namedCenter() || strings.Contains(n, "banner") || strings.Contains(n, "баннер") ||
		strings.Contains(n, "blog") || strings.Contains(n, "блог") || s.onService() {
		out = append(out, Site)
	}
	if (strings.Contains(n, "mail") || strings.Contains(n, "электронн") || strings.Contains(n, "почт")) && emailPhrase.MatchString(n) {
		out = append(out, Email)
	}
	if otherPhrase.MatchString(n) || s.accountPortal() {
		out = append(out, Other)
	}
	if s.noticeless() {
		out = append(out, None)
	}
	return out
}

// onService reports whether the sentence places something on the service
// itself, which is the site: "a notice on the Service", "within the
// Spotify Service", "уведомлением в Сервисе".
func (s *sentence) onService() bool {
	for i, w := range s.words {
		if !servicePrepositions[w] {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+3; j++ {
			if services[s.words[j]] {
				return true
			}
		}
	}
	return false
}

var (
	servicePrepositions = map[string]bool{"on": true, "in": true, "within": true, "via": true, "through": true, "в": true, "на": true}
	services            = map[string]bool{"service": true, "services": true, "platform": true, "сервисе": true, "сервисах": true, "платформе": true}
)

// asAmended reports whether the sentence names the current edition by
// the policy's name: "this Statement, as amended".
func (s *sentence) asAmended() bool {
	for i := 0; i+1 < len(s.words); i++ {
		if s.words[i] == "as" {
			switch s.words[i+1] {
			case "amended", "updated", "revised", "modified":
				return true
			}
		}
	}
	return false
}

// noticeless reports whether the sentence says something is done without
// notice.
func (s *sentence) noticeless() bool {
	n := s.norm
	return (strings.Contains(n, "без") || strings.Contains(n, "не ") || strings.Contains(n, "without") || strings.Contains(n, "not ")) &&
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
// service means accepting: an acceptance, and "continue" or "further"
// followed by "use" ("продолжая пользоваться", "дальнейшее использование",
// "continued use") or "use" followed by "after" a change ("использование
// Сайта после внесения изменений", "your use following any changes").
func (s *sentence) continuedUse() bool {
	if !s.has(fUse) || !s.has(fAccept) {
		return false
	}
	// "Agreements" names the policy, and accepts nothing.
	accept := false
	for _, f := range s.fs {
		accept = accept || f&fAccept != 0 && f&fDoc == 0
	}
	if !accept {
		return false
	}
	for i, f := range s.fs {
		if f&fContinue != 0 && s.continuing(i) {
			return true
		}
		if f&fUse != 0 {
			for j := i + 1; j < len(s.words) && j <= i+afterUse; j++ {
				if s.fs[j]&fAfter != 0 {
					if s.within(j, changeAfter, fChange|fEdition|fPosting, 0) {
						return true
					}
					break
				}
			}
		}
	}
	return false
}

// continuing reports whether the continuing word at i continues a use:
// "продолжая пользоваться", "continued use", "continue to access", and
// "keep using", "keep on using", where "keep" must have the use right
// after it: "you keep ownership of the files you use" continues nothing.
func (s *sentence) continuing(i int) bool {
	if w := s.words[i]; strings.HasPrefix(w, "keep") {
		j := i + 1
		if j < len(s.words) && s.words[j] == "on" {
			j++
		}
		return j < len(s.words) && s.fs[j]&fUse != 0
	}
	return s.within(i, useAfter, fUse, 0)
}

// notify reports whether the sentence speaks of telling users, but not
// only to say that something may be done "with or without notice".
func (s *sentence) notify() bool {
	if s.letKnow() || strings.Contains(s.norm, "в известность") || strings.Contains(s.norm, "до сведения") {
		return true
	}
	if !s.has(fNotify) {
		// "We will email you": the channel as the verb.
		for i, w := range s.words {
			if i+1 >= len(s.words) || s.fs[i+1]&fUser == 0 {
				continue
			}
			// "We will update you": a change verb of the company's with
			// the user for its object tells the user; not "after any
			// update, you agree".
			if w == "email" || w == "mail" || s.fs[i]&fChange != 0 && i > 0 &&
				(s.fs[i-1]&(fCompany|fModal) != 0 || futureAux[s.words[i-1]]) {
				return true
			}
		}
		return s.sendsNotice()
	}
	// "With or without notice" says nothing of telling users.
	n := 0
	if (strings.Contains(s.norm, "without") || strings.Contains(s.norm, "или без")) && withOrWithout.MatchString(s.norm) {
		n = -1
	}
	for i, f := range s.fs {
		if f&fNotify != 0 && !s.usersNotice(i) && !s.statedIn(i) {
			n++
		}
	}
	return n > 0
}

// sendsNotice reports whether the sentence sends the user, or sends the
// changes, by a channel of its own: "we will send you an email and a text
// message", "will send any proposed amendment by email", "Проект
// изменений направляется Заказчику в личный кабинет". A site is no
// channel one sends by, and "we send newsletters" tells of nothing.
func (s *sentence) sendsNotice() bool {
	for i, w := range s.words {
		if !sends(w) {
			continue
		}
		if s.within(i, 2, fUser, 0) || s.within(i, noticeNear, fChange, 0) || s.within(i, -3, fChange, 0) {
			for _, c := range s.channels() {
				if c == Email || c == Other {
					return true
				}
			}
			return false
		}
	}
	return false
}

// sends reports whether w is a verb or noun of sending.
func sends(w string) bool {
	switch w {
	case "send", "sends", "sent", "sending", "deliver", "delivers", "delivered":
		return true
	}
	return strings.HasPrefix(w, "направ") || strings.HasPrefix(w, "отправ") || strings.HasPrefix(w, "высыл") ||
		strings.HasPrefix(w, "присыл")
}

// usersNotice reports whether the notice word at i is one the user gives
// or the company has, not one users get: "you may opt out by sending us a
// written notice", "the opt-out notice must include", "claims of which
// Discord does not have actual notice".
func (s *sentence) usersNotice(i int) bool {
	if i > 0 && s.words[i-1] == "out" {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w := s.words[j]; w == "have" || w == "has" || w == "had" {
			return true
		}
	}
	// The user's notice has the user for its subject, not the object of
	// a giving ("we will give you notice") nor a receiving or a passive
	// ("you will receive a notice", "Users will be notified",
	// "Пользователь уведомляется").
	w := s.words[i]
	if strings.HasSuffix(w, "ся") || strings.HasSuffix(w, "ен") || strings.HasSuffix(w, "ена") || strings.HasSuffix(w, "ены") {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-subjectBefore; j-- {
		switch f := s.fs[j]; {
		case f&(fBarrier|fCompany) != 0 || noticeReceived[s.words[j]]:
			return false
		case f&fUser != 0:
			k := j - 1
			for k >= 0 && s.fs[k]&fDeterminer != 0 {
				k--
			}
			return k < 0 || !noticeGiven[s.words[k]]
		}
	}
	return false
}

// statedIn reports whether the notice word at i is only where something is
// stated: "с даты, указанной в уведомлении", "from the date stated in the
// notice".
func (s *sentence) statedIn(i int) bool {
	j := i - 1
	if j >= 0 && s.fs[j]&fDeterminer != 0 {
		j--
	}
	if j < 1 || s.words[j] != "в" && s.words[j] != "in" {
		return false
	}
	w := s.words[j-1]
	return strings.HasPrefix(w, "указан") || strings.HasPrefix(w, "определ") || strings.HasPrefix(w, "установлен") ||
		w == "stated" || w == "specified" || w == "indicated" || w == "set" || w == "out" || w == "given" || w == "shown"
}

// noticeReceived are the words that make a user told, not telling.
var noticeReceived = map[string]bool{
	"receive": true, "receives": true, "get": true, "gets": true, "be": true, "is": true, "are": true,
	"получит": true, "получает": true, "получать": true,
}

// noticeGiven are the words after which a user is told: "give you",
// "send the User".
var noticeGiven = map[string]bool{
	"give": true, "gives": true, "giving": true, "provide": true, "provides": true, "send": true, "sends": true,
	"notify": true, "tell": true, "inform": true, "email": true, "to": true, "of": true,
}

// currentEdition reports whether the sentence names the edition in force:
// "действующая редакция Политики", "the current version of these Terms",
// "this Statement, as amended", or just "действующая редакция", since a
// редакция is always a text's (but not a law's: "закон в действующей
// редакции"); "the latest version" alone may be the software's, but not
// "актуальная версия политики", nor where the sentence, or the one before,
// is about changes to the policy (changeRef).
func (s *sentence) currentEdition(changeRef bool) bool {
	if !s.has(fCurrent) {
		return s.has(fDoc) && !s.has(fLaw) && s.asAmended()
	}
	for i, f := range s.fs {
		if f&fCurrent == 0 {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+currentBefore; j++ {
			if s.fs[j]&(fEdition|fText|fDoc) == 0 {
				continue
			}
			w := s.words[j]
			if s.ownDoc(j) || (strings.HasPrefix(w, "редакц") || w == "edition") && !s.has(fLaw) ||
				s.fs[j]&fEdition != 0 && (changeRef || j+1 < len(s.words) && s.fs[j+1]&fDocName != 0) {
				return true
			}
		}
	}
	return false
}

// ownDoc reports whether the policy is named at or just after word j, and
// not another company's document: "the current version of these Terms",
// but not "the then-current version of the Google Maps Additional Terms
// of Service", whose name has a capitalised word of its own before
// "Terms".
func (s *sentence) ownDoc(j int) bool {
	for k := j; k < len(s.words) && k <= j+ownDocAfter; k++ {
		if s.fs[k]&fDoc == 0 {
			continue
		}
		p := s.fs[k-1]
		return !s.upper[k-1] || p&(fDeterminer|fEdition|fCurrent|fDocName) != 0
	}
	return false
}

// publishedURL returns the first address in the sentence without trailing
// punctuation, or "".
func (s *sentence) publishedURL() string {
	m := url.FindStringSubmatch(s.text)
	if m == nil {
		return ""
	}
	u := m[0]
	if m[1] != "" {
		u = m[1]
	}
	return strings.TrimRight(u, ".,;:!?)]}»\"'”’")
}

// letKnow reports whether the sentence tells the user in so many words:
// "we will let you know", "letting users know", "let our customers know".
func (s *sentence) letKnow() bool {
	for i, w := range s.words {
		if w != "let" && w != "lets" && w != "letting" {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+3; j++ {
			if s.words[j] == "know" {
				return s.within(i, j-i, fUser, 0)
			}
		}
	}
	return false
}

// accountPortal reports whether the sentence names a user's own area of the
// service, which is no public page: "the student portal", "our customer
// portal", "Online Banking".
func (s *sentence) accountPortal() bool {
	for i, w := range s.words {
		switch {
		case w == "portal" || w == "portals":
			if i > 0 && (s.fs[i-1]&fUser != 0 || accountOwners[s.words[i-1]]) {
				return true
			}
		case w == "banking" && i > 0:
			switch s.words[i-1] {
			case "online", "internet", "mobile", "digital":
				return true
			}
		}
	}
	return false
}

// accountOwners are the holders of an account a portal is for.
var accountOwners = map[string]bool{
	"student": true, "students": true, "member": true, "members": true, "client": true, "clients": true,
	"patient": true, "patients": true, "employee": true, "employees": true, "partner": true, "partners": true,
	"account": true, "self": true,
}

// namedCenter reports whether the sentence places a notice in a named
// centre of the company's site: "a notice in the Provider Trust Center",
// "in our Privacy Centre", "on the Help Center". The name is
// capitalised; "a data center" is none.
func (s *sentence) namedCenter() bool {
	for i, w := range s.words {
		if (w == "center" || w == "centre" || w == "hub") && s.upper[i] && i > 1 && s.upper[i-1] {
			for j := i - 2; j >= 0 && j >= i-5; j-- {
				if servicePrepositions[s.words[j]] {
					return true
				}
			}
		}
	}
	return false
}

// hasPlace reports whether the sentence names a place on the web, other
// than the "online" of an account's name ("through Online Banking") or the
// portal whose personal account it is ("через личный кабинет Портала").
func (s *sentence) hasPlace() bool {
	if !s.has(fPlace) {
		return false
	}
	for i, f := range s.fs {
		if i > 0 && strings.HasPrefix(s.words[i-1], "кабинет") {
			continue
		}
		if f&fPlace != 0 && !(s.words[i] == "online" && i+1 < len(s.words) && s.words[i+1] == "banking") {
			return true
		}
	}
	return false
}

// postingIsChange reports whether the posting is the way a change the
// company may make is made, which is the change itself, not a notice of
// it: "We may revise these Terms at any time by posting a revised version
// on this site", "вправе изменить Правила путем размещения новой
// редакции". A change verb under a modal comes before "by posting".
func (s *sentence) postingIsChange() bool {
	for i, f := range s.fs {
		if f&fPosting == 0 || i == 0 {
			continue
		}
		switch s.words[i-1] {
		case "by", "путем", "посредством":
		default:
			continue
		}
		for j := i - 2; j >= 1 && j >= i-objectAfter-2; j-- {
			if s.fs[j]&fChange != 0 && s.within(j, -modalBefore, fModal, 0) {
				return true
			}
		}
	}
	return false
}

// postedBefore reports whether the sentence puts the posting a day, week or
// month before the effect: "enter into force from the 1st day of the month
// following the month of their publication on the website".
func (s *sentence) postedBefore() bool {
	const units = fDay | fWeek | fMonth
	for i, f := range s.fs {
		if f&fAfter == 0 || i == 0 || s.fs[i-1]&units == 0 {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+5; j++ {
			if s.fs[j]&fPosting != 0 {
				return true
			}
		}
	}
	return false
}
