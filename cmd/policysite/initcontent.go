package main

import (
	"bytes"
	"fmt"
	"io/fs"

	"policysite"
	"policysite/internal/policy"
)

// siteText is what a new site says in one language.
type siteText struct {
	name, title, company string
	// home and about are the pages' front matter titles and texts; about
	// holds placeholders marked CHANGE ME.
	homeTitle, home   string
	aboutTitle, about string
}

// siteTexts are the languages policysite has strings for.
var siteTexts = map[policy.Lang]siteText{
	"ru": {
		name: "Русский", title: "Правовые документы", company: "CHANGE ME: название компании",
		homeTitle:  "Правовые документы",
		home:       "Здесь собраны правовые документы компании вместе со всеми их редакциями, от самой первой до действующей.\n\nУ каждой редакции указано, когда она была размещена на сайте и с какого момента начала действовать. Страницы редакций с датой в адресе постоянны: на них можно ссылаться.\n",
		aboutTitle: "О сайте",
		about:      "## Оператор\n\nCHANGE ME: кто ведёт сайт — название компании, ОГРН, ИНН, адрес.\n\n## Как связаться\n\nCHANGE ME: адрес для вопросов о документах.\n\n## Что означают даты\n\n**Размещена** — момент, когда редакция была опубликована на этом сайте.\n\n**Действует с** — момент, с которого редакция начинает применяться. Если в самой редакции не сказано иное, она вступает в силу в момент размещения.\n",
	},
	"en": {
		name: "English", title: "Legal documents", company: "CHANGE ME: the company's name",
		homeTitle:  "Legal documents",
		home:       "This site holds the company's legal documents, together with every edition of each, from the very first to the one in force today.\n\nEach edition shows when it was posted on the site and when it took effect. The dated page of each edition is permanent: you can link to it.\n",
		aboutTitle: "About this site",
		about:      "## Operator\n\nCHANGE ME: who runs this site: the company's name, registration numbers and address.\n\n## Contact\n\nCHANGE ME: where to send questions about the documents.\n\n## What the dates mean\n\n**Posted** is the moment an edition was published on this site.\n\n**Effective** is the moment an edition starts to apply. Unless an edition says otherwise, it takes effect when it is posted.\n",
	},
}

// contentPages are the home and about pages of a new site in l.
func contentPages(l initLang) (home, about string) {
	t, ok := siteTexts[policy.Lang(l.Code)]
	mark := ""
	if !ok {
		t = siteTexts["en"]
		mark = "CHANGE ME: translate this page.\n\n"
	}
	page := func(title, text string) string {
		return fmt.Sprintf("---\ntitle: %q\n---\n\n%s%s", title, mark, text)
	}
	return page(t.homeTitle, t.home), page(t.aboutTitle, t.about)
}

// untranslatedStrings is i18n/<code>.toml for a language policysite has no
// strings for: the built-in theme's English strings, to translate.
func untranslatedStrings(code string) ([]byte, error) {
	en, err := fs.ReadFile(policysite.Theme(), "i18n/en.toml")
	if err != nil {
		return nil, fmt.Errorf("init: the built-in theme's i18n/en.toml: %w", err)
	}
	head := fmt.Sprintf("# CHANGE ME: the interface strings in %s, copied from the English ones:\n# translate each `other` (and each plural form your language has).\n\n", code)
	return append([]byte(head), bytes.TrimLeft(en, "\n")...), nil
}
