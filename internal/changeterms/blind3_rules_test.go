package changeterms

import "testing"

// The tests of this file give, in wording of their own, the classes of
// clause the third blind evaluation set found the rules missing or
// misreading, each beside look-alikes that must not be read so.

// TestAnalyzeReadsDecisionAfterTheObject: a decision of the company that
// follows a long object of the change ("Changes and additions to the
// present Rules are introduced by the decision of …"), and verbs joined
// to the change word ("amend, replace or withdraw").
func TestAnalyzeReadsDecisionAfterTheObject(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: amendments to the present Terms made by decision of the Operator",
			one("Amendments and supplements to the present Terms are made by the decision of the Operator."),
			[]want{{kind: Unilateral}}},
		{"en: a court's decision is no company's",
			one("Amendments to the present Terms may follow from the decision of a court."),
			nil},
		{"en: modify, suspend or withdraw the Terms",
			one("We may modify, suspend or withdraw any of these Terms at any time."),
			[]want{{kind: Unilateral}}},
		{"en: the user changes or deletes their data",
			one("You may change or delete any of your profile details at any time."),
			nil},
	})
}

// TestAnalyzeReadsFarDeniedRetroactivity: a negated verb of applying denies
// retroactivity though it stands several words before the phrase.
func TestAnalyzeReadsFarDeniedRetroactivity(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: changes do not apply to contracts concluded before",
			one("Изменения Правил не распространяются на договоры страхования, заключённые до дня вступления изменений в силу."),
			nil},
		{"ru: changes do not apply to agreements of users concluded before",
			one("Изменения Соглашения не применяются к договорам купли-продажи, заключенным до их вступления в силу."),
			nil},
		{"ru: changes apply to contracts concluded before",
			one("Изменения Правил распространяются на договоры страхования, заключённые до дня вступления изменений в силу."),
			[]want{{kind: Retroactive}}},
		{"en: changes will not be applied to data collected before",
			one("Changes to this Policy will not be applied to the personal information of users collected before the change."),
			nil},
		{"en: a negation of something else is no denial",
			one("If you do not agree, you may close your account; changes to this Policy apply to information previously collected."),
			[]want{{kind: Retroactive}}},
	})
}

// TestAnalyzeReadsNoticeAsAPlace: a date stated in the notice is no
// notice; a deadline for telling is no notice period; the personal account
// of a portal is no public page.
func TestAnalyzeReadsNoticeAsAPlace(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: in force from the date stated in the notice",
			[]string{"7. Изменение Оферты", "7.3. Новая редакция Оферты вступает в силу с даты, указанной в уведомлении."},
			nil},
		{"en: effective from the date specified in the notice",
			[]string{"7. Changes to these Terms", "7.3. The revised Terms take effect from the date specified in the notice."},
			nil},
		{"ru: notified, and in force from the date in the notice",
			one("Исполнитель уведомляет Заказчика об изменении Оферты по электронной почте."),
			[]want{{kind: Notification, channels: email}}},
		{"ru: brought to the parents' attention within three days",
			one("Изменения Положения вступают в силу со дня издания приказа и доводятся до сведения родителей через личный кабинет Портала в течение трёх рабочих дней."),
			[]want{{kind: Notification, channels: other}}},
		{"ru: ten days before, by the personal account",
			one("Изменения Положения вступают в силу через 10 дней после уведомления родителей через личный кабинет."),
			[]want{{kind: NoticePeriod, days: 10}, {kind: Notification, channels: other}}},
		{"en: notice by email and in the members' area of the app",
			one("We will give at least 30 days' notice of changes to these Rules by email and in the members' area of our app."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification, channels: []Channel{Email, Other}}}},
	})
}

// TestAnalyzeReadsOthersPassive: a passive change of something other than
// the policy, effective when posted, is not the policy's.
func TestAnalyzeReadsOthersPassive(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: rates modified by us, effective when posted",
			[]string{"5. Fees", "5.1. Rates and fees are listed in the Rate Schedule and may be modified by us, effective when posted."},
			nil},
		{"en: these Terms modified by us, effective when posted",
			one("These Terms may be modified by us, effective when posted."),
			[]want{{kind: Unilateral}, {kind: OnPosting}}},
	})
}

// TestAnalyzeReadsMakingThem: in a section on changes, a modal letting the
// company make "them", the changes named before, is the right to change.
func TestAnalyzeReadsMakingThem(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: changes required by law made without notice",
			[]string{"4. Изменение Условий", "4.2. Если изменения вызваны требованиями законодательства, Биржа вправе внести их без предварительного уведомления."},
			[]want{{kind: Unilateral, clause: "4.2"}, {kind: Notification, clause: "4.2", channels: []Channel{None}}}},
		{"en: changes required by law made at once",
			[]string{"4. Changes to these Terms", "4.2. If changes are required by law, we may make them immediately."},
			[]want{{kind: Unilateral, clause: "4.2"}}},
		{"en: the user's changes made by the user",
			[]string{"4. Changes to these Terms", "4.3. If you want changes to your order, you may make them in your account."},
			nil},
		{"ru: outside a section on changes, no rule",
			[]string{"3. Комиссии", "3.2. Если изменения вызваны требованиями законодательства, Биржа вправе внести их без предварительного уведомления."},
			nil},
	})
}

// TestAnalyzeReadsPostingBeforeTheEffect: an edition in force from a day
// or month after its publication was published before it applied.
func TestAnalyzeReadsPostingBeforeTheEffect(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: in force from the month following publication",
			one("Revised Rules enter into force from the 1st day of the month following the month of their publication on the official website."),
			[]want{{kind: Notification, channels: site}}},
		{"ru: in force from the month following publication",
			one("Новая редакция Правил вступает в силу с первого числа месяца после месяца её опубликования на сайте."),
			[]want{{kind: Notification, channels: site}}},
		{"en: in force on publication is no notice",
			one("Revised Rules enter into force upon their publication on the official website."),
			[]want{{kind: OnPosting}}},
	})
}

// TestAnalyzeReadsThirdPartysDocument: a party the text does not define,
// changing a document of its own name, is no change of the policy.
func TestAnalyzeReadsThirdPartysDocument(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: the community team updates the House Rules",
			one("The community team may update the House Rules at any time."),
			nil},
		{"en: the site manager amends the Parking Rules",
			one("The site manager may amend the Parking Rules from time to time."),
			nil},
		{"en: the Company amends these Terms",
			one("The Company may amend these Terms at any time."),
			[]want{{kind: Unilateral}}},
		{"en: the provider amends the Membership Terms",
			one("The provider may amend these Membership Terms at any time."),
			[]want{{kind: Unilateral}}},
	})
}
