package changeterms

import "testing"

// The tests of this file come from an issue with the change clauses of real
// sites: wording the rules missed or misread. Every sentence is written
// for the test, in the manner of the real ones (non-native English
// included), not copied from them.

// wordingCase is a paragraph, or several, and what Analyze should find.
type wordingCase struct {
	name   string
	blocks []string
	want   []want
}

// runWording runs cases whose blocks take the clause number they start
// with, or the one of the block before.
func runWording(t *testing.T, tests []wordingCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blocks []Block
			clause := ""
			for i, s := range tt.blocks {
				b := block(s)
				if b.Clause == "" {
					b.Clause = clause
				}
				clause = b.Clause
				b.Line = 1 + 2*i
				blocks = append(blocks, b)
			}
			checkFindings(t, blocks, tt.want)
		})
	}
}

func one(s string) []string { return []string{s} }

func TestAnalyzeReadsFurtherUse(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: further use by you means your consent",
			one("Дальнейшее использование вами Приложения после вступления изменений в силу означает ваше согласие с ними."),
			[]want{{kind: ContinuedUse}}},
		{"ru: further use after the new edition is posted",
			one("8.4. Дальнейшее пользование Сервисом после публикации новой редакции Соглашения считается её принятием."),
			[]want{{kind: ContinuedUse, clause: "8.4"}}},
		{"ru: use after changes are made, without a word for continuing",
			one("Использование Сайта после внесения изменений в Политику означает согласие Пользователя с ними."),
			[]want{{kind: ContinuedUse}}},
		{"en: your use following the changes constitutes acceptance",
			one("Your use of the App following any changes to these Terms will constitute your acceptance of such changes."),
			[]want{{kind: ContinuedUse}}},
		{"en: further use after the revised Terms are posted",
			one("Your further use of the Platform after the revised Terms are posted means that you accept them."),
			[]want{{kind: ContinuedUse}}},
		{"en, non-native: further using after changes means agreement",
			one("Further using of the Site after changes means that the User agree with the new edition."),
			[]want{{kind: ContinuedUse}}},
		{"en: subsequent access after the effective date",
			[]string{"We may amend this Notice.", "Subsequent access to the Service after the effective date of an amendment signifies your agreement to it."},
			[]want{{kind: Unilateral}, {kind: ContinuedUse}}},
	})
}

func TestAnalyzeReadsImmediateEffect(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: changes will apply immediately",
			one("We may change this Policy at any time. Changes will apply immediately."),
			[]want{{kind: Unilateral}, {kind: OnPosting}}},
		{"en: amendments are effective immediately",
			one("5.3. Amendments to these Terms shall be effective immediately."),
			[]want{{kind: OnPosting, clause: "5.3"}}},
		{"en: the updated policy takes effect immediately upon posting",
			one("The updated Notice takes effect immediately once it is posted on the Website."),
			[]want{{kind: OnPosting}}},
		{"ru: the changes come into force immediately",
			one("Изменения Правил вступают в силу немедленно."),
			[]want{{kind: OnPosting}}},
		{"ru: applied straight after posting",
			one("Новая редакция Политики применяется сразу после её размещения на Сайте."),
			[]want{{kind: OnPosting}}},
		{"ru: the next sentence, in force at once",
			one("Оператор вправе изменять настоящую Политику. Такие изменения вступают в силу незамедлительно."),
			[]want{{kind: Unilateral}, {kind: OnPosting}}},
	})
}

func TestAnalyzeReadsNonNativeEnglish(t *testing.T) {
	runWording(t, []wordingCase{
		{"comes into force from the moment of its placement, if other isn't provided",
			one("7.2. The new edition of the Policy comes into force from the moment of its placement on the Site, if other isn't provided by new edition of the Policy."),
			[]want{{kind: OnPosting, clause: "7.2"}, {kind: UnlessOtherwise, clause: "7.2"}}},
		{"enters into force since publishing, if another is not stipulated",
			one("New version of the Agreement enters into force since the moment of its publishing on the Website if another is not stipulated by the new version."),
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"is valid from the moment of placing, unless other is provided",
			one("The Terms in the new edition are valid from the moment of placing on the Site, unless other is provided by the new edition."),
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}}},
		{"has the right to make changes without consent",
			one("The Administration has the right to make changes in this Policy without agreement of the User."),
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"if the law does not provide otherwise is no reservation",
			one("The new edition of the Policy comes into force from the moment of its placement, if other is not provided by the law."),
			[]want{{kind: OnPosting}}},
	})
}

func TestAnalyzeReadsAgentsAndDiscretion(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: made by the decision of the Operator",
			one("Изменения в настоящую Политику вносятся по решению Оператора."),
			[]want{{kind: Unilateral}}},
		{"ru: changed by the sole decision of the Society, without agreeing it",
			one("Правила изменяются по единоличному решению Общества без согласования с Пользователями."),
			[]want{{kind: Unilateral, consent: WithoutConsent}}},
		{"ru: at the Administration's discretion",
			one("Соглашение пересматривается по усмотрению Администрации сайта."),
			[]want{{kind: Unilateral}}},
		{"en: made at our sole discretion",
			one("Changes to this Policy are made at our sole discretion."),
			[]want{{kind: Unilateral}}},
		{"en: amended at the Company's discretion",
			one("These Terms are amended at the sole discretion of the Company."),
			[]want{{kind: Unilateral}}},
		{"en: by decision of the Administration",
			one("Amendments to the Agreement are introduced by decision of the Administration."),
			[]want{{kind: Unilateral}}},
		{"en: the user's own discretion",
			one("You may, at your sole discretion, update the information in your profile."),
			nil},
	})
}

func TestAnalyzeReadsNoticeInWeeksAndMonths(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: one month before taking effect",
			one("Оператор уведомляет Пользователей об изменении Политики не позднее чем за один месяц до их вступления в силу."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification}}},
		{"ru: a month, without a number",
			one("Об изменениях Соглашения Исполнитель сообщает по электронной почте не менее чем за месяц."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification, channels: []Channel{Email}}}},
		{"ru: two weeks in digits and words",
			one("Новая редакция Правил вступает в силу по истечении 2 (двух) недель с даты её опубликования."),
			[]want{{kind: NoticePeriod, days: 14}}},
		{"en: one month after posting",
			one("Changes to these Terms take effect one month after they are posted."),
			[]want{{kind: NoticePeriod, days: 30}}},
		{"en: two months' notice",
			one("We will give you at least two months' notice of any change to this Agreement."),
			[]want{{kind: NoticePeriod, days: 60}, {kind: Notification}}},
		{"en: three weeks' notice",
			one("We will give you three weeks' notice before changes to these Terms take effect."),
			[]want{{kind: NoticePeriod, days: 21}, {kind: Notification}}},
		{"en: a period of months to retain data is no notice",
			one("We keep backups for six months after changes to your account."),
			nil},
	})
}

func TestAnalyzeReadsScope(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: 30 days' notice of material changes",
			one("We may modify these Terms, but we will give you 30 days' notice of material changes."),
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 30, scope: Material}, {kind: Notification, scope: Material}}},
		{"en: substantive changes by email, two weeks before",
			one("If we make any substantive changes to this Notice, we will notify you by email at least two weeks before they take effect."),
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 14, scope: Material}, {kind: Notification, scope: Material, channels: []Channel{Email}}}},
		{"ru: significant changes, 30 days before",
			one("О существенных изменениях Политики Оператор уведомит Пользователей по электронной почте не менее чем за 30 дней до их вступления в силу."),
			[]want{{kind: NoticePeriod, days: 30, scope: Material}, {kind: Notification, scope: Material, channels: []Channel{Email}}}},
		{"ru: if the changes are significant, in the next sentence",
			one("Компания может изменять Политику. Если изменения являются существенными, Компания сообщит о них за 10 дней."),
			[]want{{kind: Unilateral}, {kind: NoticePeriod, days: 10, scope: Material}, {kind: Notification, scope: Material}}},
		{"en: important changes notified in the app",
			one("Important changes to this Privacy Policy will be notified to you in the app."),
			[]want{{kind: Notification, scope: Material, channels: []Channel{Other}}}},
		{"en: changes that materially affect your rights",
			one("We may update these Terms. If these changes materially affect your rights, we will give you advance notice."),
			[]want{{kind: Unilateral}, {kind: Notification, scope: Material}}},
		{"en: any changes, no scope",
			one("We will notify you of any changes to this Policy by email at least 15 days in advance."),
			[]want{{kind: NoticePeriod, days: 15}, {kind: Notification, channels: []Channel{Email}}}},
		{"en: non-material changes are no scope",
			one("Non-material changes to this Policy will be posted on this page."),
			[]want{{kind: Notification, channels: []Channel{Site}}}},
		{"ru: material things that are not changes",
			one("Мы уведомим вас об изменениях Политики за 7 дней, в том числе о существенных нарушениях безопасности данных."),
			[]want{{kind: NoticePeriod, days: 7}, {kind: Notification}}},
	})
}

func TestAnalyzeReadsTheAddressOfTheCurrentEdition(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: effective when posted on this page, named by address",
			one("Any changes to this Policy become effective when we post the revised Policy on this page www.example.org/privacy."),
			[]want{{kind: OnPosting}, {kind: PublishedAt, url: "www.example.org/privacy"}}},
		{"ru: in force from posting at an address",
			one("Новая редакция Политики вступает в силу с момента её размещения на странице https://example.ru/privacy, если иное не предусмотрено новой редакцией."),
			[]want{{kind: OnPosting}, {kind: UnlessOtherwise}, {kind: PublishedAt, url: "https://example.ru/privacy"}}},
		{"ru: new editions are posted at an address",
			one("Новые редакции Соглашения публикуются по адресу https://example.ru/terms/."),
			[]want{{kind: PublishedAt, url: "https://example.ru/terms/"}}},
		{"en: the current version at an address without a scheme",
			one("The current version of these Terms is always available at www.example.com/terms."),
			[]want{{kind: PublishedAt, url: "www.example.com/terms"}}},
		{"en: another policy's address",
			one("For details about cookies, see our Cookie Policy at https://example.com/cookies."),
			nil},
		{"en: a support address in a change clause",
			one("If you have questions about changes to this Policy, write to us at https://example.com/support."),
			nil},
	})
}

func TestAnalyzeReadsRetroactivity(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: changes might apply retroactively",
			one("We may update this Policy from time to time, and such changes might apply retroactively."),
			[]want{{kind: Unilateral}, {kind: Retroactive}}},
		{"en: the revised Terms apply to information collected before",
			[]string{"We may revise these Terms.", "The revised Terms will also apply to information we collected before they took effect."},
			[]want{{kind: Unilateral}, {kind: Retroactive}}},
		{"ru: changes may have retroactive force",
			one("Изменения Политики могут иметь обратную силу."),
			[]want{{kind: Retroactive}}},
		{"ru: the new edition covers relations that arose before",
			one("Новая редакция Соглашения распространяется на отношения Сторон, возникшие до её вступления в силу."),
			[]want{{kind: Retroactive}}},
		{"ru: changes cover the data collected earlier",
			one("Изменения Политики распространяются в том числе на ранее собранные персональные данные."),
			[]want{{kind: Retroactive}}},
		{"en: changes will not apply retroactively",
			one("Changes to these Terms will not apply retroactively."),
			nil},
		{"ru: no retroactive force",
			one("Изменения Политики обратной силы не имеют."),
			nil},
		{"en: retroactive billing is no change of the policy",
			one("We may make retroactive billing adjustments to your account."),
			nil},
	})
}

// TestAnalyzeIgnoresWhatIsNoChange gives clauses the rules read as change
// clauses before: supplementary terms, suspension and termination, cookies
// and the user's own data.
func TestAnalyzeIgnoresWhatIsNoChange(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"ru: supplementary provisions published by the company",
			"Компания может публиковать дополнительные положения, дополняющие настоящую Политику."},
		{"ru: supplementary conditions for some services",
			"Для отдельных сервисов могут действовать особые условия, которые дополняют настоящие Правила."},
		{"en: additional terms that supplement this Policy",
			"We may publish additional terms that supplement this Policy for particular services."},
		{"en: suspension with or without notice, effective immediately",
			"We may suspend your access to the Service at any time for violation of this Agreement, effective immediately, with or without notice."},
		{"ru: suspension without prior notice",
			"Администрация вправе приостановить доступ Пользователя к Сервису без предварительного уведомления в случае нарушения Правил."},
		{"ru: termination on 30 days' notice",
			"Компания вправе расторгнуть Соглашение в одностороннем порядке, уведомив Пользователя не менее чем за 30 дней."},
		{"en: termination on 30 days' notice",
			"Either party may terminate this Agreement on thirty (30) days' written notice."},
		{"en: cookies change without notice",
			"The cookies we use may change over time without notice to you."},
		{"ru: the user's data, changes apply at once",
			"Пользователь может изменить свои данные в личном кабинете; изменения вступают в силу немедленно."},
		{"en: the user's profile, changes apply at once",
			"You can update your profile at any time, and the changes apply immediately."},
		{"ru: further use of materials without permission",
			"Дальнейшее использование материалов Сайта без письменного разрешения правообладателя запрещено."},
		{"en: this agreement takes effect on acceptance",
			"This Agreement becomes effective on the date you accept it."},
	} {
		t.Run(tt.name, func(t *testing.T) { checkFindings(t, []Block{block(tt.text)}, nil) })
	}
}
