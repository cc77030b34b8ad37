package changeterms

import "testing"

// The tests of this file give change clauses in the wording most sites
// use, written apart from the rules and from the evaluation set, to catch
// rules that read only the sentences they were made for.

var (
	site  = []Channel{Site}
	email = []Channel{Email}
)

// TestAnalyzeReadsCommonRussianClauses: Russian clauses and their look-alikes.
func TestAnalyzeReadsCommonRussianClauses(t *testing.T) {
	runWording(t, []wordingCase{
		{"ru: a shop's three clauses",
			[]string{
				"9.1. Администрация сайта вправе вносить изменения в настоящую Политику конфиденциальности без согласия Пользователя.",
				"9.2. Новая Политика конфиденциальности вступает в силу с момента ее размещения на Сайте интернет-магазина, если иное не предусмотрено новой редакцией Политики конфиденциальности.",
				"9.3. Действующая Политика конфиденциальности размещена на странице по адресу https://shop.example.ru/privacy.",
			},
			[]want{{kind: Unilateral, clause: "9.1", consent: WithoutConsent}, {kind: OnPosting, clause: "9.2"},
				{kind: UnlessOtherwise, clause: "9.2"}, {kind: PublishedAt, clause: "9.3", url: "https://shop.example.ru/privacy"}}},
		{"ru: changes and additions, ten days, another term reserved",
			one("Изменения и дополнения к Соглашению вступают в силу через 10 (десять) календарных дней с момента их опубликования, если иной срок не указан в опубликованных изменениях."),
			[]want{{kind: UnlessOtherwise}, {kind: NoticePeriod, days: 10}}},
		{"ru: brought to the users' attention on the site",
			one("Все изменения Политики доводятся до сведения Пользователей путем их размещения на Сайте."),
			[]want{{kind: Notification, channels: site}}},
		{"ru: continued use after changes and additions",
			one("Продолжение использования Сайта Пользователем после внесения изменений и (или) дополнений в настоящую Политику означает согласие Пользователя с такими изменениями."),
			[]want{{kind: ContinuedUse}}},
		{"ru: two months before, material changes",
			one("О существенных изменениях Оферты Исполнитель уведомляет Заказчика по электронной почте не позднее чем за 2 (два) месяца до их вступления в силу."),
			[]want{{kind: NoticePeriod, days: 60, scope: Material}, {kind: Notification, scope: Material, channels: email}}},
		{"ru: the new edition applies to data obtained before",
			one("Положения новой редакции Политики применяются в том числе к персональным данным, полученным до ее вступления в силу."),
			[]want{{kind: Retroactive}}},
		{"ru: an edition in force from a date is no rule",
			one("Настоящая редакция Политики действует с 1 сентября 2024 года."),
			nil},
		{"ru: the user must review the current edition",
			one("Пользователь обязуется самостоятельно знакомиться с актуальной редакцией Политики."),
			nil},
		{"ru: notice of unnamed changes by mailing",
			one("Компания информирует Пользователей о внесенных изменениях посредством рассылки на электронную почту."),
			[]want{{kind: Notification, channels: email}}},
		{"ru: changes may be made without notice",
			one("Изменения в Политику могут вноситься без уведомления Пользователя."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}}},
		{"ru: an order's status",
			one("Мы уведомим вас об изменении статуса заказа по SMS."),
			nil},
		{"ru: news of features and updates",
			one("Мы сообщаем вам о новых функциях, обновлениях и акциях по электронной почте."),
			nil},
		{"ru: notice of a change of the terms, ten days before they take effect",
			one("Уведомление об изменении условий направляется Пользователю не позднее, чем за 10 дней до вступления их в силу."),
			[]want{{kind: NoticePeriod, days: 10}, {kind: Notification}}},
		{"ru: the user's e-mail address, and this change notified",
			one("Вы можете в любое время изменить адрес электронной почты в настройках. Мы уведомим вас об этом изменении по SMS."),
			nil},
		{"ru: relations that arose after are no retroactivity",
			one("Изменения распространяются на правоотношения, возникшие после вступления их в силу."),
			nil},
		{"ru: the user's settings, changes at once",
			one("Пользователь может изменить настройки уведомлений в личном кабинете. Изменения вступают в силу немедленно."),
			nil},
	})
}

// TestAnalyzeReadsCommonEnglishClauses: English clauses and their look-alikes.
func TestAnalyzeReadsCommonEnglishClauses(t *testing.T) {
	runWording(t, []wordingCase{
		{"en: material changes by email or a notice on the site",
			one("If we make any material changes, we will notify you by email or by means of a notice on this Site prior to the change becoming effective."),
			[]want{{kind: Notification, scope: Material, channels: []Channel{Site, Email}}}},
		{"en: the right to update, and use after modifications are posted",
			one("We reserve the right to update or change our Privacy Policy at any time. Your continued use of the Service after we post any modifications to the Privacy Policy on this page will constitute your acknowledgment of the modifications and your consent to abide and be bound by the modified Privacy Policy."),
			[]want{{kind: Unilateral}, {kind: ContinuedUse}}},
		{"en: effective when posted",
			one("Changes to this Privacy Policy are effective when they are posted on this page."),
			[]want{{kind: OnPosting}}},
		{"en: effective immediately after first posted",
			one("The amended Terms will be effective immediately after they are first posted on the Site."),
			[]want{{kind: OnPosting}}},
		{"en: already collected information",
			one("If we change this Policy, the changes will apply to all information we have already collected about you."),
			[]want{{kind: Unilateral}, {kind: Retroactive}}},
		{"en: 30 days' notice before new terms take effect",
			one("We'll provide at least 30 days' notice before any new terms take effect."),
			[]want{{kind: NoticePeriod, days: 30}, {kind: Notification}}},
		{"en: last modified is no rule",
			one("These Terms were last modified on January 1, 2024."),
			nil},
		{"en: notified of all changes a week in advance",
			one("You will be notified about all changes by email at least 7 days in advance."),
			[]want{{kind: NoticePeriod, days: 7}, {kind: Notification, channels: email}}},
		{"en: changes may be made at any time",
			one("Changes to this Policy may be made at any time."),
			[]want{{kind: Unilateral}}},
		{"en: fee changes are not the policy's",
			one("We will notify you of fee changes at least 30 days in advance."),
			nil},
		{"en: an opt-out deadline counted from a notice is no notice period",
			[]string{"We may change these Terms.", "Your opt-out notice must be sent within thirty (30) days of when we notify users of the change."},
			[]want{{kind: Unilateral}, {kind: Notification}}},
		{"en: the most current version posted on the website",
			one("We may revise this policy at any time without notice. The most current version will always be posted on our website."),
			[]want{{kind: Unilateral}, {kind: Notification, channels: []Channel{None}}, {kind: PublishedAt}}},
		{"en: changes that are material, by email a month before",
			one("If we make changes that are material, we will let you know by email at least 30 days before the changes take effect."),
			[]want{{kind: NoticePeriod, days: 30, scope: Material}, {kind: Notification, scope: Material, channels: email}}},
		{"en: posted for every change, more for significant ones, is no scope",
			one("We will post any changes on this page and, if the changes are significant, we will provide a more prominent notice (including, for certain services, email notification of changes)."),
			[]want{{kind: Notification, channels: []Channel{Site, Email}}}},
		{"en: not retroactive, fourteen days after posting",
			one("Changes will not apply retroactively and will become effective no sooner than fourteen days after they are posted."),
			[]want{{kind: NoticePeriod, days: 14}}},
		{"en: the user's password, changes at once",
			one("You may change your password at any time. Changes take effect immediately."),
			nil},
	})
}
