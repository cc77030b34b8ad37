package preview

import (
	"strings"
	"testing"
)

// draftEdition is edition with `draft: true` and a posted moment.
func draftEdition(name, title, posted, text string) string {
	return strings.Replace(edition(name, title, text), "title: "+title+"\n", "title: "+title+"\nposted: "+posted+"\ndraft: true\n", 1)
}

// TestPreviewShowsUnpublishedUnderABanner: by default, the preview shows
// a draft, even one posted long ago, and an edition posted later than
// now, each under a banner saying so in the page's language; editions
// the site publishes carry no banner.
func TestPreviewShowsUnpublishedUnderABanner(t *testing.T) {
	root := repo(t, siteFiles+firstEdition+
		draftEdition("versions/terms/2024-05-20.ru.md", "Условия", "2024-05-20", "Черновик условий.")+
		draftEdition("versions/terms/2024-05-20.en.md", "Terms", "2024-05-20", "A draft of the terms.")+
		strings.Replace(edition("versions/terms/2024-07-01.ru.md", "Условия", "Будущий текст условий."), "title: Условия\n", "title: Условия\nposted: 2024-07-01T10:00:00+03:00\n", 1)+
		strings.Replace(edition("versions/terms/2024-07-01.en.md", "Terms", "The future text of the terms."), "title: Terms\n", "title: Terms\nposted: 2024-07-01T10:00:00+03:00\n", 1))
	p := start(t, root, Options{Now: now})

	p.serves(t, "/ru/terms/2024-05-20/", 200, "notice-unpublished", "Черновик, не опубликован", "Черновик условий.")
	p.serves(t, "/en/terms/2024-05-20/", 200, "notice-unpublished", "Draft, not published", "A draft of the terms.")
	p.serves(t, "/ru/terms/2024-07-01/", 200, "notice-unpublished", "Ещё не опубликована: сайт опубликует эту редакцию 1 июля 2024", "Будущий текст условий.")
	// The draft is in force in the preview, and its policy's page says
	// that it is a draft too.
	p.serves(t, "/ru/terms/", 200, "notice-unpublished", "Черновик, не опубликован", "Черновик условий.")
	for _, path := range []string{"/ru/terms/2024-01-10/", "/en/terms/2024-01-10/"} {
		if r := p.serves(t, path, 200); strings.Contains(r.body, "notice-unpublished") {
			t.Errorf("%s, published, shows the banner of an unpublished edition", path)
		}
	}
	if s := p.stderr.String(); s != "" {
		t.Errorf("stderr = %q, want nothing: a draft is no problem", s)
	}
}
