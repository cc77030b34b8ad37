package gen

import "strconv"

// The words below are written for this generator, like the sentences in
// topics.go that place them; topics.go also says how Russian forms and
// numbers are chosen to agree with those sentences.

// word is one entry of a kind: the English text and the Russian forms
// (nominative, genitive, dative, accusative; empty forms fall back to the
// nominative).
type word struct {
	en string
	ru [4]string
}

func w(en, ru string) word { return word{en: en, ru: [4]string{ru}} }

func w4(en, nom, gen, dat, acc string) word {
	return word{en: en, ru: [4]string{nom, gen, dat, acc}}
}

func nums(vs ...int) []word {
	out := make([]word, len(vs))
	for i, v := range vs {
		s := strconv.Itoa(v)
		out[i] = word{en: s, ru: [4]string{s}}
	}
	return out
}

// numeric kinds can be changed by an edit ("30 days" becomes "45 days").
var numeric = map[string]bool{
	"days": true, "hours": true, "months": true, "years": true, "percent": true,
	"amount": true, "minutes": true, "age": true, "times": true,
}

var kinds = map[string][]word{
	// Numbers: none ends in 1, 2, 3 or 4 outside the teens, except where the
	// templates use them only in the genitive plural (months, times).
	"days":    nums(5, 7, 10, 14, 15, 20, 30, 45, 60, 90),
	"hours":   nums(6, 12, 36, 48),
	"months":  nums(3, 6, 12, 18, 24, 36),
	"years":   nums(3, 5, 6, 10),
	"percent": nums(3, 5, 7, 10, 15, 20, 25, 50),
	"amount":  nums(50, 100, 150, 200, 300, 500),
	"minutes": nums(10, 15, 20, 30, 45),
	"age":     nums(14, 16, 18),
	"times":   nums(2, 3, 4, 5, 6, 8),

	"data": {
		w4("contact details", "контактные данные", "контактных данных", "контактным данным", "контактные данные"),
		w4("booking history", "история бронирований", "истории бронирований", "истории бронирований", "историю бронирований"),
		w4("payment details", "платёжные сведения", "платёжных сведений", "платёжным сведениям", "платёжные сведения"),
		w4("device identifiers", "идентификаторы устройств", "идентификаторов устройств", "идентификаторам устройств", "идентификаторы устройств"),
		w4("correspondence with customer support", "переписка со службой поддержки", "переписки со службой поддержки", "переписке со службой поддержки", "переписку со службой поддержки"),
		w4("passenger details", "данные пассажиров", "данных пассажиров", "данным пассажиров", "данные пассажиров"),
		w4("account settings", "настройки учётной записи", "настроек учётной записи", "настройкам учётной записи", "настройки учётной записи"),
		w4("approximate location", "приблизительное местоположение", "приблизительного местоположения", "приблизительному местоположению", "приблизительное местоположение"),
		w4("server logs", "журналы сервера", "журналов сервера", "журналам сервера", "журналы сервера"),
		w4("answers to surveys", "ответы на опросы", "ответов на опросы", "ответам на опросы", "ответы на опросы"),
		w4("bonus points balance", "баланс бонусных баллов", "баланса бонусных баллов", "балансу бонусных баллов", "баланс бонусных баллов"),
		w4("ticket numbers", "номера билетов", "номеров билетов", "номерам билетов", "номера билетов"),
		w4("passport details", "паспортные данные", "паспортных данных", "паспортным данным", "паспортные данные"),
		w4("date of birth", "дата рождения", "даты рождения", "дате рождения", "дату рождения"),
		w4("reviews of trips", "отзывы о поездках", "отзывов о поездках", "отзывам о поездках", "отзывы о поездках"),
	},
	"recip": {
		w4("carriers", "перевозчики", "перевозчиков", "перевозчикам", "перевозчиков"),
		w4("payment service providers", "платёжные сервисы", "платёжных сервисов", "платёжным сервисам", "платёжные сервисы"),
		w4("the hosting provider", "хостинг-провайдер", "хостинг-провайдера", "хостинг-провайдеру", "хостинг-провайдера"),
		w4("e-mail delivery services", "сервисы рассылки электронной почты", "сервисов рассылки электронной почты", "сервисам рассылки электронной почты", "сервисы рассылки электронной почты"),
		w4("pier operators", "владельцы причалов", "владельцев причалов", "владельцам причалов", "владельцев причалов"),
		w4("insurance companies", "страховые компании", "страховых компаний", "страховым компаниям", "страховые компании"),
		w4("auditors", "аудиторы", "аудиторов", "аудиторам", "аудиторов"),
		w4("text message gateways", "операторы SMS-рассылок", "операторов SMS-рассылок", "операторам SMS-рассылок", "операторов SMS-рассылок"),
		w4("web analytics providers", "поставщики веб-аналитики", "поставщиков веб-аналитики", "поставщикам веб-аналитики", "поставщиков веб-аналитики"),
		w4("public authorities", "государственные органы", "государственных органов", "государственным органам", "государственные органы"),
		w4("the Operator's legal advisers", "юридические консультанты Оператора", "юридических консультантов Оператора", "юридическим консультантам Оператора", "юридических консультантов Оператора"),
		w4("call centre contractors", "подрядчики колл-центра", "подрядчиков колл-центра", "подрядчикам колл-центра", "подрядчиков колл-центра"),
	},
	"purpose": {
		w("to process bookings", "для обработки бронирований"),
		w("to issue tickets", "для оформления билетов"),
		w("to accept payments and make refunds", "для приёма платежей и возврата средств"),
		w("to send notices of schedule changes", "для направления уведомлений об изменении расписания"),
		w("to answer support requests", "для ответа на обращения в службу поддержки"),
		w("to prevent fraud", "для предотвращения мошенничества"),
		w("to keep accounting records", "для ведения бухгалтерского учёта"),
		w("to improve the Service", "для улучшения работы Сервиса"),
		w("to measure the audience of the Service", "для измерения аудитории Сервиса"),
		w("to run the loyalty programme", "для ведения программы лояльности"),
		w("to verify the User's age", "для проверки возраста Пользователя"),
		w("to comply with court decisions", "для исполнения судебных решений"),
	},
	"way": {
		w("by e-mail to privacy@prichal.example", "по электронной почте на адрес privacy@prichal.example"),
		w("through the account", "через личный кабинет"),
		w("by registered post", "заказным письмом"),
		w("by text message", "SMS-сообщением"),
		w("through the chat in the mobile application", "через чат в мобильном приложении"),
		w("by e-mail", "по электронной почте"),
		w("by a push notification", "push-уведомлением"),
		w("through the feedback form on the website", "через форму обратной связи на сайте"),
	},
	"measure": {
		w("encryption of data in transit", "шифрование данных при передаче"),
		w("encryption of backups", "шифрование резервных копий"),
		w("role-based access for employees", "разграничение доступа сотрудников по ролям"),
		w("logging of every action with the databases", "журналирование действий с базами данных"),
		w("two-factor authentication for administrators", "двухфакторная аутентификация администраторов"),
		w("regular updates of software", "регулярное обновление программного обеспечения"),
		w("annual penetration tests", "ежегодные тесты на проникновение"),
		w("staff training on data protection", "обучение сотрудников правилам защиты данных"),
		w("antivirus protection of workstations", "антивирусная защита рабочих мест"),
		w("physical protection of server rooms", "физическая охрана серверных помещений"),
	},
	"techdata": {
		w("the IP address", "IP-адрес"),
		w("the type and version of the browser", "тип и версия браузера"),
		w("the device model", "модель устройства"),
		w("the operating system", "операционная система"),
		w("the date and time of the request", "дата и время запроса"),
		w("the addresses of the pages viewed", "адреса просмотренных страниц"),
		w("the address of the page the User came from", "адрес страницы, с которой выполнен переход"),
		w("the screen resolution", "разрешение экрана"),
		w("the interface language", "язык интерфейса"),
	},
	"right": {
		w("to receive information on how their data is processed", "получать сведения об обработке своих данных"),
		w("to require the correction of inaccurate data", "требовать исправления неточных данных"),
		w("to require the deletion of data processed without legal grounds", "требовать удаления данных, обрабатываемых без законных оснований"),
		w("to receive a copy of their data in a machine-readable form", "получать копию своих данных в машиночитаемом виде"),
		w("to refuse marketing messages", "отказываться от получения рекламных сообщений"),
		w("to withdraw their consent to processing", "отзывать согласие на обработку"),
		w("to require that processing be restricted while a complaint is checked", "требовать ограничения обработки на время проверки жалобы"),
		w("to learn which third parties have received their data", "узнавать, каким третьим лицам передавались его данные"),
		w("to delete their account", "удалять свою учётную запись"),
		w("to change the notification settings", "изменять настройки уведомлений"),
		w("to appeal against the Operator's actions", "обжаловать действия Оператора"),
	},
	"banned": {
		w("collect data from the Service by automated means", "собирать данные с Сервиса автоматизированными средствами"),
		w("resell tickets for profit", "перепродавать билеты с целью извлечения прибыли"),
		w("book seats with no intention of paying for them", "бронировать места без намерения их оплатить"),
		w("use another person's account", "пользоваться чужой учётной записью"),
		w("try to bypass the security measures of the Service", "пытаться обойти средства защиты Сервиса"),
		w("post reviews that contain insults or advertising", "размещать отзывы, содержащие оскорбления или рекламу"),
		w("provide knowingly false information", "сообщать заведомо ложные сведения"),
		w("create more than one account", "создавать более одной учётной записи"),
		w("interfere with the operation of the Service", "мешать работе Сервиса"),
		w("copy the materials of the Service for commercial use", "копировать материалы Сервиса для коммерческого использования"),
	},
	"cookie": {
		w("necessary cookies, which keep the User signed in", "необходимые — обеспечивают вход в личный кабинет"),
		w("functional cookies, which remember the interface language", "функциональные — запоминают язык интерфейса"),
		w("analytics cookies, which count visits", "аналитические — позволяют подсчитывать посещения"),
		w("session cookies, which are deleted when the browser is closed", "сеансовые — удаляются при закрытии браузера"),
		w("security cookies, which help to detect suspicious logins", "защитные — помогают выявлять подозрительные входы"),
		w("preference cookies, which remember the city of departure", "cookie настроек — запоминают город отправления"),
		w("performance cookies, which measure how fast pages load", "cookie производительности — измеряют время загрузки страниц"),
		w("advertising cookies, which are set only with the User's consent", "рекламные — устанавливаются только с согласия Пользователя"),
	},
	"notice": {
		w("booking confirmations", "подтверждения бронирований"),
		w("reminders of upcoming departures", "напоминания о предстоящих рейсах"),
		w("notices of schedule changes and cancellations", "уведомления об изменении расписания и отмене рейсов"),
		w("receipts for payments and refunds", "чеки об оплате и возврате"),
		w("replies to support requests", "ответы на обращения в службу поддержки"),
		w("marketing messages, if the User has agreed to receive them", "рекламные сообщения, если Пользователь согласился их получать"),
		w("requests to rate a trip", "просьбы оценить поездку"),
		w("alerts about logins from new devices", "уведомления о входе с нового устройства"),
	},
}

// docKind is a kind of policy: its slug, titles and the Russian forms of its
// short name.
type docKind struct {
	slug             string
	enTitle, ruTitle string
	enShort          string    // "Policy"
	ru               [6]string // nom, gen, dat, acc, ins, prep
	ruThis           [3]string // "настоящая Политика": nom, gen, prep
}

var docKinds = []docKind{
	{"privacy", "Privacy Policy", "Политика конфиденциальности", "Policy",
		[6]string{"Политика", "Политики", "Политике", "Политику", "Политикой", "Политике"},
		[3]string{"настоящая Политика", "настоящей Политики", "настоящей Политике"}},
	{"terms", "User Agreement", "Пользовательское соглашение", "Agreement",
		[6]string{"Соглашение", "Соглашения", "Соглашению", "Соглашение", "Соглашением", "Соглашении"},
		[3]string{"настоящее Соглашение", "настоящего Соглашения", "настоящем Соглашении"}},
	{"cookies", "Cookie Policy", "Политика использования файлов cookie", "Policy",
		[6]string{"Политика", "Политики", "Политике", "Политику", "Политикой", "Политике"},
		[3]string{"настоящая Политика", "настоящей Политики", "настоящей Политике"}},
	{"offer", "Public Offer", "Публичная оферта", "Offer",
		[6]string{"Оферта", "Оферты", "Оферте", "Оферту", "Офертой", "Оферте"},
		[3]string{"настоящая Оферта", "настоящей Оферты", "настоящей Оферте"}},
	{"loyalty", "Loyalty Programme Regulation", "Положение о программе лояльности", "Regulation",
		[6]string{"Положение", "Положения", "Положению", "Положение", "Положением", "Положении"},
		[3]string{"настоящее Положение", "настоящего Положения", "настоящем Положении"}},
	{"refunds", "Refund Policy", "Политика возврата средств", "Policy",
		[6]string{"Политика", "Политики", "Политике", "Политику", "Политикой", "Политике"},
		[3]string{"настоящая Политика", "настоящей Политики", "настоящей Политике"}},
}

var (
	enMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	ruMonths = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
		"августа", "сентября", "октября", "ноября", "декабря"}
)
