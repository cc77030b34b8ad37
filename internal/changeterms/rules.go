package changeterms

import (
	"strings"
	"unicode/utf8"
)

// feature is a bit set of the roles a word can play in a change clause. A
// word can have several: "agreement" names the document and an acceptance,
// "notice" names the document or a notification, depending on its neighbours.
type feature uint64

const (
	// fChange: a word for changing something (change, amend, дополнить).
	fChange feature = 1 << iota
	// fEdition: a word for one edition of a text (редакция, version).
	fEdition
	// fDocName: a word that can name the policy (Политика, Terms, notice).
	// It does, and gets fDoc, when capitalised, as defined terms are, or
	// after a determiner ("данной политики", "this notice"); it does not in
	// "a notice", "important policy changes", "соглашений с Пользователями".
	fDocName
	fDoc
	// fModal: a word licensing an action (может, вправе, may, reserve).
	fModal
	// fDeterminer: a word that makes the next one name the policy.
	fDeterminer
	// fCompany and fUser: the actors; fBarrier ends a clause that an actor
	// could be the subject of ("…, что", "… that").
	fCompany
	fUser
	// fAgent: the company as the agent of a passive change ("вносятся
	// Оператором").
	fAgent
	fBarrier
	// fConditional: "if", which makes a company subject's change a rule
	// ("if we change this Policy") rather than news ("we're updating").
	fConditional
	// fObjBarrier: a word after which a document is not the object of a
	// nearby change ("in accordance with this Policy").
	fObjBarrier
	// fPosting and fApproval: what a new edition can take effect from.
	fPosting
	fApproval
	// fFrom: what a posting is the start of ("с момента размещения", "upon
	// posting").
	fFrom
	// fNotify: telling users.
	fNotify
	// fLook: the reader looking at something, which makes a nearby change
	// word the thing looked at ("may review the changes").
	fLook
	// fContinue, fUse and fAccept: continuing to use means accepting.
	fContinue
	fUse
	fAccept
	// fCurrent: the edition in force (действующая, current).
	fCurrent
	// fText: a text, which with fCurrent names the current edition.
	fText
	// fAvailable: where a text can be read (размещена, available).
	fAvailable
	// fPlace: a place on the web (сайт, page).
	fPlace
	// fLaw: a law, which makes an "unless otherwise" about something else.
	fLaw
	// fOther: "иное", "otherwise".
	fOther
	// fDay, fWeek and fMonth: units of a notice period; fFiller: words
	// between a number and its unit (календарных, business).
	fDay
	fWeek
	fMonth
	fFiller
	// fAfter: what follows in time ("использование после изменений", "use
	// following the changes"), which makes using continuing.
	fAfter
	// fImmediate: at once, which makes taking effect taking effect on
	// posting ("вступают в силу немедленно", "apply immediately").
	fImmediate
	// fMaterial: a qualifier that limits a rule to some changes ("material
	// changes", "существенные изменения").
	fMaterial
	// fNegation: a negation, which turns a statement about retroactivity or
	// an "if" clause around.
	fNegation
	// fEnd: ending or suspending something (расторгнуть, terminate),
	// which is what a sentence in a section on "changing and ending the
	// agreement" speaks of instead of changes.
	fEnd
	// fRetro: a word that a statement of retroactivity needs ("обратную
	// силу", "retroactively", "collected before"): without one, the slow
	// phrase is not looked for.
	fRetro
)

// lexicon is the table of stems per role. An entry is a word prefix; one
// ending in "$" must be the whole word; one starting with "!" keeps the
// words with that prefix out of the role (дополнительный is no change).
var lexicon = []struct {
	f     feature
	stems string
}{
	{fChange, "измен дополн !дополнительн обнов пересм корректир поправ актуализ " +
		"chang modif amend updat revis alter !alternat actualiz actualis"},
	{fEdition, "редакц верси edition edition$ editions$ version versions$"},
	{fDocName, "политик соглашени оферт договор правил !правильн регламент документ услови !условии уведомлени положени раздел " +
		"policy$ policies$ agreement agreements$ document documents$ eula$ rules$ regulations$ offer$ clause$ section$ " +
		"statement$ notice$ notices$ terms$ conditions$ addendum$ addenda$ dpa$ sla$ aup$"},
	{fDeterminer, "настоящ данн эт наш нов указанн " +
		"this$ these$ our$ the$ its$ such$ privacy$ cookie$ cookies$ revised$ updated$ new$ " +
		"user$ license$ licence$ service$ website$"},
	{fModal, "может$ могут$ можем$ вправе$ право$ праве$ придется$ вынужден " +
		"may$ can$ might$ could$ reserve reserves$ right$ entitled$ subject$"},
	{fCompany, "мы$ нам$ компания$ оператор$ администрация$ администратор$ общество$ " +
		"исполнитель$ владелец$ правообладатель$ лицензиар$ " +
		"we$ company$ operator$ administration$ administrator$ owner$ licensor$"},
	{fAgent, "компанией$ оператором$ администрацией$ администратором$ обществом$ исполнителем$ нами$"},
	{fUser, "пользователь$ пользователи$ вы$ субъект$ клиент$ заказчик$ покупатель$ абонент$ участник$ лицензиат$ " +
		"you$ user$ users$ customer$ customers$ visitor$ visitors$"},
	{fBarrier, "что$ чтобы$ which$ that$"},
	{fConditional, "если$ когда$ случае$ if$ when$ whenever$ once$"},
	{fObjBarrier, "соответств согласно$ предусмотр описан регулир accordance$ according$ described$ " +
		"under$ pursuant$ govern"},
	{fPosting, "размещ опублик публикац публику публиков выклад " +
		"post$ posts$ posted$ posting$ publish publication placement$ placing$ placed$"},
	{fFrom, "с$ со$ момента$ дня$ после$ from$ since$ upon$ after$ once$ on$ when$"},
	{fApproval, "утвер подпис approv sign$ signed$ signing$ signature adopt"},
	{fNotify, "уведом оповещ извещ информир сообщ !сообществ предупре объяв " +
		"notif notice$ notices$ inform$ informs$ informed$ informing$ announc alert$ alerts$ tell$"},
	{fLook, "ознаком узна провер следит следить отслеж просматр " +
		"review read$ see$ view$ find$ check$ know$ look$"},
	// "Keep" continues only a use right after it ("keep using", "keep on
	// using"): continuedUse checks that, since "you keep ownership" is no
	// continuing.
	{fContinue, "продолж !продолжительн дальнейш continu !continuity !continuous further$ subsequent$ keep$ keeps$ keeping$"},
	{fUse, "использ пользова !пользовател посещ доступ " +
		"use$ uses$ using$ usage$ access accessing$ visit play$ playing$"},
	{fAccept, "соглас соглаша приня принят приним акцепт " +
		"accept agree agreement consent bound$"},
	{fCurrent, "действующ актуальн текущ последн current$ latest$ recent$ actual$"},
	{fText, "текст text$"},
	{fAvailable, "размещ доступ опублик наход публику публиков " +
		"placed$ available$ posted$ published$ located$ find$ found$ accessible$ viewed$ accessed$"},
	{fPlace, "сайт веб страниц портал интернет " +
		"website websites$ site$ sites$ page$ pages$ homepage$ web$ online$"},
	{fLaw, "закон законодат норматив law$ laws$ legislation$ legal$ regulation regulator statut court"},
	{fOther, "иное$ иной$ иная$ иные$ иного$ иным$ иную$ иначе$ другой$ другая$ другую$ другое$ другие$ поздн " +
		"other$ otherwise$ another$ different$ differently$ later$"},
	{fDay, "дн день$ сут day$ days$"},
	{fWeek, "недел week$ weeks$"},
	{fMonth, "месяц month$ months$"},
	{fFiller, "календарн рабоч банковск полн последовательн " +
		"calendar$ working$ business$ full$ consecutive$ least$ minimum$"},
	{fAfter, "после$ after$ following$"},
	{fImmediate, "немедленн незамедлительн сразу$ immediately$ instantly$ forthwith$"},
	{fMaterial, "существенн значительн важн " +
		"material$ materially$ adverse$ adversely$ essential$ substantive$ substantively$ substantial$ substantially$ significant$ significantly$ important$ major$"},
	{fNegation, "не$ ни$ нет$ без$ not$ no$ never$ without$ t$"},
	{fEnd, "расторг расторж прекращ приостан terminat suspend suspension$ discontinu cancel"},
	{fRetro, "ретроактивн ретроспективн обратн независимо ранее уже$ ещ возникш заключенн собранн полученн предоставленн " +
		"retroactiv retrospectiv regardless$ irrespective$ previously$ already$ yet$ " +
		"collected$ obtained$ received$ provided$ gathered$ accrued$ arose$ arisen$"},
}

// numberWords are the counts a notice period is written with when it has
// no digits. Tens are combined with a following unit ("двадцать пять").
var numberWords = map[string]int{
	"один": 1, "одного": 1, "одну": 1, "одна": 1, "одни": 1, "одних": 1,
	"два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4,
	"пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
	"восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
	"четырнадцать": 14, "четырнадцати": 14, "пятнадцать": 15, "пятнадцати": 15,
	"двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30,
	"сорок": 40, "сорока": 40, "шестьдесят": 60, "шестидесяти": 60,
	"девяносто": 90, "девяноста": 90,
	"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "sixty": 60, "ninety": 90,
}

// stem is one compiled lexicon entry.
type stem struct {
	prefix string
	exact  bool
	not    bool
	f      feature
}

// stemIndex holds the lexicon by the first two letters of each stem, so a
// word is compared only with the stems that can match it. Letters, not
// bytes: a Russian letter takes two, and by one letter a Russian word
// would be compared with hundreds of stems. A stem of one letter must be
// a whole word ("с$"), so that a longer word need not look it up.
var stemIndex = func() map[uint64][]stem {
	idx := map[uint64][]stem{}
	for _, e := range lexicon {
		for _, s := range strings.Fields(e.stems) {
			st := stem{f: e.f}
			if st.not = strings.HasPrefix(s, "!"); st.not {
				s = s[1:]
			}
			if st.exact = strings.HasSuffix(s, "$"); st.exact {
				s = s[:len(s)-1]
			}
			if utf8.RuneCountInString(s) < 2 && !st.exact {
				panic("changeterms: a stem of one letter must be a whole word: " + s)
			}
			st.prefix = s
			k := key(s)
			idx[k] = append(idx[k], st)
		}
	}
	return idx
}()

// key is the index key of a word or stem: its first two letters, or its
// one.
func key(s string) uint64 {
	r1, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	if r2 == utf8.RuneError {
		r2 = 0
	}
	return uint64(r1)<<32 | uint64(r2)
}

// features returns the roles of one normalised word.
func features(w string) feature {
	var on, off feature
	for _, st := range stemIndex[key(w)] {
		if st.exact && w != st.prefix || !strings.HasPrefix(w, st.prefix) {
			continue
		}
		if st.not {
			off |= st.f
		} else {
			on |= st.f
		}
	}
	return on &^ off
}
