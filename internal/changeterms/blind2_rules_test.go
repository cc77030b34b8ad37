package changeterms

import "testing"

// The tests of this file give, in wording of their own, the classes of
// clause the second blind evaluation set found the rules missing or
// misreading, each beside look-alikes that must not be read so.

var other = []Channel{Other}

// TestAnalyzeReadsTellingInOtherWords: "let you know" tells the user, even
// in a sentence that names neither the policy nor a notice.
func TestAnalyzeReadsTellingInOtherWords(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: if we do, we will let you know",
			one("We may modify this EULA at any time. If we do, we will let you know by email."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: email}}},
		{"en: let you know, in a section on changes",
			[]string{"14. Changes to this EULA", "14.1. We may modify this EULA at any time.", "14.2. If we do, we will let you know by email."},
			[]want{{kind: Unilateral, clause: "14.1"}, {kind: Notification, clause: "14.2", channels: email}}},
		{"en: letting users know in the app, one sentence",
			one("If we change these Terms, we will let users know through an in-app notification."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: other}}},
		{"en: let us know is the user telling",
			one("Please let us know if you change your email address."),
			nil},
		{"en: letting you know of a new feature",
			one("We will let you know when a new level is released."),
			nil},
	})
}

// TestAnalyzeReadsOtherChannels: in-game messages, letters by post, a
// user's portal or online banking are other channels; a named centre of
// the company's site is the site.
func TestAnalyzeReadsOtherChannels(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: an in-game message",
			one("We will notify you of changes to this EULA by an in-game message."),
			[]want{{kind: Notification, channels: other}}},
		{"en: by post, not by posting",
			one("We will notify you of any change to this Notice by post."),
			[]want{{kind: Notification, channels: other}}},
		{"en: by postal mail and email",
			one("We will notify you of changes to this Policy by email and by postal mail."),
			[]want{{kind: Notification, channels: []Channel{Email, Other}}}},
		{"en: online banking is no web page",
			one("We will send you the revised notice through Online Banking at least 30 days before it takes effect."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification, channels: other}}},
		{"en: the customer portal",
			one("We will inform you of changes to this Policy through the customer portal."),
			[]want{{kind: Notification, channels: other}}},
		{"en: a named centre of the site",
			one("We will notify you of changes to this Policy by a notice in our Privacy Centre."),
			[]want{{kind: Notification, channels: site}}},
		{"en: a data center is no channel",
			one("We will notify you of changes to this Policy by email, which we send from a data center in Ireland."),
			[]want{{kind: Notification, channels: email}}},
	})
}

// TestAnalyzeReadsPostingAsTheChange: a change made by posting the new
// text is the change, not a notice of it, unless a period comes between.
func TestAnalyzeReadsPostingAsTheChange(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: revise by posting",
			one("We may revise these Terms at any time by posting a revised version on this site."),
			[]want{{kind: Unilateral}}},
		{"en: amend by publishing on the website",
			one("The Company may amend these Rules at any time by publishing the amended Rules on its website."),
			[]want{{kind: Unilateral}}},
		{"ru: change by placing on the site",
			one("Администрация вправе изменить настоящие Правила путем размещения новой редакции на Сайте."),
			[]want{{kind: Unilateral}}},
		{"en: changes posted on this page tell users",
			one("Any changes to this Policy will be posted on this page."),
			[]want{{kind: Notification, channels: site}}},
		{"en: amended terms published ten days before they apply",
			[]string{"12. Amendments", "12.1. Amended terms will be published on the Platform at least ten (10) days before their effective date."},
			[]want{{kind: NoticePeriod, clause: "12.1", days: 10}, {kind: Notification, clause: "12.1", channels: site}}},
		{"en: order updates posted are no notice of changes",
			one("Order updates will be posted in your account within 10 days."),
			nil},
	})
}

// TestAnalyzeReadsMoreNamesAndObjects: a pronoun for the policy as a
// change's object, a DPA or SLA as the policy, and playing as using.
func TestAnalyzeReadsMoreNamesAndObjects(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: may update it",
			one("We keep this notice under regular review and may update it at any time."),
			[]want{{kind: Unilateral}}},
		{"en: may amend them",
			one("These Terms are governed by English law, and we may amend them from time to time."),
			[]want{{kind: Unilateral}}},
		{"en: the user's print of it",
			one("You can download this Policy and print it."),
			nil},
		{"en: the user's settings, not it",
			one("Please read this Policy carefully; you may update your settings at any time."),
			nil},
		{"en: a data processing addendum",
			one("Provider may update this DPA from time to time."),
			[]want{{kind: Unilateral}}},
		{"en: a service level agreement",
			one("We may amend this SLA at any time."),
			[]want{{kind: Unilateral}}},
		{"en: continuing to play",
			one("By continuing to play after a modification becomes effective, you agree to the modified EULA."),
			[]want{{kind: ContinuedUse}}},
		{"en: playing on is no acceptance without one",
			one("You may continue to play while we update the game."),
			nil},
	})
}

// TestAnalyzeReadsApprovalOfANewEdition: approving a new edition changes
// the policy; approving the policy does not.
func TestAnalyzeReadsApprovalOfANewEdition(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: approve a new edition without consent",
			one("Банк вправе в одностороннем порядке утверждать новую редакцию Политики."),
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"ru: approve an amended edition",
			one("Оператор вправе утвердить измененную редакцию Положения."),
			[]want{{kind: Unilateral}}},
		{"en: adopt a new version",
			one("The Company may adopt a new version of this Policy at any time."),
			[]want{{kind: Unilateral}}},
		{"ru: the policy approved",
			one("Политика утверждается приказом Генерального директора."),
			nil},
		{"ru: this edition approved on a date",
			one("Настоящая редакция Политики утверждена приказом от 01.02.2024."),
			nil},
	})
}

// TestAnalyzeReadsOtherDocumentsEditions: an edition of a document that
// its own lowercase qualifier makes another one is not the policy's.
func TestAnalyzeReadsOtherDocumentsEditions(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: an edition of additional terms",
			one("Новая редакция дополнительных условий вступает в силу с момента ее размещения на странице сервиса."),
			nil},
		{"en: a version of supplemental terms",
			one("A new version of the supplemental terms takes effect upon posting."),
			nil},
		{"ru: the policy's edition",
			one("Новая редакция Политики вступает в силу с момента ее размещения на Сайте."),
			[]want{{kind: OnPosting}}},
		{"ru: the user agreement's edition",
			one("Новая редакция Пользовательского соглашения вступает в силу с момента ее размещения."),
			[]want{{kind: OnPosting}}},
	})
}

// TestAnalyzeReadsDeniedRetroactivity: a Russian negation four words
// before the statement turns it.
func TestAnalyzeReadsDeniedRetroactivity(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: not extended to relations that arose before",
			one("Изменения Положения не распространяются на отношения, возникшие до их вступления в силу."),
			nil},
		{"ru: extended to relations that arose before",
			one("Изменения Положения распространяются на отношения, возникшие до их вступления в силу."),
			[]want{{kind: Retroactive}}},
		{"en: not applied to data collected before",
			one("Changes to this Policy will not apply to information collected before they take effect."),
			nil},
	})
}

// TestFromMarkdownReadsConsentInAChangeSection: a clause of a section on
// changes that says a change needs consent states the change rule.
func TestFromMarkdownReadsConsentInAChangeSection(t *testing.T) {
	body := "# Addendum\n\n## H. Updates to this DPA\n\nH.1. Provider may update this DPA from time to time.\n\n" +
		"H.2. An update that reduces the protection of Customer Data will apply only with Customer's prior written consent.\n\n" +
		"## J. Support\n\nJ.1. An update of the software will apply only with Customer's prior written consent.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "H.1"},
		{kind: Unilateral, clause: "H.2", consent: WithConsent},
	})
}
