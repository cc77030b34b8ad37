package changeterms

import "strings"

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
		out, inChange = s.findings(blk, inChange, out)
	}
	return out
}

// findings appends to out what the sentence, read and normalised, says as a
// part of blk, given whether the sentence before spoke of changes to the
// policy; it also reports whether this one does, for the sentence after.
func (s *sentence) findings(blk Block, inChange bool, out []Finding) ([]Finding, bool) {
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

	return out, about || e >= 0 && changeRef || len(out) > found
}
