package changeterms

import (
	"strconv"
	"strings"
)

// effect returns the index of the word that says something takes effect,
// or -1: "вступает в силу", "действует с", "takes effect", "comes into
// force", "becomes effective", "effective upon", "apply immediately", and
// the non-native "is valid from". "Дата вступления в силу" and "the
// effective date" name a date, not a rule.
func (s *sentence) effect() int {
	ws := s.words
	for i, w := range ws {
		prev, next, nextF := "", "", feature(0)
		if i > 0 {
			prev = ws[i-1]
		}
		if i+1 < len(ws) {
			next, nextF = ws[i+1], s.fs[i+1]
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
			if next == "с" || next == "со" || next == "после" || next == "начиная" || nextF&fImmediate != 0 {
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
		case w == "apply" || w == "applies" || w == "valid":
			// "Changes will apply immediately", "applies from the date
			// of posting"; "is valid from the moment of placing" is how
			// Russian sites' English says "действует с момента".
			switch next {
			case "from", "since", "upon", "as", "once", "starting":
				return i
			}
			if nextF&fImmediate != 0 {
				return i
			}
		}
	}
	return -1
}

// effectSubject reports whether what takes effect at word e is the policy,
// an edition or a change: such a word comes shortly before e ("Изменения
// вступают в силу", "The revised Policy comes into force") or just after
// it ("вступает в силу новая редакция"), or further back when a pronoun
// stands for it ("about essential changes … 30 days before they come into
// force", "изменений … до их вступления в силу", "до вступления их в
// силу"). The policy named after a preposition is not the subject:
// "suspend access for violation of this Agreement, effective immediately"
// is a suspension's effect; nor is a change of the user's ("Your changes
// take effect once you save them") or a price's.
func (s *sentence) effectSubject(e int) bool {
	from := e - effectSubjectBefore
	for j := max(0, e-3); j < len(s.words) && j <= e+2; j++ {
		if pronouns[s.words[j]] {
			from = e - subjectBefore
			break
		}
	}
	for j := max(0, from); j < len(s.words) && j <= e+effectSubjectAfter; j++ {
		switch f := s.fs[j]; {
		case j == e:
		case f&(fChange|fEdition) != 0 && !s.othersChange(j):
			return true
		case f&fDoc != 0 && !s.prepositional(j):
			return true
		}
	}
	return false
}

// pronouns stand for what takes effect.
var pronouns = map[string]bool{"they": true, "it": true, "их": true, "ее": true, "её": true, "его": true}

// othersChange reports whether the change word at j is a change of
// something other than the policy: the user's ("your changes", "ваши
// изменения") or a price's ("price changes", "изменение тарифов"), which
// are common beside the policy's and worded alike.
func (s *sentence) othersChange(j int) bool {
	if j > 0 && changeOwners[s.words[j-1]] || s.otherDocument(j) || s.passiveOfOther(j) {
		return true
	}
	if j+1 < len(s.words) {
		n := s.words[j+1]
		return strings.HasPrefix(n, "цен") || strings.HasPrefix(n, "тариф") || strings.HasPrefix(n, "стоимост")
	}
	return false
}

// changeOwners are the words before a change that make it of something
// other than the policy.
var changeOwners = map[string]bool{
	"your": true, "ваши": true, "ваше": true, "ваших": true, "свои": true, "своих": true,
	"price": true, "prices": true, "pricing": true, "fee": true, "fees": true, "tax": true,
}

// prepositional reports whether the word at j, with its determiners, is
// the object of a preposition: "of this Agreement", "в нарушение
// настоящих Правил".
func (s *sentence) prepositional(j int) bool {
	k := j - 1
	for k >= 0 && s.fs[k]&fDeterminer != 0 {
		k--
	}
	if k < 0 {
		return false
	}
	switch s.words[k] {
	case "of", "for", "under", "with", "by", "in", "to", "from", "on", "at", "about", "against",
		"в", "во", "по", "к", "о", "об", "с", "со", "для", "от", "при", "на", "за", "согласно", "нарушение":
		return true
	}
	return false
}

// fromPosting reports whether what takes effect at word e does so from
// posting: a posting word follows e, before any approval word or number
// ("вступает в силу с момента её размещения", "takes effect upon
// publication", but "вступает в силу с момента утверждения", "takes effect
// on 1 March 2024"), or precedes it after "from" ("с момента размещения на
// Сайте новая редакция вступает в силу", "once posted, changes take
// effect"), but not as a predicate of its own ("was posted on 15 February
// and takes effect on 1 March"). It reports apart whether it takes effect
// at once ("вступают в силу немедленно", "apply immediately"), which is on
// posting too when the change is the policy's, since a change is made by
// posting it, unless an approval or a date follows.
func (s *sentence) fromPosting(e int) (posted, immediate bool) {
	for j := e + 1; j < len(s.words) && j <= e+effectSource; j++ {
		switch {
		case s.fs[j]&fApproval != 0 || isDigits(s.words[j]):
			return false, false
		case s.fs[j]&fPosting != 0:
			return true, false
		case s.fs[j]&fImmediate != 0:
			immediate = true
		}
	}
	if immediate || e > 0 && s.fs[e-1]&fImmediate != 0 {
		return false, true
	}
	for j := e - 1; j >= 0 && j >= e-effectSource; j-- {
		if s.fs[j]&(fPosting|fApproval) != 0 {
			return s.fs[j]&fPosting != 0 && s.within(j, -2, fFrom, 0), false
		}
	}
	return false, false
}

// takesEffect returns what the sentence says of when something that takes
// effect at word e does, given the notice period in days and whether the
// sentence, or its context, names the policy (named): a bare "Changes take
// effect immediately" may follow "You may change your password".
func (s *sentence) takesEffect(e, days int, named bool) []Kind {
	var out []Kind
	posted, immediate := s.fromPosting(e)
	switch {
	case days > 0:
	case posted || immediate && named:
		out = append(out, OnPosting)
	default:
		return nil
	}
	if s.unlessOtherwise() {
		out = append(out, UnlessOtherwise)
	}
	return out
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
// as seven days and months as thirty, or 0, and whether it is given as a
// notice in advance: "30 days' notice", "15 days in advance", "за 10 дней",
// but not "within 30 days of when we notify users".
func (s *sentence) days() (int, bool) {
	const units = fDay | fWeek | fMonth
	if !s.has(units) {
		return 0, false
	}
	for i, f := range s.fs {
		if f&units == 0 {
			continue
		}
		n, first := s.count(i)
		if n == 0 && f&(fWeek|fMonth) != 0 && i > 0 && s.words[i-1] == "за" {
			n, first = 1, i // "за неделю до", "не менее чем за месяц"
		}
		switch {
		case n == 0 || s.deadline(first):
			continue
		case f&fWeek != 0:
			n *= 7
		case f&fMonth != 0:
			n *= 30
		}
		return n, s.advance(i, first)
	}
	return 0, false
}

// count returns the count before the unit at i, in digits or words ("10
// (десять) календарных", "twenty five", "least thirty (30)"), and the
// index of its first word.
func (s *sentence) count(i int) (int, int) {
	digits, word, first := 0, 0, i
	for j := i - 1; j >= 0 && j >= i-unitAfter; j-- {
		w := s.words[j]
		if n, err := strconv.Atoi(w); err == nil {
			if n > 0 && n < 1000 {
				digits, first = n, j
			}
			break
		}
		if n, ok := numberWords[w]; ok {
			if word > 0 && word < 10 && n >= 20 && n%10 == 0 {
				word += n
			} else if word == 0 {
				word = n
			}
			first = j
			continue
		}
		if s.fs[j]&fFiller == 0 {
			break
		}
	}
	if digits > 0 {
		return digits, first
	}
	return word, first
}

// advance reports whether the period whose unit is at i and whose count
// starts at first is one before something: "за 10 дней", "30 days'
// notice", "30 days prior", "15 days in advance".
func (s *sentence) advance(i, first int) bool {
	for j := first - 1; j >= 0 && j >= first-2; j-- {
		if s.words[j] == "за" {
			return true
		}
	}
	for j := i + 1; j < len(s.words) && j <= i+3; j++ {
		switch w := s.words[j]; {
		case s.fs[j]&fNotify != 0, w == "prior", w == "before", w == "advance", w == "ahead", w == "до", w == "заранее":
			return true
		}
	}
	return false
}

// unlessOtherwise reports whether the sentence reserves a rule the new
// edition may set: an "если"/"unless" clause that speaks of another rule and
// not of a law. An English "if" does so only with a negation: "if other
// isn't provided by the new edition" is how Russian sites' English pages
// put "если иное не предусмотрено".
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
		var other, law, negation bool
		for _, w := range strings.FieldsFunc(clause, notWordRune) {
			f := features(w)
			other = other || f&fOther != 0
			law = law || f&fLaw != 0
			negation = negation || f&fNegation != 0
		}
		if other && !law && (negation || !strings.HasPrefix(strings.TrimLeftFunc(clause, notWordRune), "if")) {
			return true
		}
		rest = rest[loc[1]:]
	}
}

// otherDocument reports whether the change or edition word at j is of a
// document that a lowercase qualifier of its own makes another one than
// the policy: "Новая редакция дополнительных условий", "a new version of
// the supplemental terms", but not "новая редакция Политики", "a new
// version of our Privacy Policy", "редакция Пользовательского
// соглашения".
func (s *sentence) otherDocument(j int) bool {
	k := j + 1
	for k < len(s.words) && (s.words[k] == "of" || s.words[k] == "the") {
		k++
	}
	if k+1 >= len(s.words) || s.upper[k] || s.fs[k]&(fDeterminer|fDocName|fEdition|fChange) != 0 {
		return false
	}
	return s.fs[k+1]&fDocName != 0 && s.fs[k+1]&fDoc == 0 && !s.upper[k+1]
}

// passiveOfOther reports whether the change word at j is a passive whose
// subject, before it, is not the policy: "Rates and fees are listed in the
// Rate Schedule and may be modified by us, effective when posted".
func (s *sentence) passiveOfOther(j int) bool {
	if j < 1 || s.words[j-1] != "be" && s.words[j-1] != "быть" {
		return false
	}
	for k := j - 2; k >= 0; k-- {
		if s.fs[k]&(fDoc|fEdition|fChange) != 0 || pronouns[s.words[k]] {
			return false
		}
	}
	return true
}

// deadline reports whether the period whose count starts at first is a
// time within which something is done, not one before a change: "доводятся
// до сведения родителей … в течение трёх рабочих дней", "within 3 days".
func (s *sentence) deadline(first int) bool {
	return first > 0 && (s.words[first-1] == "течение" || s.words[first-1] == "within")
}

// thirdParty reports whether the change word at i, after a modal, has for
// its subject a party the text does not define, lowercase at the start of
// the sentence, and for its object a document of its own name: "The
// community team may update the House Rules at any time".
func (s *sentence) thirdParty(i int) bool {
	if i < 3 || s.words[0] != "the" || s.fs[i-1]&fModal == 0 {
		return false
	}
	for k := 1; k < i-1; k++ {
		if s.upper[k] || s.fs[k]&(fCompany|fUser|fDoc) != 0 {
			return false
		}
	}
	for k := i + 1; k+1 < len(s.words) && k <= i+3; k++ {
		if s.words[k-1] == "the" && s.upper[k] && s.fs[k]&fDeterminer == 0 && s.upper[k+1] && s.fs[k+1]&fDoc != 0 {
			return true
		}
	}
	return false
}
