package changeterms

import "strings"

// analyzer reads an edition's sentences in order.
type analyzer struct {
	b   strings.Builder
	s   sentence
	sp  []sentSpan
	sec section
}

// block appends to out what the sentences of blk say.
func (a *analyzer) block(blk Block, out []Finding) []Finding {
	a.sp = sentences(blk.Text, a.sp[:0])
	if len(a.sp) == 0 {
		return out
	}
	a.enter(blk)
	if blk.Heading {
		return out
	}
	// A table's rows are of their own: a data table after a change
	// section is not about changes.
	ctx := context{
		section: a.sec.kind == changeSection && !strings.Contains(blk.Text, " | "),
		topic:   a.sec.kind == topicSection,
	}
	// inChange: the sentence before spoke of changes to the policy, so
	// "the updates" and "we will notify you" here mean the policy's. It
	// does not reach further, nor into the next block, unless the blocks
	// are of a section about changes: a heading or clause number between
	// can change the subject without Block saying so.
	inChange := false
	for _, sp := range a.sp {
		s := &a.s
		s.read(blk.Text[sp.start:sp.end])
		if !s.has(fChange|fEdition|fDoc|fContinue|fNotify|fCurrent) && !s.letKnow() {
			inChange = false
			continue
		}
		s.norm = normalize(&a.b, s.text)
		ctx.inChange = inChange
		out, inChange = s.findings(blk, ctx, out)
	}
	return out
}

// context is what a sentence's neighbours say about its subject.
type context struct {
	// inChange: the sentence before is about changes to the policy.
	inChange bool
	// section: the sentence is in a section about changes to the policy.
	section bool
	// topic: the sentence is in a section about something else ("C.
	// Prices"), whose unnamed changes are that thing's.
	topic bool
}

// findings appends to out what the sentence, read and normalised, says as a
// part of blk, given its context; it also reports whether it speaks of
// changes to the policy, for the sentence after.
func (s *sentence) findings(blk Block, ctx context, out []Finding) ([]Finding, bool) {
	found := len(out)
	add := func(f Finding) {
		f.Clause, f.Line, f.Sentence = blk.Clause, blk.Line, s.text
		out = append(out, f)
	}
	about := s.aboutPolicyChange(fChange | fEdition)
	e := s.effect()
	// changeRef: the sentence, or the one before, or its section, is
	// about a change to the policy; the context does not make a sentence
	// on ending or suspending something one on changes ("Исполнитель
	// вправе расторгнуть Договор, уведомив Заказчика за 14 дней"), nor
	// one on another thing the company may do ("may engage a new
	// subprocessor after giving 30 days' notice").
	changeRef := about || (ctx.inChange || ctx.section) && !s.has(fEnd) && (e >= 0 || !s.otherAction())

	if c, ok := s.changeRule(out, blk.Clause, ctx); ok {
		add(Finding{Kind: Unilateral, Consent: c})
	}

	// A new edition or a change taking effect is a change to the policy,
	// unless the change is the user's ("you can update your profile; the
	// changes apply immediately"). named: the policy or an edition is
	// what takes effect, or the context says it is.
	subject := e >= 0 && s.effectSubject(e)
	named := changeRef || subject && s.has(fDoc|fEdition)
	if subject && (s.has(fDoc|fEdition) || !s.userChange()) {
		changeRef = true
	}
	days, advance := s.days()
	notify := s.notify()
	if notify && !changeRef && !ctx.topic && s.noticeOfChanges() {
		changeRef = true
	}
	if e >= 0 && changeRef {
		for _, k := range s.takesEffect(e, days, named) {
			add(Finding{Kind: k})
		}
	}
	scope := Scope("")
	if changeRef && (days > 0 || notify || s.has(fPosting)) {
		scope = s.scope()
	}
	// A period before which changes are posted is one of notice too:
	// "Amended terms will be published on the Platform at least ten days
	// before their effective date".
	if days > 0 && (e >= 0 || (notify || s.changesPosted()) && advance) && changeRef {
		add(Finding{Kind: NoticePeriod, Days: days, Scope: scope})
	}

	u, published := s.published(e, changeRef)
	if f, ok := s.notification(e, days, changeRef, notify, published); ok {
		f.Scope = scope
		add(f)
	}

	if s.continuedUse() && (changeRef || s.policyChangeWord()) {
		add(Finding{Kind: ContinuedUse})
	}

	if published {
		add(Finding{Kind: PublishedAt, URL: u})
	}

	// A retroactive change names the change ("The changes may be extended
	// to relations which arose before"), which is the policy's unless it
	// is the user's.
	if (changeRef || s.has(fChange|fEdition) && !s.userChange()) && s.retroactive() {
		add(Finding{Kind: Retroactive})
	}

	return out, about || e >= 0 && changeRef || len(out) > found
}

// changeRule reports whether the sentence gives the company's right to
// change the policy, and what consent it needs. A sentence after one, or
// a clause of a section on changes, that says what a change needs gives
// it to the right before in its clause, or is a rule of its own: "An
// update that reduces protection will apply only with Customer's prior
// written consent".
func (s *sentence) changeRule(out []Finding, clause string, ctx context) (Consent, bool) {
	if s.unilateral() || ctx.section && s.makesThem() {
		return s.consent(), true
	}
	if !(ctx.inChange || ctx.section) || !s.has(fChange) || !s.has(fAccept) || s.userChange() {
		return "", false
	}
	c := s.consent()
	return c, c != "" && !consentAfter(out, clause, c) && ctx.section
}

// consentAfter gives the last unilateral finding of clause, if it says
// nothing of consent, the consent c that the sentence after it states of
// the changes: "Исполнитель вправе изменять условия Соглашения. Изменения
// вступают в силу только с согласия Заказчика."
// It reports whether it found one of clause to give it to.
func consentAfter(out []Finding, clause string, c Consent) bool {
	for i := len(out) - 1; i >= 0; i-- {
		if f := &out[i]; f.Kind == Unilateral {
			if f.Clause != clause {
				return false
			}
			if f.Consent == "" {
				f.Consent = c
			}
			return true
		}
	}
	return false
}

// notification returns the Notification the sentence gives, if any, given
// the word e at which something takes effect, the notice period, whether
// the sentence is about a change to the policy, whether it tells users and
// whether it says where the current edition is published.
func (s *sentence) notification(e, days int, changeRef, notify, published bool) (Finding, bool) {
	// Changes posted on the site tell users of them: "Any changes to
	// this Policy will be posted on this page", "the updates will be
	// posted online", "опубликовав новую редакцию на Сайте не менее чем
	// за 10 дней". Not when the posting is only what a new edition
	// takes effect from, or where the current one is, or what continued
	// use follows ("your continued use after we post any modifications
	// on this page").
	before := e >= 0 && s.postedBefore()
	posted := s.has(fPosting) && (e < 0 || days > 0 || before) && !published && !s.continuedUse()
	if !changeRef || !notify && !posted && !s.noticeless() {
		return Finding{}, false
	}
	chans := s.channels()
	// What is posted some days before it takes effect is the change or
	// the new edition: "вступают в силу по истечении двух недель с
	// момента их опубликования на Сайте".
	posted = posted && len(chans) > 0 && chans[0] == Site && (days > 0 || !s.postingIsChange()) &&
		(s.aboutPolicyChange(fChange) || s.changesPosted() || e >= 0 && days > 0 || before)
	if notify || posted || len(chans) > 0 && chans[len(chans)-1] == None {
		return Finding{Kind: Notification, Channels: chans}, true
	}
	return Finding{}, false
}

// published returns the address of the current edition the sentence
// gives, and whether it says where the current edition is published: "the
// current version is available at …", "действующая редакция размещена на
// Сайте", or, with an address, the page a new edition is posted on ("when
// we post the revised Policy on this page www.example.org/privacy").
func (s *sentence) published(e int, changeRef bool) (string, bool) {
	if s.currentEdition(changeRef) {
		u := s.publishedURL()
		return u, (s.has(fAvailable) || u != "") &&
			(s.has(fPlace) || u != "" || strings.Contains(s.norm, "по адресу")) && (e < 0 || u != "")
	}
	if changeRef && s.has(fPosting) && s.has(fDoc|fEdition) && (strings.Contains(s.text, "/") || strings.Contains(s.text, "www.")) {
		u := s.publishedURL()
		return u, u != ""
	}
	if e < 0 && s.has(fPlace) && !s.has(fChange|fEdition) && s.docPlaced() {
		return s.publishedURL(), true
	}
	return "", false
}

// makesThem reports whether a modal lets the company make the changes the
// sentence named before, by a pronoun: "Если изменения вызваны
// требованиями законодательства, Биржа вправе внести их без уведомления",
// "if changes are required by law, we may make them at once". Only a
// clause of a section on changes says whose changes they are.
func (s *sentence) makesThem() bool {
	for i := 1; i+1 < len(s.words); i++ {
		w := s.words[i]
		if s.fs[i-1]&fModal == 0 || !strings.HasPrefix(w, "внес") && !strings.HasPrefix(w, "внос") && w != "make" {
			continue
		}
		if n := s.words[i+1]; n != "их" && n != "them" {
			continue
		}
		for j := i - 2; j >= 0; j-- {
			if s.fs[j]&fChange != 0 && !s.othersChange(j) {
				return !s.userSubject(i)
			}
		}
	}
	return false
}
