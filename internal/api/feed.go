package api

import "encoding/xml"

// JSONFeedVersion is the version URL that JSON Feed 1.1 documents carry.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// Feed is /{lang}/{policy}/feed.json, a JSON Feed 1.1 of a policy's
// editions in one language, newest first.
type Feed struct {
	Version     string   `json:"version"`
	Title       string   `json:"title"`
	HomePageURL string   `json:"home_page_url"`
	FeedURL     string   `json:"feed_url"`
	Description string   `json:"description"`
	Language    string   `json:"language"`
	Authors     []Author `json:"authors"`
	Items       []Item   `json:"items"`
}

// Author is the company that publishes the policy.
type Author struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Item is one edition in a feed.
type Item struct {
	// ID is the edition page's permanent URL, as is URL.
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title"`
	// ContentHTML says what changed and links the redline.
	ContentHTML string `json:"content_html"`
	// DatePublished is the moment the edition was posted.
	DatePublished string        `json:"date_published"`
	Language      string        `json:"language"`
	Ext           ItemExtension `json:"_policysite"`
}

// ItemExtension is the feed's `_policysite` extension: what JSON Feed has no
// field for.
type ItemExtension struct {
	// About is the URL of the schema that describes the extension, as JSON
	// Feed asks of extensions.
	About     string `json:"about"`
	Policy    string `json:"policy"`
	ID        string `json:"id"`
	Effective string `json:"effective"`
	Status    string `json:"status"`
	JSONURL   string `json:"json_url"`
	// ChangesURL is the redline against the previous edition, left out for
	// the first edition.
	ChangesURL string `json:"changes_url,omitempty"`
}

// AtomNS is the Atom namespace.
const AtomNS = "http://www.w3.org/2005/Atom"

// Atom is /{lang}/{policy}/index.xml, an Atom feed (RFC 4287) of the same
// editions as Feed, for people's feed readers.
type Atom struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []AtomLink  `xml:"link"`
	Author   AtomPerson  `xml:"author"`
	Entries  []AtomEntry `xml:"entry"`
}

// AtomLink is an atom:link.
type AtomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
}

// AtomPerson is an atom:author.
type AtomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

// AtomEntry is one edition.
type AtomEntry struct {
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Published string      `xml:"published"`
	Updated   string      `xml:"updated"`
	Links     []AtomLink  `xml:"link"`
	Content   AtomContent `xml:"content"`
}

// AtomContent is HTML carried as escaped text.
type AtomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}
