package changeterms

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
