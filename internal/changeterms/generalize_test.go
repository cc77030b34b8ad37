package changeterms

import "testing"

// The tests of this file come from the classes of wording a blind
// evaluation set found the rules missing: addresses without a scheme,
// "keep using", changes that take from the user's rights, promises of
// revision, data gathered under an earlier edition, sending as notifying,
// letters to the user's mailbox, consent stated in the sentence after,
// "актуализировать", and the policy kept on the site. Each class has
// variants of its own, in both languages where both word it, and
// look-alikes that must not be read as it. None is a sentence of the set.

func TestAnalyzeReadsBareAddresses(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: the current version at a host with a path",
			one("The current version of these Terms is available at legal.example.com/terms."),
			[]want{{kind: PublishedAt, url: "legal.example.com/terms"}}},
		{"ru: the current edition at a bare host",
			one("Актуальная редакция Соглашения размещена по адресу: shop-example.ru."),
			[]want{{kind: PublishedAt, url: "shop-example.ru"}}},
		{"en, non-native: actual edition at a host with a path",
			one("Actual edition of the Agreement is accessible at: my-service.net/en/agreement, always."),
			[]want{{kind: PublishedAt, url: "my-service.net/en/agreement"}}},
		{"en: an email address is no address of the policy",
			one("The current version of this Policy can be requested at privacy@example.com."),
			nil},
		{"en: a file name is no host",
			one("The current version of these Terms is in the file terms.html."),
			nil},
	})
}

func TestAnalyzeReadsKeepUsing(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: keep using after the change",
			one("If you keep using the App after the changes take effect, you agree to the revised Terms."),
			[]want{{kind: ContinuedUse}}},
		{"en: keep on using",
			one("By keeping on using the Service after we post changes to these Terms, you accept them."),
			[]want{{kind: ContinuedUse}}},
		{"en: keeping ownership is no continuing",
			one("You keep ownership of the content you use in the Service, and you agree that we may change these Terms."),
			[]want{{kind: Unilateral}}},
	})
}

func TestAnalyzeReadsChangesThatTakeRights(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: a change that limits your rights",
			[]string{"4.2. We may change these Terms. If a change limits your rights under these Terms, we will notify you by email 30 days before it applies."},
			[]want{{kind: Unilateral, clause: "4.2"}, {kind: NoticePeriod, clause: "4.2", days: 30, scope: Material},
				{kind: Notification, clause: "4.2", scope: Material, channels: email}}},
		{"en: changes that adversely affect you",
			one("We will give you 14 days' notice of changes to this Policy that adversely affect you."),
			[]want{{kind: NoticePeriod, days: 14, scope: Material}, {kind: Notification, scope: Material}}},
		{"ru: changes restricting the user's rights",
			one("Изменения Соглашения, ограничивающие права Пользователя, вступают в силу через 15 дней после их опубликования на Сайте."),
			[]want{{kind: NoticePeriod, days: 15, scope: Material}, {kind: Notification, scope: Material, channels: site}}},
		{"ru: changes worsening the customer's position",
			one("Об изменениях Оферты, ухудшающих положение Заказчика, Исполнитель уведомляет за 10 дней до их вступления в силу."),
			[]want{{kind: NoticePeriod, days: 10, scope: Material}, {kind: Notification, scope: Material}}},
		{"en: every change, the rights named for something else",
			one("We will notify you of any change to these Terms 30 days before it applies, and you keep all your rights."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification}}},
	})
}

func TestAnalyzeReadsPromisedRevisions(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: we will update this policy as the law changes",
			one("We will update this Privacy Policy as the law and our services change."),
			[]want{{kind: Unilateral}}},
		{"en: we'll periodically revise",
			one("We'll periodically revise these Terms."),
			[]want{{kind: Unilateral}}},
		{"ru: the operator will update the policy",
			one("Оператор будет обновлять настоящую Политику по мере изменения законодательства."),
			[]want{{kind: Unilateral}}},
		{"en: updating the user is no revision",
			one("We will update you by email if this Policy changes."),
			[]want{{kind: Notification, channels: email}}},
		{"en: updating the date of the policy",
			one("We will update the date at the top of this Policy."),
			nil},
		{"en: the user's promise",
			one("You will update your profile if this Policy requires it."),
			nil},
	})
}

func TestAnalyzeReadsEarlierEditionData(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: data obtained under a previous version",
			one("The revised Policy applies to information we obtained under a previous version of the Policy."),
			[]want{{kind: Retroactive}}},
		{"ru: data received under the former edition",
			one("Новая редакция Политики распространяется на персональные данные, полученные в период действия прежней редакции."),
			[]want{{kind: Retroactive}}},
		{"en: denied",
			one("Changes to this Policy will not apply to data collected under a previous version of the Policy."),
			nil},
	})
}

func TestAnalyzeReadsSendingAsNotice(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: we will send you a push notification and an email",
			one("We may change these Terms. We will send you a push message and an email at least 21 days before the new Terms apply."),
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 21}, {kind: Notification, channels: []Channel{Email, Other}}}},
		{"ru: the draft of the changes is sent by email",
			one("Текст изменений Договора направляется Клиенту по электронной почте за 20 дней до их вступления в силу."),
			[]want{{kind: NoticePeriod, days: 20}, {kind: Notification, channels: email}}},
		{"ru: a letter to your mailbox",
			[]string{"Мы можем изменить эту Политику.", "О существенных изменениях мы сообщим письмом на вашу почту."},
			[]want{{kind: Unilateral}, {kind: Notification, scope: Material, channels: email}}},
		{"ru: a letter to a postal address is no email",
			[]string{"Мы можем изменить эту Политику.", "Об изменениях мы сообщим письмом на почтовый адрес."},
			[]want{{kind: Unilateral}, {kind: Notification}}},
		{"en: newsletters we send are no notice",
			[]string{"We may change this Policy.", "We send newsletters by email to subscribers."},
			[]want{{kind: Unilateral}}},
	})
}

func TestAnalyzeReadsOtherActionsInChangeSections(t *testing.T) {
	body := "# Terms\n\n## 7. Changes\n\n7.1. We may change these Terms at any time.\n\n" +
		"7.2. We will email you 20 days before any change takes effect.\n\n" +
		"7.3. We may appoint a new payment processor after giving you 10 days' notice by email.\n\n" +
		"7.4. We may also notify you by a banner on the site 5 days in advance.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "7.1"},
		{kind: NoticePeriod, clause: "7.2", days: 20},
		{kind: Notification, clause: "7.2", channels: email},
		{kind: NoticePeriod, clause: "7.4", days: 5},
		{kind: Notification, clause: "7.4", channels: site},
	})
	ru := "# Договор\n\n## 5. Изменение Договора\n\n5.1. Исполнитель вправе изменять Договор.\n\n" +
		"5.2. Исполнитель вправе привлекать субподрядчиков, уведомив Заказчика по электронной почте за 15 дней.\n"
	checkFindings(t, FromMarkdown(ru), []want{{kind: Unilateral, clause: "5.1"}})
}

func TestAnalyzeReadsConsentInTheNextSentence(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: changes apply only with your consent",
			one("We may amend this Agreement. Amendments take effect only with your written consent."),
			[]want{{kind: Unilateral, consent: WithConsent}}},
		{"ru: changes without the user's consent",
			one("Компания может изменять Правила. Изменения вносятся без согласия Пользователя."),
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"en: consent to something else after a change",
			one("We may amend this Agreement. We will not share your data without your consent."),
			[]want{{kind: Unilateral}}},
	})
}

func TestAnalyzeReadsActualizing(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: the operator may actualize the policy",
			one("Оператор имеет право актуализировать Политику в одностороннем порядке."),
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"en: the company may actualise the rules",
			one("The Company may actualise these Rules."),
			[]want{{kind: Unilateral}}},
		{"ru: the user keeps the data current",
			one("Пользователь обязуется актуализировать свои данные в личном кабинете."),
			nil},
	})
}

func TestAnalyzeReadsThePolicyKeptOnTheSite(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: the policy is kept on the site",
			one("Настоящая Политика находится в открытом доступе на сайте Оператора."),
			[]want{{kind: PublishedAt}}},
		{"en: this policy is available on the website",
			one("This Privacy Policy is available on our website."),
			[]want{{kind: PublishedAt}}},
		{"en: another document on the website",
			one("Our Cookie Policy is available on our website."),
			nil},
		{"en: procedures in the policy, available on the site",
			one("The procedures are described in this Policy and available on our website."),
			nil},
	})
}

func TestAnalyzeReadsSendingNoNotice(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: without sending notices",
			one("Общество вправе изменять Правила, не направляя Пользователю каких-либо уведомлений."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
		{"en: without sending you any notice",
			one("We may amend these Terms without sending you any notice."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
	})
}

func TestAnalyzeReadsChangesToTheServiceAsNoPolicyChanges(t *testing.T) {
	body := "# Terms\n\n## 5. Changes to the Website\n\n5.1 We may add or remove pages at any time without notice.\n\n" +
		"## 6. Changes to the Terms\n\n6.1 We may amend these Terms without notice.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "6.1"},
		{kind: Notification, clause: "6.1", channels: []Channel{None}},
	})
}
