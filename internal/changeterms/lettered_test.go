package changeterms

import "testing"

// TestFromMarkdownGivesRepeatedClausesTheirNumbers gives terms whose
// section letter repeats by an editing slip, as real lettered terms have
// had: the blocks of the second section B belong to its own clauses, not
// to the last clause of the first B, which is the last one that carries
// an anchor.
func TestFromMarkdownGivesRepeatedClausesTheirNumbers(t *testing.T) {
	body := "# Terms of Service\n\n## A. Definitions\n\n### 1. Service\n\n\"Service\" means the hosting platform.\n\n" +
		"## B. Advertising\n\n### 1. Your pages\n\nYou may advertise your own projects on your pages.\n\n" +
		"### 2. Other pages\n\nYou may not advertise on the pages of others.\n\n### 3. Spam\n\nBulk messages are not allowed.\n\n" +
		"## B. Changes\n\n### 1. Our right to change\n\nWe may modify these Terms at any time.\n\n" +
		"### 2. Notice\n\nWe will give you 30 days' notice of material changes by posting a banner on the Website.\n\n" +
		"## C. Termination\n\n### 1. By you\n\nYou may close your account at any time.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "B.1"},
		{kind: NoticePeriod, clause: "B.2", days: 30, scope: Material},
		{kind: Notification, clause: "B.2", scope: Material, channels: []Channel{Site}},
	})
}

// TestAnalyzeReadsLetteredSections checks that a section's heading, here
// a lettered one, carries what its clauses speak of: "material changes"
// under "B. Changes" are the policy's, under "C. Prices" they are not.
func TestAnalyzeReadsLetteredSections(t *testing.T) {
	body := "# Terms\n\n## A. Definitions\n\n### 1. Service\n\n\"Service\" means the app.\n\n## B. Changes\n\n### 6. Our Right\n\nWe may modify these Terms at any time.\n\n" +
		"### 7. Notice\n\nWe will give you 14 days' notice of material changes by email.\n\n" +
		"### 8. Acceptance\n\nIf you keep using the Service after the changes take effect, you accept them.\n\n" +
		"## C. Prices\n\n### 1. Notice\n\nWe will give you 14 days' notice of material changes by email.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "B.6"},
		{kind: NoticePeriod, clause: "B.7", days: 14, scope: Material},
		{kind: Notification, clause: "B.7", scope: Material, channels: []Channel{Email}},
		{kind: ContinuedUse, clause: "B.8"},
	})
}

// TestAnalyzeReadsSectionsOfChangeAndTermination gives a section on both
// changing and ending an agreement, as Russian offers have: its notices of
// termination are no notice of changes.
func TestAnalyzeReadsSectionsOfChangeAndTermination(t *testing.T) {
	body := "# Договор-оферта\n\n## 9. Порядок изменения и расторжения Договора\n\n" +
		"9.1. Исполнитель вправе в одностороннем порядке изменять условия Оферты.\n\n" +
		"9.2. Изменения вступают в силу через 10 дней после их опубликования на Сайте.\n\n" +
		"9.3. Заказчик вправе расторгнуть Договор, уведомив Исполнителя за 30 дней.\n\n" +
		"9.4. Исполнитель вправе расторгнуть Договор, уведомив Заказчика не менее чем за 14 дней по электронной почте.\n"
	checkFindings(t, FromMarkdown(body), []want{
		{kind: Unilateral, clause: "9.1", consent: WithoutConsent},
		{kind: NoticePeriod, clause: "9.2", days: 10},
		{kind: Notification, clause: "9.2", channels: site},
	})
}
