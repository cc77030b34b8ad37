package changeterms

import "strings"

// scope returns Material when what the sentence says is for material
// changes only: a change is qualified ("30 days' notice of material
// changes", "если изменения являются существенными", "changes that affect
// your rights"), and no notice is of changes in general ("by notifying you
// of such changes …, provided that, for material changes, …").
func (s *sentence) scope() Scope {
	qualified := false
	for i, f := range s.fs {
		if f&fChange != 0 && s.materialChange(i) {
			qualified = true
			break
		}
	}
	if !qualified {
		return ""
	}
	for i, f := range s.fs {
		if f&fNotify == 0 {
			continue
		}
		for j := i + 1; j < len(s.words) && j <= i+3; j++ {
			if w := s.words[j]; w != "of" && w != "about" && w != "о" && w != "об" && w != "обо" {
				continue
			}
			for k := j + 1; k < len(s.words) && k <= j+3; k++ {
				if s.fs[k]&fChange != 0 {
					if !s.materialChange(k) {
						return ""
					}
					break
				}
			}
			break
		}
	}
	return Material
}

// materialChange reports whether the change word at i is qualified as
// material: "material changes", "существенных изменениях", "changes that
// materially affect", "изменения являются существенными", or as one that
// affects or takes from the user's rights, use or position ("changes that
// affect your rights", "if the changes affect your usage", "изменения,
// затрагивающие права Пользователей", "ухудшающие положение
// Пользователя"); not "non-material changes".
func (s *sentence) materialChange(i int) bool {
	end := i + materialAfter
	for j := max(0, i-materialBefore); j < len(s.words) && j <= end; j++ {
		// The policy a change is of does not part it from its qualifier:
		// "changes to this Policy that adversely affect you".
		if j > i && (s.fs[j]&(fDoc|fDeterminer) != 0 || s.words[j] == "to" || s.words[j] == "of") {
			end++
		}
		switch {
		case j == i:
		case s.fs[j]&fMaterial != 0 && (j == 0 || s.words[j-1] != "non"):
			return true
		case j > i && affects(s.words[j]):
			for k := j + 1; k < len(s.words) && k <= j+materialAfter; k++ {
				if w := s.words[k]; strings.HasPrefix(w, "right") || strings.HasPrefix(w, "прав") ||
					strings.HasPrefix(w, "obligation") || strings.HasPrefix(w, "обязанност") || s.fs[k]&fUse != 0 ||
					strings.HasPrefix(w, "положени") || strings.HasPrefix(w, "position") || strings.HasPrefix(w, "protection") ||
					strings.HasPrefix(w, "защит") {
					return true
				}
			}
		}
	}
	return false
}

// affects reports whether w says something affects something, or takes
// from it: "changes that reduce your rights", "изменения, ухудшающие
// положение Пользователя", "ограничивающие права".
func affects(w string) bool {
	for _, p := range affectStems {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// affectStems are the stems of affecting and of taking from.
var affectStems = []string{"affect", "затраг", "impact", "reduc", "limit", "restrict", "diminish", "worsen", "curtail",
	"ухудш", "огранич", "уменьш", "сокращ", "умаля"}

// noticeOfChanges reports whether the sentence tells users of changes
// that it leaves unnamed, which in a policy are the policy's: "we will
// notify you of any changes by email", "об изменениях Пользователь
// уведомляется", "информирует о внесенных изменениях посредством
// рассылки"; not "of changes in the status of your order", "об изменении
// статуса заказа", "of fee changes". The change must be followed by the
// end, a user, a verb or a word of the notice's manner or time.
func (s *sentence) noticeOfChanges() bool {
	for j, w := range s.words {
		if w != "of" && w != "about" && w != "о" && w != "об" && w != "обо" {
			continue
		}
		// Only a quantifier may stand between: "of any material
		// changes", "о внесенных изменениях", not "о новых функциях,
		// обновлениях", nor "об этом изменении", which is the one the
		// sentence before spoke of, the user's as likely as the policy's.
		k := j + 1
		for k < len(s.words) && k <= j+3 && s.fs[k]&fChange == 0 && (s.fs[k]&fMaterial != 0 || quantifiers[s.words[k]]) {
			k++
		}
		if k >= len(s.words) || s.fs[k]&fChange == 0 || s.othersChange(k) || !s.bareEnd(k+1) {
			continue
		}
		if s.within(j, noticeNear, fNotify, 0) || s.within(j, -noticeNear, fNotify, 0) {
			return true
		}
	}
	return false
}

// bareEnd reports whether the word at k, after a change, ends the change's
// phrase rather than naming what changes, or names the policy by a common
// noun ("об изменении условий").
func (s *sentence) bareEnd(k int) bool {
	if k >= len(s.words) {
		return true
	}
	w, f := s.words[k], s.fs[k]
	switch {
	case f&(fUser|fCompany|fNotify|fPosting|fNegation|fDocName) != 0, bareEnders[w]:
		return true
	case w == "по":
		return k+1 < len(s.words) && (strings.HasPrefix(s.words[k+1], "электронн") || s.words[k+1] == "e" || s.words[k+1] == "sms")
	}
	// A Russian verb: "об изменениях сообщается".
	for _, suffix := range []string{"ся", "ет", "ит", "ют", "ят", "ут"} {
		if w[0] >= 0x80 && strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// quantifiers may stand before a change in a notice of changes.
var quantifiers = map[string]bool{
	"a": true, "an": true, "the": true, "any": true, "all": true, "each": true, "every": true, "future": true, "upcoming": true,
	"planned": true, "внесенных": true, "всех": true, "любых": true, "таких": true, "предстоящих": true,
}

// bareEnders are the words of a notice's manner or time.
var bareEnders = map[string]bool{
	"by": true, "via": true, "through": true, "at": true, "before": true, "prior": true, "within": true,
	"or": true, "and": true, "we": true, "путем": true, "посредством": true, "через": true, "за": true,
	"заранее": true, "до": true, "не": true, "или": true, "и": true,
}

// retroactive reports whether the sentence says a change may apply to what
// came before it: "might apply retroactively", "имеют обратную силу",
// "распространяется на отношения, возникшие до", "applies to information
// collected before"; not "will not apply retroactively", "обратной силы
// не имеют".
func (s *sentence) retroactive() bool {
	if !s.has(fRetro) {
		return false
	}
	loc := retroPhrase.FindStringIndex(s.norm)
	if loc == nil {
		return false
	}
	// "Изменения не распространяются на договоры, заключённые до…": the
	// negated verb of applying can stand further before than a negation
	// next to the phrase.
	if retroDenial.MatchString(s.norm[:loc[0]]) {
		return false
	}
	before := strings.FieldsFunc(s.norm[max(0, loc[0]-negationBytes):loc[0]], notWordRune)
	for k := max(0, len(before)-negationBefore); k < len(before); k++ {
		if features(before[k])&fNegation != 0 {
			return false
		}
	}
	after := strings.FieldsFunc(s.norm[loc[1]:min(len(s.norm), loc[1]+negationBytes)], notWordRune)
	for k := 0; k < len(after) && k < 3; k++ {
		if after[k] == "не" {
			return false
		}
	}
	return true
}
