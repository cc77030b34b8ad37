package gen

import "strings"

// The text below is written for this generator: it imitates the register of
// Russian and English consumer policies without reproducing any real one.
//
// A template's placeholders:
//
//	{0} {1g} {2d} {0a}   slot 0, 1, 2 in the nominative (default), genitive,
//	                     dative or accusative; English ignores the case
//	{D} {Dg} {Dd} {Da} {Di} {Dp}
//	                     the document's short name ("Политика", "the Policy")
//	                     in the nominative, genitive, dative, accusative,
//	                     instrumental or prepositional
//	{Dthis} {DthisG} {DthisP}
//	                     "настоящая Политика" in the nominative, genitive or
//	                     prepositional; "this Policy" in English
//	{URL}                the policy's address in the edition's language
//
// Russian slots are placed only where every entry of their kind agrees with
// the words around them, and numbers are drawn from sets whose Russian
// plural form is the same in every case the templates use.

// tmpl is a sentence (or a list item) with slots of the given kinds.
type tmpl struct {
	slots  []string
	en, ru string
}

func t(slots, en, ru string) *tmpl {
	return &tmpl{slots: strings.Fields(slots), en: en, ru: ru}
}

// listT is a clause made of an introduction and a bulleted list.
type listT struct {
	intro    *tmpl // no slots
	item     *tmpl
	min, max int
	// sorted lists are scales: each column of numbers is shown in
	// descending order.
	sorted bool
}

// topic is what a section is about: its title, its sentences and its lists.
type topic struct {
	title *tmpl
	sents []*tmpl
	lists []*listT
}

var generic = []*tmpl{
	t("", "The Operator may involve contractors in performing its obligations and remains responsible for their actions.",
		"Оператор вправе привлекать подрядчиков к исполнению своих обязательств и отвечает за их действия."),
	t("way", "Questions about {D} may be sent {0}.",
		"Вопросы о {Dp} можно направить {0}."),
	t("", "If any provision of {D} is held invalid, the remaining provisions stay in force.",
		"Признание какого-либо положения {Dg} недействительным не влияет на действительность остальных положений."),
	t("", "The headings of sections are given for convenience and do not affect the interpretation of {D}.",
		"Заголовки разделов приведены для удобства и не влияют на толкование {Dg}."),
	t("", "The documents referred to in {D} are published on the Service.",
		"Документы, на которые ссылается {D}, опубликованы в Сервисе."),
	t("days", "In the cases provided for in this section, the Operator acts within {0} days.",
		"В случаях, предусмотренных настоящим разделом, Оператор действует в течение {0} дней."),
	t("", "Matters not covered by {D} are governed by the laws of the Russian Federation.",
		"Вопросы, не урегулированные {Di}, регулируются законодательством Российской Федерации."),
	t("days", "The Operator keeps the documents confirming that this section has been complied with for at least {0} days.",
		"Документы, подтверждающие соблюдение требований настоящего раздела, Оператор хранит не менее {0} дней."),
	t("", "The Operator may refuse to provide services to a User who breaches {D}.",
		"Оператор вправе отказать в предоставлении услуг Пользователю, нарушающему {Da}."),
	t("", "Periods of time in {D} are reckoned in Moscow time.",
		"Сроки, указанные в {Dp}, исчисляются по московскому времени."),
	t("", "The records of the Operator's systems are sufficient evidence of the actions taken in the Service.",
		"Данные учётных систем Оператора являются достаточным доказательством действий, совершённых в Сервисе."),
	t("", "Working days are all days other than weekends and public holidays in the Russian Federation.",
		"Рабочими днями считаются все дни, кроме выходных и нерабочих праздничных дней в Российской Федерации."),
	t("", "Where {D} gives a period in days, calendar days are meant unless working days are named.",
		"Если в {Dp} срок указан в днях, имеются в виду календарные дни, если не указано, что дни рабочие."),
}

// intros open a document, before its first section.
var intros = []*tmpl{
	t("", "{Dthis} explains the rules that apply when the Prichal service is used to find and book river cruises and ferry crossings.",
		"{Dthis} объясняет, какие правила действуют при использовании сервиса «Причал» для поиска и бронирования речных круизов и паромных переправ."),
	t("", "Please read {D} before making a booking: by booking, the User accepts its terms.",
		"Пожалуйста, ознакомьтесь с {Di} перед бронированием: оформляя бронирование, Пользователь принимает условия {Dg}."),
	t("", "Every previous edition remains available in the archive of the site, at a permanent address.",
		"Каждая прежняя редакция остаётся доступной в архиве сайта по постоянному адресу."),
}

// qualifiers may close a sentence, before its final full stop.
var qualifiers = []word{
	w(", unless the law provides otherwise", ", если иное не предусмотрено законом"),
	w(", save in the cases provided for by law", ", за исключением случаев, предусмотренных законом"),
	w(" in the manner set out in this section", " в порядке, установленном настоящим разделом"),
	w(", subject to the carrier's rules", " с учётом правил перевозчика"),
	w(", unless the parties have agreed otherwise", ", если стороны не договорились об ином"),
	w(" in accordance with the laws of the Russian Federation", " в соответствии с законодательством Российской Федерации"),
	w(", as confirmed by the records of the Operator's systems", ", что подтверждается данными учётных систем Оператора"),
	w(", unless a separate agreement with the User provides otherwise", ", если отдельным договором с Пользователем не предусмотрено иное"),
	w(", taking into account the nature of the data and the risks of processing", " с учётом характера данных и рисков обработки"),
	w(", as far as it is technically possible", " в той мере, в какой это технически возможно"),
}

var (
	topicGeneral = &topic{
		title: t("", "General provisions", "Общие положения"),
		sents: []*tmpl{
			t("", "{Dthis} governs the relationship between the Operator and any person who uses the Service (the \"User\").",
				"{Dthis} регулирует отношения между Оператором и любым лицом, которое пользуется Сервисом (далее — Пользователь)."),
			t("", "The Service is operated by Severnaya Pristan LLC (the \"Operator\"), which acts in its own name and on its own behalf.",
				"Сервис принадлежит ООО «Северная пристань» (далее — Оператор), которое действует от своего имени и в своих интересах."),
			t("", "{D} applies to the website at https://prichal.example and to the mobile application of the same name.",
				"{D} применяется к сайту по адресу https://prichal.example и к одноимённому мобильному приложению."),
			t("", "By using the Service, the User confirms that they have read {D} and accept its terms in full.",
				"Пользуясь Сервисом, Пользователь подтверждает, что ознакомился с {Di} и принимает условия {Dg} в полном объёме."),
			t("", "Terms that are not defined in {D} have the meaning given to them by the laws of the Russian Federation.",
				"Понятия, не определённые в {Dp}, используются в значении, которое придаёт им законодательство Российской Федерации."),
			t("", "Where {D} conflicts with a separate agreement between the Operator and the User, the separate agreement prevails.",
				"Если положения {Dg} расходятся с условиями отдельного договора между Оператором и Пользователем, применяются условия договора."),
			t("age", "Persons under {0} may use the Service only with the consent of a parent or guardian.",
				"Лица, не достигшие {0} лет, могут пользоваться Сервисом только с согласия родителей или иных законных представителей."),
			t("", "A User who does not agree with {D} should stop using the Service.",
				"Пользователь, не согласный с условиями {Dg}, должен прекратить пользоваться Сервисом."),
			t("", "The Operator's details and postal address are given on the \"About\" page of the Service.",
				"Реквизиты и почтовый адрес Оператора указаны на странице «О сайте» Сервиса."),
			t("", "{D} is published in Russian and English; where the texts differ, the Russian text prevails.",
				"{D} публикуется на русском и английском языках; при расхождении текстов преимущество имеет текст на русском языке."),
			t("", "The Service is intended for booking tickets for river cruises and ferry crossings operated by carriers.",
				"Сервис предназначен для бронирования билетов на речные круизы и паромные переправы, которые выполняют перевозчики."),
			t("", "The Operator may set additional rules for individual functions of the Service; such rules form part of {D}.",
				"Оператор вправе устанавливать дополнительные правила для отдельных функций Сервиса; такие правила являются частью {Dg}."),
		},
	}
	topicData = &topic{
		title: t("", "Data the Operator processes", "Какие данные обрабатывает Оператор"),
		sents: []*tmpl{
			t("data data", "When the User registers, the Operator receives {0} and {1}.",
				"При регистрации Оператор получает {0a} и {1a}."),
			t("data data", "When a booking is made, the Operator also processes {0} and {1} to the extent the carrier requires.",
				"При оформлении бронирования Оператор также обрабатывает {0a} и {1a} в объёме, который требует перевозчик."),
			t("", "The Operator does not collect special categories of personal data or biometric data.",
				"Оператор не собирает специальные категории персональных данных и биометрические персональные данные."),
			t("data", "The User is responsible for the accuracy of the information they provide, including {0}.",
				"Пользователь отвечает за достоверность сообщаемых им сведений, в том числе {0g}."),
			t("data", "By providing {0} of other passengers, the User confirms that those passengers have agreed to it.",
				"Сообщая {0a} других пассажиров, Пользователь подтверждает, что получил их согласие."),
			t("way", "The Operator may ask the User to confirm their identity {0}.",
				"Оператор вправе попросить Пользователя подтвердить личность {0}."),
			t("data", "The Operator does not check the information the User provides, including {0}, and relies on its accuracy.",
				"Оператор не проверяет сведения, сообщаемые Пользователем, в том числе {0a}, и исходит из их достоверности."),
			t("", "If the User signs in through a social network, the Operator receives the User's name and e-mail address from it.",
				"При входе через социальную сеть Оператор получает от неё имя и адрес электронной почты Пользователя."),
			t("data", "The Operator receives {0} from carriers when they confirm a booking.",
				"Оператор получает {0a} от перевозчиков при подтверждении бронирования."),
			t("data", "The User may choose not to provide {0}, but some functions of the Service will then be unavailable.",
				"Пользователь вправе не сообщать {0a}, однако в этом случае часть функций Сервиса будет недоступна."),
		},
		lists: []*listT{
			{intro: t("", "In particular, the Operator processes:", "В частности, Оператор обрабатывает:"),
				item: t("data", "{0}", "{0a}"), min: 4, max: 7},
			{intro: t("", "The technical data collected automatically includes:", "К техническим данным, которые собираются автоматически, относятся:"),
				item: t("techdata", "{0}", "{0}"), min: 4, max: 7},
		},
	}
	topicPurposes = &topic{
		title: t("", "Purposes and legal grounds of processing", "Цели и правовые основания обработки"),
		sents: []*tmpl{
			t("data purpose", "The Operator processes {0} {1}.",
				"Оператор обрабатывает {0a} {1}."),
			t("data purpose", "The Operator uses {0} {1} only with the separate consent of the User.",
				"Оператор использует {0a} {1} только при наличии отдельного согласия Пользователя."),
			t("", "The Operator does not use personal data for purposes incompatible with those stated in {D}.",
				"Оператор не использует персональные данные в целях, несовместимых с целями, указанными в {Dp}."),
			t("", "Processing is based on the User's consent, on the performance of a contract with the User or on a duty imposed on the Operator by law.",
				"Правовым основанием обработки является согласие Пользователя, исполнение договора с Пользователем либо обязанность, возложенная на Оператора законом."),
			t("", "No decision with legal consequences for the User is made by automated means alone.",
				"Решения, влекущие для Пользователя юридические последствия, не принимаются только на основании автоматизированной обработки данных."),
			t("way times", "Marketing messages are sent {0} no more than {1} times a month.",
				"Рекламные сообщения направляются {0} не чаще {1} раз в месяц."),
			t("purpose", "The Operator does not process more data than is needed {0}.",
				"Оператор не обрабатывает больше данных, чем необходимо {0}."),
			t("", "Once a purpose has been achieved, the data collected for it is deleted or anonymised.",
				"По достижении цели обработки собранные для неё данные удаляются или обезличиваются."),
			t("data data purpose", "The Operator processes {0} and {1} together only {2}.",
				"Оператор обрабатывает {0a} и {1a} совместно только {2}."),
			t("", "Anonymised data may be used for statistics without the User's consent.",
				"Обезличенные данные могут использоваться в статистических целях без согласия Пользователя."),
		},
		lists: []*listT{
			{intro: t("", "Personal data is processed:", "Персональные данные обрабатываются:"),
				item: t("purpose", "{0}", "{0}"), min: 4, max: 7},
		},
	}
	topicSharing = &topic{
		title: t("", "Disclosure of data to third parties", "Передача данных третьим лицам"),
		sents: []*tmpl{
			t("data recip purpose", "The Operator discloses {0} to {1} {2}.",
				"Оператор передаёт {0a} {1d} {2}."),
			t("", "Persons whom the Operator entrusts with processing must keep the data confidential and use it only on the Operator's instructions.",
				"Лица, которым Оператор поручает обработку, обязаны соблюдать конфиденциальность данных и использовать их только по поручению Оператора."),
			t("", "The Operator does not sell personal data and does not disclose it for the advertising of third parties.",
				"Оператор не продаёт персональные данные и не раскрывает их для рекламы третьих лиц."),
			t("recip", "The Operator discloses data to {0} only upon a lawful request.",
				"Оператор раскрывает данные {0d} только по законному запросу."),
			t("", "Personal data is transferred abroad only to countries that adequately protect the rights of data subjects.",
				"Трансграничная передача персональных данных осуществляется только в государства, обеспечивающие адекватную защиту прав субъектов персональных данных."),
			t("recip months", "The Operator keeps a record of each disclosure of data to {0} for {1} months.",
				"Оператор ведёт учёт каждой передачи данных {0d} в течение {1} месяцев."),
			t("way", "The list of persons who process data on the Operator's instructions is provided on a request sent {0}.",
				"Перечень лиц, обрабатывающих данные по поручению Оператора, предоставляется по запросу, направленному {0}."),
			t("data recip", "The Operator does not disclose {0} to {1} without a legal basis.",
				"Оператор не передаёт {0a} {1d} без законных оснований."),
			t("", "Contracts with the recipients of data oblige them to delete the data once their work is finished.",
				"Договоры с получателями данных обязывают их удалить данные по завершении работ."),
			t("", "If the Operator is reorganised, the data passes to its legal successor, who remains bound by {D}.",
				"При реорганизации Оператора данные переходят к его правопреемнику, который остаётся связанным условиями {Dg}."),
		},
		lists: []*listT{
			{intro: t("", "The recipients of personal data may include:", "Получателями персональных данных могут быть:"),
				item: t("recip purpose", "{0} — {1}", "{0} — {1}"), min: 3, max: 6},
		},
	}
	topicStorage = &topic{
		title: t("", "Storage and protection of data", "Хранение и защита данных"),
		sents: []*tmpl{
			t("data years", "The Operator stores {0} for {1} years after the account is deleted.",
				"Оператор хранит {0a} в течение {1} лет после удаления учётной записи."),
			t("data months", "The Operator keeps {0} for no more than {1} months from the day of receipt.",
				"Оператор хранит {0a} не более {1} месяцев со дня получения."),
			t("days", "Once the retention period has ended, the data is destroyed within {0} days.",
				"По истечении срока хранения данные уничтожаются в течение {0} дней."),
			t("", "Personal data of citizens of the Russian Federation is recorded and stored in databases located in the Russian Federation.",
				"Персональные данные граждан Российской Федерации записываются и хранятся в базах данных, которые находятся на территории Российской Федерации."),
			t("data", "Access to {0} is granted only to employees who need it for their duties.",
				"Доступ к {0d} предоставляется только тем сотрудникам, которым он необходим для исполнения обязанностей."),
			t("days", "Backups are made daily and kept for no more than {0} days.",
				"Резервные копии создаются ежедневно и хранятся не более {0} дней."),
			t("way hours", "The Operator informs the User {0} within {1} hours of learning of a data breach that affects the User.",
				"Об утечке данных, затрагивающей Пользователя, Оператор сообщает ему {0} в течение {1} часов с момента, когда узнал о ней."),
			t("", "The Operator reviews its protective measures at least once a year.",
				"Оператор пересматривает меры защиты не реже одного раза в год."),
			t("", "Employees with access to personal data sign a confidentiality undertaking.",
				"Сотрудники, имеющие доступ к персональным данным, подписывают обязательство о неразглашении."),
			t("years", "Documents that the Operator must keep under accounting rules are stored for {0} years.",
				"Документы, которые Оператор обязан хранить по правилам бухгалтерского учёта, хранятся в течение {0} лет."),
		},
		lists: []*listT{
			{intro: t("", "The Operator applies, in particular, the following protective measures:", "Оператор применяет, в частности, следующие меры защиты:"),
				item: t("measure", "{0}", "{0}"), min: 4, max: 7},
		},
	}
	topicRights = &topic{
		title: t("", "Rights of the User", "Права Пользователя"),
		sents: []*tmpl{
			t("way", "To exercise their rights, the User sends a request {0}.",
				"Для реализации своих прав Пользователь направляет запрос {0}."),
			t("days", "The Operator responds to a request within {0} working days of receiving it.",
				"Оператор отвечает на запрос в течение {0} рабочих дней со дня его получения."),
			t("days", "This period may be extended by no more than {0} working days if the Operator tells the User the reasons.",
				"Этот срок может быть продлён не более чем на {0} рабочих дней, если Оператор сообщит Пользователю о причинах."),
			t("way", "The User may withdraw consent at any time {0}.",
				"Пользователь вправе в любой момент отозвать согласие {0}."),
			t("days", "After consent is withdrawn, the Operator stops processing within {0} days unless the law allows it to continue.",
				"После отзыва согласия Оператор прекращает обработку в течение {0} дней, если закон не позволяет продолжить её на иных основаниях."),
			t("", "The User may appeal against the Operator's actions to the authority for the protection of the rights of data subjects or to a court.",
				"Пользователь вправе обжаловать действия Оператора в уполномоченный орган по защите прав субъектов персональных данных или в суд."),
			t("", "A request must allow the Operator to identify the User and must state what the User requires.",
				"Запрос должен позволять установить личность Пользователя и содержать его требование."),
			t("", "The Operator answers the first request in a calendar year free of charge.",
				"На первый в течение календарного года запрос Оператор отвечает бесплатно."),
			t("days", "If the Operator refuses a request, it gives the reasons within {0} working days.",
				"Отказывая в удовлетворении запроса, Оператор сообщает причины отказа в течение {0} рабочих дней."),
		},
		lists: []*listT{
			{intro: t("", "The User has the right:", "Пользователь вправе:"),
				item: t("right", "{0}", "{0}"), min: 4, max: 7},
		},
	}
	topicObligations = &topic{
		title: t("", "Obligations of the User", "Обязанности Пользователя"),
		sents: []*tmpl{
			t("", "The User enters passenger details exactly as they appear in the passengers' identity documents.",
				"Пользователь указывает данные пассажиров точно так, как они записаны в их документах."),
			t("way", "The User keeps the password secret and tells the Operator {0} if it has become known to others.",
				"Пользователь хранит пароль в тайне и сообщает Оператору {0}, если пароль стал известен посторонним."),
			t("minutes", "The User arrives at the pier no later than {0} minutes before departure.",
				"Пользователь прибывает на причал не позднее чем за {0} минут до отправления."),
			t("", "The User follows the carrier's rules on baggage, animals and the conduct of passengers on board.",
				"Пользователь соблюдает правила перевозчика о провозе багажа и животных и о поведении пассажиров на борту."),
			t("", "The User compensates the Operator for losses caused by a breach of {D}.",
				"Пользователь возмещает Оператору убытки, причинённые нарушением {Dg}."),
			t("", "The User keeps the contact details in their account up to date so that notices reach them.",
				"Пользователь поддерживает контактные данные в личном кабинете в актуальном состоянии, чтобы уведомления доходили до него."),
			t("", "At the Operator's request, the User provides documents confirming the right to a concession.",
				"По запросу Оператора Пользователь предоставляет документы, подтверждающие право на льготу."),
			t("hours", "The User checks the booking details before paying and reports any error to customer support within {0} hours.",
				"Перед оплатой Пользователь проверяет данные бронирования и сообщает об ошибках в службу поддержки в течение {0} часов."),
			t("", "The User uses the Service only for personal needs not connected with business.",
				"Пользователь использует Сервис только для личных нужд, не связанных с предпринимательской деятельностью."),
		},
		lists: []*listT{
			{intro: t("", "The User must not:", "Пользователю запрещается:"),
				item: t("banned", "{0}", "{0}"), min: 3, max: 6},
		},
	}
	topicPayment = &topic{
		title: t("", "Payment and refunds", "Оплата и возврат денежных средств"),
		sents: []*tmpl{
			t("minutes", "Selected seats are held for {0} minutes, after which an unpaid booking is cancelled.",
				"Выбранные места удерживаются в течение {0} минут, после чего неоплаченное бронирование отменяется."),
			t("percent amount", "The Operator charges a service fee of {0} % of the ticket price, but no less than {1} roubles per ticket.",
				"За услуги по бронированию Оператор взимает сервисный сбор в размере {0} % стоимости билета, но не менее {1} рублей за билет."),
			t("days", "Refunds are made to the card used for payment within {0} working days.",
				"Возврат производится на карту, с которой была произведена оплата, в течение {0} рабочих дней."),
			t("", "If the carrier cancels a sailing, the Operator refunds the full price of the ticket together with the service fee.",
				"При отмене рейса перевозчиком Оператор возвращает полную стоимость билета вместе с сервисным сбором."),
			t("", "Prices are shown in roubles and include all taxes.",
				"Цены указываются в рублях и включают все налоги."),
			t("", "The Operator may refuse a refund if the ticket was returned after departure.",
				"Оператор вправе отказать в возврате, если билет сдан после отправления."),
			t("percent hours", "A fee of {0} % of the price is withheld when a ticket is returned less than {1} hours before departure.",
				"При возврате билета менее чем за {1} часов до отправления удерживается {0} % его стоимости."),
			t("", "Payment is made by bank card or through the Faster Payments System on the payment provider's page.",
				"Оплата производится банковской картой или через Систему быстрых платежей на странице платёжного сервиса."),
			t("", "Child tickets are issued under the carrier's rules on presentation of a birth certificate.",
				"Детские билеты оформляются по правилам перевозчика при предъявлении свидетельства о рождении."),
			t("", "The price of a ticket is fixed at the moment of payment and does not change afterwards.",
				"Стоимость билета фиксируется в момент оплаты и впоследствии не меняется."),
			t("amount", "At the User's request, a refund of no more than {0} roubles may be made in bonus points.",
				"По желанию Пользователя возврат суммой не более {0} рублей может быть произведён бонусными баллами."),
		},
		lists: []*listT{
			{intro: t("", "The amount refunded depends on when the ticket is returned:", "Сумма возврата зависит от того, когда сдан билет:"),
				item: t("hours percent", "more than {0} hours before departure: {1} % of the ticket price", "более чем за {0} часов до отправления — {1} % стоимости билета"), min: 2, max: 4, sorted: true},
		},
	}
	topicLiability = &topic{
		title: t("", "Liability", "Ответственность сторон"),
		sents: []*tmpl{
			t("", "The carrier is responsible for the carriage itself, including its safety and punctuality.",
				"За выполнение перевозки, в том числе за её безопасность и соблюдение расписания, отвечает перевозчик."),
			t("", "The Operator is not liable for delays caused by the weather, the water level or decisions of public authorities.",
				"Оператор не отвечает за задержки, вызванные погодными условиями, уровнем воды или решениями государственных органов."),
			t("", "The Operator's liability for each booking is limited to the service fee paid.",
				"Ответственность Оператора по каждому бронированию ограничена суммой уплаченного сервисного сбора."),
			t("hours", "The Service is provided as is; planned maintenance is announced at least {0} hours in advance.",
				"Сервис предоставляется в существующем виде; о плановых работах Оператор сообщает не менее чем за {0} часов."),
			t("days", "Neither party is liable for a failure caused by force majeure if it informs the other party within {0} days.",
				"Стороны освобождаются от ответственности за неисполнение обязательств вследствие непреодолимой силы, если уведомили друг друга в течение {0} дней."),
			t("", "The Operator is not liable for the content of the websites of carriers and others to which the Service links.",
				"Оператор не отвечает за содержание сайтов перевозчиков и других лиц, на которые ведут ссылки из Сервиса."),
			t("", "The Operator is not liable for losses caused by the User providing inaccurate data.",
				"Оператор не отвечает за убытки, возникшие из-за того, что Пользователь сообщил недостоверные данные."),
			t("days", "Claims about the carriage are considered by the carrier; the Operator forwards them within {0} days.",
				"Претензии, связанные с перевозкой, рассматривает перевозчик; Оператор передаёт их перевозчику в течение {0} дней."),
			t("", "The Operator's liability for lost profits is excluded to the extent the law permits.",
				"Ответственность Оператора за упущенную выгоду исключается в той мере, в какой это допускает закон."),
		},
	}
	topicCookies = &topic{
		title: t("", "Cookies", "Файлы cookie"),
		sents: []*tmpl{
			t("", "Cookies are small text files that the Service stores in the User's browser.",
				"Файлы cookie — небольшие текстовые файлы, которые Сервис сохраняет в браузере Пользователя."),
			t("", "Analytics cookies are set only after the User agrees to them in the cookie notice.",
				"Аналитические файлы cookie устанавливаются только после того, как Пользователь согласится на это в уведомлении о cookie."),
			t("months", "Cookies are kept for no more than {0} months.",
				"Файлы cookie хранятся не более {0} месяцев."),
			t("", "The User may block cookies in the browser settings, but some functions of the Service may then stop working.",
				"Пользователь может запретить файлы cookie в настройках браузера, однако часть функций Сервиса при этом может перестать работать."),
			t("", "The Operator uses web analytics data only in aggregate form.",
				"Данные веб-аналитики Оператор использует только в обобщённом виде."),
			t("", "Along with cookies, the Service uses the browser's local storage for the same purposes.",
				"Наряду с файлами cookie Сервис использует для тех же целей локальное хранилище браузера."),
			t("", "The User may change the choice made in the cookie notice at any time through the link at the bottom of each page.",
				"Пользователь может в любой момент изменить выбор, сделанный в уведомлении о cookie, по ссылке внизу каждой страницы."),
			t("", "Third-party cookies are set only by the web analytics providers listed on the Service.",
				"Сторонние файлы cookie устанавливают только поставщики веб-аналитики, перечисленные в Сервисе."),
		},
		lists: []*listT{
			{intro: t("", "The Service uses the following cookies:", "Сервис использует следующие файлы cookie:"),
				item: t("cookie", "{0}", "{0}"), min: 3, max: 6},
		},
	}
	topicNotices = &topic{
		title: t("", "Notices", "Уведомления"),
		sents: []*tmpl{
			t("way", "The Operator sends notices to the User {0}.",
				"Оператор направляет Пользователю уведомления {0}."),
			t("way", "A notice sent {0} is deemed received on the day it is sent.",
				"Уведомление, направленное {0}, считается полученным в день его направления."),
			t("", "The User may change the notification settings in their account at any time.",
				"Пользователь может в любой момент изменить настройки уведомлений в личном кабинете."),
			t("hours", "Notices of schedule changes are sent no later than {0} hours before departure.",
				"Уведомления об изменении расписания направляются не позднее чем за {0} часов до отправления."),
			t("hours", "Customer support answers requests within {0} hours on working days.",
				"Служба поддержки отвечает на обращения в течение {0} часов в рабочие дни."),
			t("way", "Notices sent {0} have the same force as written notices.",
				"Уведомления, направленные {0}, имеют ту же силу, что и письменные."),
			t("", "The Operator does not send marketing messages at night, from 22:00 to 9:00 local time.",
				"Оператор не направляет рекламные сообщения в ночное время — с 22:00 до 9:00 по местному времени."),
			t("way", "The User sends notices to the Operator {0}.",
				"Пользователь направляет уведомления Оператору {0}."),
		},
		lists: []*listT{
			{intro: t("", "The Operator sends the User:", "Оператор направляет Пользователю:"),
				item: t("notice", "{0}", "{0}"), min: 3, max: 6},
		},
	}
	topicDisputes = &topic{
		title: t("", "Disputes", "Порядок разрешения споров"),
		sents: []*tmpl{
			t("", "The parties seek to settle disputes through negotiation.",
				"Стороны стремятся разрешать споры путём переговоров."),
			t("days", "Claims are sent to legal@prichal.example and are considered within {0} days.",
				"Претензии направляются по адресу legal@prichal.example и рассматриваются в течение {0} дней."),
			t("days", "A dispute not settled within {0} days of the claim is referred to a court under the laws of the Russian Federation.",
				"Спор, не урегулированный в течение {0} дней с момента направления претензии, передаётся на рассмотрение суда в соответствии с законодательством Российской Федерации."),
			t("", "A User who is a consumer may bring a claim in the court of their place of residence.",
				"Пользователь-потребитель вправе предъявить иск в суд по месту своего жительства."),
			t("", "{D} is governed by the laws of the Russian Federation.",
				"{D} регулируется законодательством Российской Федерации."),
			t("", "The claim procedure must be followed before going to court.",
				"Соблюдение претензионного порядка до обращения в суд обязательно."),
			t("", "A claim states the booking number, the circumstances and the User's demand.",
				"В претензии указываются номер бронирования, обстоятельства и требование Пользователя."),
			t("way", "The Operator replies to a claim {0}.",
				"Оператор отвечает на претензию {0}."),
		},
	}
	topicChanges = &topic{
		title: t("", "Changes to {D}", "Изменение {Dg}"),
		sents: []*tmpl{
			t("", "The Operator may change {D} unilaterally.",
				"Оператор вправе изменять {Da} в одностороннем порядке."),
			t("", "A new edition takes effect when it is posted on the Service unless the edition itself sets a later date.",
				"Новая редакция вступает в силу с момента размещения в Сервисе, если в ней не указана более поздняя дата."),
			t("", "The current edition and all previous editions are available at {URL}.",
				"Действующая редакция и все прежние редакции доступны по адресу {URL}."),
			// No notice period here: the generated editions mostly take
			// effect on posting, and a period they ignored would make every
			// build of a generated site warn.
			t("way", "The Operator informs Users of material changes {0}.",
				"О существенных изменениях Оператор уведомляет Пользователей {0}."),
			t("", "A User who continues to use the Service after a new edition takes effect thereby accepts it.",
				"Продолжая пользоваться Сервисом после вступления новой редакции в силу, Пользователь тем самым принимает её."),
			t("years", "The Operator keeps the previous editions of {D} on the Service for at least {0} years.",
				"Прежние редакции {Dg} Оператор хранит в Сервисе не менее {0} лет."),
			t("", "Bookings paid for before a new edition takes effect are performed on the terms of the edition in force at the time of payment.",
				"Бронирования, оплаченные до вступления новой редакции в силу, исполняются на условиях редакции, действовавшей в момент оплаты."),
			t("", "A User who does not accept a new edition may delete their account before it takes effect.",
				"Пользователь, не согласный с новой редакцией, вправе удалить учётную запись до её вступления в силу."),
		},
	}
)

// middleTopics are the sections between "General provisions" and "Changes".
var middleTopics = []*topic{
	topicData, topicPurposes, topicSharing, topicStorage, topicRights, topicObligations,
	topicPayment, topicLiability, topicCookies, topicNotices, topicDisputes,
}
