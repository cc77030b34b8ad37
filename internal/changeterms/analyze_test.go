package changeterms

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want is a finding as a test states it: the kind, its clause and the one
// detail the kind carries.
type want struct {
	kind     Kind
	clause   string
	consent  Consent
	days     int
	scope    Scope
	channels []Channel
	url      string
}

func (w want) String() string {
	return fmt.Sprintf("%s@%s consent=%q days=%d scope=%q channels=%v url=%q", w.kind, w.clause, w.consent, w.days, w.scope, w.channels, w.url)
}

func wantOf(f Finding) want {
	return want{f.Kind, f.Clause, f.Consent, f.Days, f.Scope, f.Channels, f.URL}
}

func sameWant(a, b want) bool {
	return a.kind == b.kind && a.clause == b.clause && a.consent == b.consent && a.days == b.days && a.scope == b.scope &&
		slices.Equal(a.channels, b.channels) && a.url == b.url
}

// block makes a block whose clause is the number it starts with, if any.
func block(text string) Block {
	m := seedClause.FindStringSubmatch(strings.TrimPrefix(text, "• "))
	b := Block{Text: text, Line: 1}
	if m != nil {
		b.Clause = m[1]
	}
	return b
}

// checkFindings compares what Analyze found in blocks with ws, and checks
// what every finding must satisfy whatever the text.
func checkFindings(t *testing.T, blocks []Block, ws []want) {
	t.Helper()
	got := Analyze(blocks).Findings
	var gw []want
	for _, f := range got {
		gw = append(gw, wantOf(f))
	}
	if !slices.EqualFunc(gw, ws, sameWant) {
		t.Errorf("findings:\n got %v\nwant %v", gw, ws)
		for _, f := range got {
			t.Logf("  %s: %q", f.Kind, f.Sentence)
		}
	}
	checkInvariants(t, blocks, got)
}

// checkInvariants checks that every finding quotes a sentence of a block
// with the finding's clause and line, and that one sentence gives a kind
// once.
func checkInvariants(t *testing.T, blocks []Block, got []Finding) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range got {
		ok := false
		for _, b := range blocks {
			if strings.Contains(b.Text, f.Sentence) && b.Clause == f.Clause && b.Line == f.Line {
				ok = true
				break
			}
		}
		if !ok || f.Sentence == "" {
			t.Errorf("%s: sentence %q is not in a block of clause %q, line %d", f.Kind, f.Sentence, f.Clause, f.Line)
		}
		k := fmt.Sprintf("%d\x00%s\x00%s", f.Line, f.Sentence, f.Kind)
		if seen[k] {
			t.Errorf("%s given twice for %q", f.Kind, f.Sentence)
		}
		seen[k] = true
	}
}

func TestAnalyzeFindsUnilateralChanges(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: in its own discretion, unilaterally",
			"9.1. Компания вправе в одностороннем порядке вносить изменения в настоящую Политику.",
			[]want{{kind: Unilateral, clause: "9.1", consent: WithoutConsent}}},
		{"ru: reserves the right, without the user's consent",
			"2.3. Администрация сайта оставляет за собой право изменять Правила без согласия Пользователя.",
			[]want{{kind: Unilateral, clause: "2.3", consent: WithoutConsent}}},
		{"ru: without prior agreement with the user",
			"Оператор может дополнять и изменять условия Соглашения без предварительного согласования с Пользователем.",
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"ru: passive, consent not said",
			"11.4. Настоящая Политика конфиденциальности может быть в любой момент изменена.",
			[]want{{kind: Unilateral, clause: "11.4"}}},
		{"ru: the company as the agent, with the user's consent",
			"Изменения в Политику вносятся Оператором с согласия Пользователя.",
			[]want{{kind: Unilateral, consent: WithConsent}}},
		{"ru: the user agrees that the company may change it",
			"Пользователь соглашается с тем, что Компания может пересматривать Политику.",
			[]want{{kind: Unilateral}}},
		{"ru: not asking for consent",
			"Исполнитель вправе изменить условия Оферты, не запрашивая согласия Заказчика.",
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"ru: the policy's name in lower case",
			"Мы можем вносить изменения в политику конфиденциальности по мере необходимости.",
			[]want{{kind: Unilateral}}},
		{"en: from time to time",
			"We may update this Privacy Policy from time to time.",
			[]want{{kind: Unilateral}}},
		{"en: reserves the right, unilaterally",
			"5.2. The Company reserves the right to modify these Terms unilaterally.",
			[]want{{kind: Unilateral, clause: "5.2", consent: WithoutConsent}}},
		{"en: reserve the right at our discretion",
			"We reserve the right, at our sole discretion, to revise this Statement at any time.",
			[]want{{kind: Unilateral}}},
		{"en: without the user's consent",
			"The Administration may amend the Agreement without the User’s consent.",
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"en: with the consent of the user",
			"The Operator may change the Policy only with the consent of the User.",
			[]want{{kind: Unilateral, consent: WithConsent}}},
		{"en: if we make changes",
			"If we make changes to this Notice, we will let you know.",
			[]want{{kind: Unilateral}, {kind: Notification}}},
		{"en: by the company, without notice",
			"This Agreement may be amended by the Company without notice to the User.",
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

func TestAnalyzeFindsWhenEditionsTakeEffect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: from the moment of posting",
			"7.2. Новая редакция Политики вступает в силу с момента ее размещения на сайте Компании.",
			[]want{{kind: OnPosting, clause: "7.2"}}},
		{"ru: from the day of publication, unless established otherwise",
			"Изменения вступают в силу со дня их опубликования на Сайте, если иное не установлено новой редакцией.",
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"ru: applies from the date of publication, unless the edition provides otherwise",
			"Новая редакция применяется с даты её опубликования, если новой редакцией не предусмотрено иное.",
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"ru: acts from posting on the internet",
			"Политика в новой редакции действует с момента размещения в сети Интернет.",
			[]want{{kind: OnPosting}}},
		{"ru: posting named before the verb",
			"С момента размещения на Сайте обновлённая Политика вступает в силу.",
			[]want{{kind: OnPosting}}},
		{"ru: unless the edition sets another term",
			"Изменения Соглашения вступают в силу после их публикации в Сервисе, если в редакции не указан иной срок.",
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"ru: this edition, posted and in force from posting",
			"12.5. Настоящая редакция Политики размещена на Сайте 3 апреля 2024 года и вступает в силу с момента размещения.",
			[]want{{kind: OnPosting, clause: "12.5"}}},
		{"en: becomes effective when posted, unless stated otherwise",
			"Any amended version of these Terms becomes effective when it is posted on this page, unless stated otherwise.",
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"en: comes into force upon publication",
			"The revised Policy comes into force upon its publication on the Website.",
			[]want{{kind: OnPosting}}},
		{"en: enters into force on the date published",
			"Changes to the Agreement enter into force on the date they are published.",
			[]want{{kind: OnPosting}}},
		{"en: effective immediately upon posting, unless the new version provides otherwise",
			"An updated Notice is effective immediately upon posting unless the new version provides otherwise.",
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"en: unless otherwise required by law is no reservation for the edition",
			"Changes to this Policy take effect on posting unless otherwise required by law.",
			[]want{{kind: OnPosting}}},
		{"ru: a consent the law requires is no reservation for the edition",
			"Новая редакция Политики вступает в силу с момента размещения, если получение отдельного согласия не требуется законом.",
			[]want{{kind: OnPosting}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

func TestAnalyzeFindsNoticePeriods(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: by email, 30 days before taking effect",
			"Компания уведомляет Пользователей об изменениях Политики по электронной почте не позднее чем за 30 дней до вступления их в силу.",
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification, channels: []Channel{Email}}}},
		{"ru: digits and words, calendar days after posting",
			"8.3. Новая редакция Соглашения вступает в силу через 10 (десять) календарных дней после размещения на Сайте.",
			[]want{{kind: NoticePeriod, clause: "8.3", days: 10}, {kind: Notification, clause: "8.3", channels: []Channel{Site}}}},
		{"ru: a number in words after notice",
			"Изменения вступают в силу по истечении пятнадцати рабочих дней с момента уведомления Пользователя.",
			[]want{{kind: NoticePeriod, days: 15}, {kind: Notification}}},
		{"ru: two weeks by an announcement on the home page",
			"Об изменениях Правил Пользователь уведомляется за две недели путём размещения объявления на главной странице сайта.",
			[]want{{kind: NoticePeriod, days: 14}, {kind: Notification, channels: []Channel{Site}}}},
		{"en: thirty (30) days' notice by email, a banner and in the app",
			"We will give you at least thirty (30) days' notice before changes to these Terms take effect, by email and by a banner in the app.",
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification, channels: []Channel{Site, Email, Other}}}},
		{"en: a number in words after we post",
			"Revised Terms become effective fourteen days after we post them.",
			[]want{{kind: NoticePeriod, days: 14}}},
		{"en: two weeks after we notify you",
			"Material changes to this Policy take effect two weeks after we notify you.",
			[]want{{kind: NoticePeriod, days: 14, scope: Material}, {kind: Notification, scope: Material}}},
		{"ru: posting the new edition at least 10 days before",
			"Сервис вправе изменить настоящие Правила, опубликовав новую редакцию на Сайте не менее чем за 10 дней до вступления в силу.",
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 10}, {kind: Notification, channels: []Channel{Site}}}},
		{"ru: digits and a number word in the genitive",
			"Такие изменения вступают в силу по истечении 3 (трех) дней с момента размещения новой версии Соглашения на сайте.",
			[]want{{kind: NoticePeriod, days: 3}, {kind: Notification, channels: []Channel{Site}}}},
		{"en: posted online, in force thirty (30) days later",
			"The company may change this policy; changes will be posted online and take effect thirty (30) days later.",
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 30}, {kind: Notification, channels: []Channel{Site}}}},
		{"en: prior notice on the website or by email",
			"If we make material changes to this Statement, we will provide at least 45 days prior notice by updating our website or by sending you an email.",
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 45, scope: Material}, {kind: Notification, scope: Material, channels: []Channel{Site, Email}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

func TestAnalyzeFindsNotifications(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: news on the site and an SMS",
			"О внесении изменений в Политику Оператор сообщает Пользователям путём публикации новости на сайте и SMS-сообщением.",
			[]want{{kind: Notification, channels: []Channel{Site, Other}}}},
		{"ru: changes without notice",
			"Компания вправе изменять Политику без уведомления Пользователя.",
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
		{"ru: the personal account and the email address",
			"Пользователь уведомляется об изменениях настоящего Соглашения в личном кабинете и по адресу электронной почты, указанному при регистрации.",
			[]want{{kind: Notification, channels: []Channel{Email, Other}}}},
		{"ru: in the mobile application",
			"Уведомление об изменении Политики направляется Пользователю в мобильном приложении.",
			[]want{{kind: Notification, channels: []Channel{Other}}}},
		{"en: this page and push notifications",
			"We will notify you of any changes to this Privacy Policy by posting the new Privacy Policy on this page and, where appropriate, by push notification.",
			[]want{{kind: Notification, channels: []Channel{Site, Other}}}},
		{"en: changes posted on this page",
			"Any changes we make to our Privacy Policy in the future will be posted on this page.",
			[]want{{kind: Notification, channels: []Channel{Site}}}},
		{"en: changes without notice",
			"We may change these Terms at any time without notice.",
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
		{"ru: without prior notice",
			"Оператор вправе вносить изменения в Политику без предварительного уведомления Пользователей.",
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
		{"ru: all changes posted on the site",
			"Все изменения Политики размещаются на сайте.",
			[]want{{kind: Notification, channels: []Channel{Site}}}},
		{"en: a notice on the home page",
			"Notice of changes to this Policy will be given by posting a notice on our home page.",
			[]want{{kind: Notification, channels: []Channel{Site}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

func TestAnalyzeFindsContinuedUse(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: continuing means consent",
			"Продолжение использования Сервиса после вступления в силу изменений означает согласие Пользователя с ними.",
			[]want{{kind: ContinuedUse}}},
		{"ru: the user who continues is deemed to have accepted",
			"10.4. Если Пользователь продолжает пользоваться Сайтом после публикации новой редакции, он считается принявшим её.",
			[]want{{kind: ContinuedUse, clause: "10.4"}}},
		{"ru: by continuing, the user agrees",
			"Продолжая пользоваться Сайтом после изменения Правил, Пользователь соглашается с ними.",
			[]want{{kind: ContinuedUse}}},
		{"en: continued use constitutes acceptance",
			"Your continued use of the Service after the changes take effect constitutes acceptance of the revised Terms.",
			[]want{{kind: ContinuedUse}}},
		{"en: continuing to access means being bound",
			"By continuing to access the Website after any update, you agree to be bound by the updated Policy.",
			[]want{{kind: ContinuedUse}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

func TestAnalyzeFindsWhereTheCurrentEditionIs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"ru: the current edition at an address",
			"13.2. Действующая редакция Политики размещена на странице по адресу https://example.ru/privacy.",
			[]want{{kind: PublishedAt, clause: "13.2", url: "https://example.ru/privacy"}}},
		{"ru: the current version on the site, no address",
			"Актуальная версия Правил постоянно доступна на Сайте.",
			[]want{{kind: PublishedAt}}},
		{"ru: the current text by address in quotes",
			"Действующий текст Оферты опубликован по адресу «https://shop.example/offer/».",
			[]want{{kind: PublishedAt, url: "https://shop.example/offer/"}}},
		{"en: the current version at an address",
			"The current version of this Policy is available at https://example.com/legal/privacy/.",
			[]want{{kind: PublishedAt, url: "https://example.com/legal/privacy/"}}},
		{"ru: the current edition, the policy named only by the heading",
			"Действующая редакция всегда находится на странице по адресу: https://example.ru/docs/privacy",
			[]want{{kind: PublishedAt, url: "https://example.ru/docs/privacy"}}},
		{"en: the latest version on our website",
			"You can always find the latest version of these Terms on our website.",
			[]want{{kind: PublishedAt}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, tt.want) })
	}
}

// TestAnalyzeReadsWholeClauses gives clauses spread over several sentences
// and blocks, and paragraphs that say several things.
func TestAnalyzeReadsWholeClauses(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: one paragraph, four kinds",
			[]string{"10.1. Оператор вправе изменять Политику без согласия Пользователя. Новая редакция вступает в силу с момента её размещения на Сайте, если иное не предусмотрено новой редакцией. Продолжая пользоваться Сайтом, Пользователь соглашается с изменениями."},
			[]want{{kind: Unilateral, clause: "10.1", consent: WithoutConsent}, {kind: OnPosting, clause: "10.1"},
				{kind: UnlessOtherwise, clause: "10.1"}, {kind: ContinuedUse, clause: "10.1"}}},
		{"ru: a section of numbered clauses",
			[]string{
				"7. Изменение Политики",
				"7.1. Компания может изменить Политику. Об этом Пользователь будет уведомлён по электронной почте.",
				"7.2. Изменения вступают в силу через 30 дней после уведомления.",
				"7.3. Актуальная редакция Политики доступна по адресу https://example.org/policy/ru/.",
			},
			[]want{{kind: Unilateral, clause: "7.1"}, {kind: Notification, clause: "7.1", channels: []Channel{Email}},
				{kind: NoticePeriod, clause: "7.2", days: 30}, {kind: Notification, clause: "7.2"},
				{kind: PublishedAt, clause: "7.3", url: "https://example.org/policy/ru/"}}},
		{"en: the next sentence speaks of the same changes",
			[]string{"We may revise this Policy at any time. In that case the updates will be published online, and we will notify you by email and with an in-product message. Continued use of Firefox means you accept them."},
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{Site, Email, Other}}, {kind: ContinuedUse}}},
		{"en: a list item under its clause",
			[]string{"6.4. We will tell you about changes to this Notice:", "• by a banner on the website;"},
			[]want{{kind: Notification, clause: "6.4"}}},
		{"ru: the context does not reach the next paragraph",
			[]string{"Оператор может изменить Политику.", "Уведомления о заказах направляются по электронной почте."},
			[]want{{kind: Unilateral}}},
	})
}

// TestAnalyzeIgnoresOtherChanges gives sentences that speak of changes,
// notices, posting or using, but not of changes to the policy.
func TestAnalyzeIgnoresOtherChanges(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"ru: the user changes their own data",
			"4.1. Пользователь может в любой момент изменить (обновить, дополнить, удалить) предоставленную им персональную информацию или её часть."},
		{"en: the user changes their settings",
			"You can change your settings at any time."},
		{"ru: cookie parameters change without notice",
			"5.4. Структура файла cookie, его содержание и технические параметры определяются Оператором и могут изменяться без предварительного уведомления Пользователя."},
		{"en: counter parameters change without notice",
			"The technical parameters of the counters may change without notice."},
		{"ru: a law with its amendments",
			"Оператор соблюдает требования Федерального закона «О персональных данных» (с учетом изменений и дополнений), а также принятых в соответствии с ним нормативных документов."},
		{"ru: processing includes updating and changing",
			"Обработка персональных данных включает сбор, запись, систематизацию, накопление, хранение, уточнение (обновление, изменение), извлечение и удаление."},
		{"en: changes to your account",
			"We will notify you of any changes to your account by email."},
		{"en: a data breach",
			"We will notify you of a data breach without undue delay."},
		{"ru: the policy is posted, but not as the current edition",
			"Политика размещена на сайте Компании."},
		{"en: what the policy describes",
			"This Policy describes how we collect and use personal data."},
		{"ru: using the site means consent, without continuing after changes",
			"Использование Сайта означает безоговорочное согласие Пользователя с настоящей Политикой."},
		{"en: beta features change without notice",
			"Beta features may be changed at any time without notice."},
		{"en: the service changes with or without notice",
			"We may modify or discontinue the Service with or without notice."},
		{"ru: a user who disagrees must stop",
			"Если Пользователь не согласен с изменениями Политики, он должен прекратить использование Сайта."},
		{"en: days of retention",
			"We retain logs for 30 days after you close your account."},
		{"ru: effective date line",
			"Дата вступления в силу: 1 марта 2024 г."},
		{"en: effective date line",
			"Effective date: February 1, 2024"},
		{"en: notification emails about policy changes in general",
			"We may send notification emails about new features or important policy changes."},
		{"ru: takes effect from approval, posted later",
			"Новая редакция Политики вступает в силу с момента её утверждения Генеральным директором и подлежит размещению на сайте."},
		{"en: posted on one date, in force on another",
			"This edition was published on 10 May 2024 and takes effect on 1 June 2024."},
		{"en: news of an update is no rule",
			"We’re updating our Privacy Notice."},
		{"ru: add-ons governed by their own policy",
			"Данные, обрабатываемые каждым дополнением, регулируются отдельной Политикой конфиденциальности."},
		{"ru: the reader is advised to review the policy periodically",
			"Рекомендуем периодически просматривать Политику на предмет изменений."},
		{"en: the reader is advised to review the policy",
			"We encourage you to review this Policy periodically for any changes."},
		{"en: when the policy was last updated",
			"This Privacy Policy was last updated on March 1, 2024."},
		{"ru: the company changes its prices and notifies by email",
			"Компания может изменять стоимость услуг, уведомив Пользователя по электронной почте."},
		{"ru: a law in its current edition",
			"Федеральный закон о персональных данных в действующей редакции размещён на официальном портале правовой информации."},
		{"ru: political views are no policy",
			"Оператор может изменить перечень данных о политических взглядах, которые он не обрабатывает."},
		{"en: continuing a download",
			"You can continue using the rest of the features without accepting cookies."},
		{"en: the latest version of the software",
			"Keep the latest version of the app installed, available at https://example.com/download."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, nil) })
	}
}

func TestSentencesKeepAbbreviationsAndClauseNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"6.2. Изменения, т.е. новая редакция, действуют согласно п. 4.1 и ст. 18 Закона. Второе предложение.",
			[]string{"Изменения, т.е. новая редакция, действуют согласно п. 4.1 и ст. 18 Закона.", "Второе предложение."}},
		{"- 3.1. Права, предусмотренные пп. 4.1. Политики, ограничены. Ещё одно!",
			[]string{"Права, предусмотренные пп. 4.1. Политики, ограничены.", "Ещё одно!"}},
		{"• Some data (e.g. Top Level Domains) is sent. Another one? «Quoted» one.",
			[]string{"Some data (e.g. Top Level Domains) is sent.", "Another one?", "«Quoted» one."}},
		{"See https://example.com/a.b. Then more.",
			[]string{"See https://example.com/a.b.", "Then more."}},
		{"Nothing to split", []string{"Nothing to split"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range sentences(tt.text, nil) {
			got = append(got, tt.text[sp.start:sp.end])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestAnalyzeOfNothingIsEmpty(t *testing.T) {
	if !Analyze(nil).Empty() || !Analyze([]Block{{}}).Empty() {
		t.Error("Analyze of no text found something")
	}
}
