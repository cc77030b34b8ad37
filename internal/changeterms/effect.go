package changeterms

import (
	"strconv"
	"strings"
)

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
