// Package api defines the machine-readable documents the site publishes
// for crawlers, archives and compliance tools: an edition, its changes, a
// policy's feeds and the site index. They are a public API. The order of a
// struct's fields is the order of the keys in the output; a field once
// published keeps its name and its type, new fields are only ever added,
// and SchemaVersion says which shape a document has. The JSON Schemas that
// describe them are in schema/ and are published with the site.
package api

// SchemaVersion is the shape of the documents this package writes. It
// changes only if a field had to change meaning, which the contract forbids;
// adding fields leaves it as it is.
const SchemaVersion = 1

// Ref points to another edition of the same policy and language.
type Ref struct {
	ID      string `json:"id"`
	URL     string `json:"url"`
	JSONURL string `json:"json_url"`
}

// Edition is /{lang}/{policy}/{id}/index.json: one edition, exactly.
type Edition struct {
	SchemaVersion int    `json:"schema_version"`
	Policy        string `json:"policy"`
	Lang          string `json:"lang"`
	ID            string `json:"id"`
	Title         string `json:"title"`
	// URL is the edition's HTML page, which never moves.
	URL       string `json:"url"`
	JSONURL   string `json:"json_url"`
	PolicyURL string `json:"policy_url"`
	// Posted and Effective are RFC 3339 moments.
	Posted    string `json:"posted"`
	Effective string `json:"effective"`
	// Status is in_force, superseded or upcoming as of the build.
	Status string `json:"status"`
	// Previous and Next are the neighbours in the policy's history. An
	// edition has SupersededBy only when its status is superseded: it is the
	// edition that applied right after it, which may be a later one than
	// Next when Next was itself replaced before it took effect.
	Previous     *Ref `json:"previous"`
	Next         *Ref `json:"next"`
	SupersededBy *Ref `json:"superseded_by"`
	// SourcePath is the file the edition was published from, relative to
	// the repository; SourceSHA256 is the hash of its bytes exactly.
	SourcePath   string `json:"source_path"`
	SourceSHA256 string `json:"source_sha256"`
	// TextSHA256 is the hash of Text in UTF-8.
	TextSHA256 string `json:"text_sha256"`
	// TextURL serves Text alone, as text/plain.
	TextURL string `json:"text_url"`
	// Summary is the authors' own note on the edition; ChangesSummary is the
	// one the site writes from the redline. Either may be empty.
	Summary        string `json:"summary"`
	ChangesSummary string `json:"changes_summary"`
	// Markdown is the body after the front matter, with LF line endings.
	Markdown string `json:"markdown"`
	// Text is the plain text that redlines compare: one paragraph per block,
	// blocks separated by a blank line.
	Text string `json:"text"`
	// Blocks, Links and Styles are what Text does not show of the
	// Markdown: how each block is set, where each link points, which runs
	// are emphasised. Every Start and End is a UTF-8 byte offset into
	// Text (not a count of characters or UTF-16 units), a range
	// [Start, End) on character boundaries. Redlines compare them too.
	Blocks       []TextBlock   `json:"blocks"`
	Links        []TextLink    `json:"links"`
	Styles       []TextStyle   `json:"styles"`
	Clauses      []Clause      `json:"clauses"`
	Translations []Translation `json:"translations"`
	// ChangesURL is the redline against the previous edition, as HTML and as
	// JSON; both are null for the first edition.
	ChangesURL     *string `json:"changes_url"`
	ChangesJSONURL *string `json:"changes_json_url"`
	// ChangeTerms is what the edition says about how the policy changes and
	// when a new edition takes effect.
	ChangeTerms ChangeTerms `json:"change_terms"`
}

// TextBlock is one block of an edition's Text and how it is set. Blocks
// has one per block, in order: Text[Start:End] is the block without the
// blank line after it.
type TextBlock struct {
	// Form is "h1" to "h6" for a heading, "p" for a paragraph, "li" for
	// an item of a bulleted list, "oli" of a numbered one, "tr" for a
	// table row ("th" for a header row), "dt" and "dd" for a definition
	// list's term and description, "pre" for code, "html" for raw HTML's
	// text; each block quote around it adds "quote " in front ("quote
	// p"). Other forms may appear: a reader should take an unknown one
	// for a paragraph.
	Form  string `json:"form"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// TextLink is a link: Text[Start:End] is its text, Target its address as
// the Markdown writes it (relative, an anchor, mailto:…). Links are in
// order of Start.
type TextLink struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Target string `json:"target"`
}

// TextStyle is an emphasised run: Text[Start:End] set as Kind, which is
// "strong", "em", "del" (struck through) or "code". Styles are in order
// of Start and may nest.
type TextStyle struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ChangeTerms classifies an edition's clauses on its own amendment. Every
// field is false, empty or null when the edition says nothing of the kind.
type ChangeTerms struct {
	// Unilateral: the company may change the policy on its own; Consent says
	// whether the user's consent is needed ("without", "with"), or is empty
	// when the text does not say.
	Unilateral bool   `json:"unilateral"`
	Consent    string `json:"consent"`
	// EffectiveOnPosting: a new edition takes effect from the moment it is
	// posted; UnlessOtherwise: unless the new edition provides otherwise.
	EffectiveOnPosting bool `json:"effective_on_posting"`
	UnlessOtherwise    bool `json:"unless_otherwise"`
	// NoticeDays is the notice period a new edition waits before it takes
	// effect, in days.
	NoticeDays *int `json:"notice_days"`
	// NoticeScope says which changes that period is for: "" every change,
	// "material" only material ones (when a text gives one period for
	// every change and a longer one for material changes, NoticeDays is
	// the longer; Findings give each).
	NoticeScope string `json:"notice_scope"`
	// Notification lists how users are told of changes: site, email, other,
	// or none when the text says changes come without notice.
	Notification []string `json:"notification"`
	// ContinuedUse: continuing to use the service means accepting a change.
	ContinuedUse bool `json:"continued_use"`
	// PublishedAt is where the edition says its current edition is
	// published: an address, "" when it names no address, or null when it
	// does not say.
	PublishedAt *string `json:"published_at"`
	// Retroactive: the text says a change may apply to what happened
	// before it took effect.
	Retroactive bool `json:"retroactive"`
	// Findings are the sentences these come from, in the text's order.
	Findings []ChangeTermFinding `json:"findings"`
}

// ChangeTermFinding is one thing one sentence of an edition says about
// changes.
type ChangeTermFinding struct {
	// Kind is unilateral, effective_on_posting, unless_otherwise,
	// notice_period, notification, continued_use, published_at or
	// retroactive.
	Kind string `json:"kind"`
	// Clause is the number of the clause it is in, empty for unnumbered
	// text; URL then links nowhere and is empty too.
	Clause   string `json:"clause"`
	URL      string `json:"url"`
	Sentence string `json:"sentence"`
	// Consent is what a unilateral finding says of the user's consent:
	// "without", "with", or "" when it does not say (and for other kinds).
	Consent string `json:"consent"`
	// Days is a notice_period finding's period; null for other kinds.
	Days *int `json:"days"`
	// Scope is "material" when a notice_period or notification finding is
	// for material changes only; "" for every change (and other kinds).
	Scope string `json:"scope"`
	// Channels are a notification finding's ways of telling users, as in
	// ChangeTerms.Notification; empty for other kinds.
	Channels []string `json:"channels"`
	// Address is the address a published_at finding gives, "" when it
	// gives none (and for other kinds).
	Address string `json:"address"`
}

// Clause is a numbered clause of an edition.
type Clause struct {
	// Number is "3.4.1", without a final dot.
	Number string `json:"number"`
	// Anchor is its id in the edition's page; URL links straight to it.
	Anchor string `json:"anchor"`
	URL    string `json:"url"`
	// Heading is the heading's text when the clause is a section heading,
	// its number left out; empty for a numbered paragraph.
	Heading string `json:"heading"`
	// Text is the clause's own plain text, up to the next numbered clause.
	Text string `json:"text"`
}

// Translation is the same edition in another language.
type Translation struct {
	Lang    string `json:"lang"`
	ID      string `json:"id"`
	URL     string `json:"url"`
	JSONURL string `json:"json_url"`
}

// Changes is /{lang}/{policy}/{id}/changes.json: the redline of an edition
// against the previous one. Concatenating the texts of the equal and delete
// operations gives the previous edition's text; of the equal and insert
// operations, this edition's: operations that mark paragraph breaks or
// formatting are text like any other, so this holds with them too. What
// the texts do not show, a link's address and a paragraph's formatting,
// is in Links and Formats.
type Changes struct {
	SchemaVersion int    `json:"schema_version"`
	Policy        string `json:"policy"`
	Lang          string `json:"lang"`
	// URL is the redline's HTML page.
	URL  string `json:"url"`
	From Ref    `json:"from"`
	To   Ref    `json:"to"`
	// Summary says what changed in the document's language.
	Summary string `json:"summary"`
	// Same is true when nothing but spacing and line endings differs: no
	// word, paragraph break, link address or formatting.
	Same bool `json:"same"`
	// ChangeTermsChanged is true when the two editions say different things
	// about how the policy changes; Summary then says so first.
	ChangeTermsChanged bool            `json:"change_terms_changed"`
	Stats              Stats           `json:"stats"`
	Clauses            []ChangedClause `json:"clauses"`
	Moves              []Move          `json:"moves"`
	Ops                []Op            `json:"ops"`
	// Links are the links whose address changed while their text stayed,
	// at least in part, in the new edition's order.
	Links []LinkChange `json:"links"`
	// Formats are the paragraphs whose formatting changed, in order.
	Formats []FormatChange `json:"formats"`
}

// Op is one operation: equal, insert or delete, and its text.
type Op struct {
	Op   string `json:"op"`
	Text string `json:"text"`
	// Minor marks a change only of ё/е or of a dash's form.
	Minor bool `json:"minor,omitempty"`
	// Renumber marks the old or new number of a renumbered clause.
	Renumber bool `json:"renumber,omitempty"`
	// Move pairs the delete and the insert of a paragraph that moved; it is
	// the id of an entry in Moves.
	Move int `json:"move,omitempty"`
	// Break marks a paragraph break inserted (a paragraph split in two) or
	// deleted (two joined), and the space that stands for it on the other
	// side: its text is white space only, never words.
	Break bool `json:"break,omitempty"`
	// Format marks a list item's bullet gained or lost as it became a
	// paragraph or the other way round: formatting, not words.
	Format bool `json:"format,omitempty"`
}

// ChangedClause is a clause of the redline and what happened to it. Every
// operation belongs to exactly one clause, in order.
type ChangedClause struct {
	// Number is the clause's number in the new edition, empty when it was
	// deleted or is the text before the first clause; OldNumber is its number
	// in the previous edition, empty when it was inserted.
	Number    string `json:"number"`
	OldNumber string `json:"old_number"`
	// Anchor is the clause's id in the redline's HTML page.
	Anchor string `json:"anchor"`
	Title  string `json:"title"`
	// Change is, from least to most, unchanged, minor (only ё/е or a
	// dash's form), renumbered (only its number), moved (only paragraphs
	// moved in or out), formatted (only formatting or paragraph breaks:
	// a changed link address is a change), changed, inserted or deleted.
	Change string `json:"change"`
	// Ops is the half-open range [start, end) of its operations in Ops.
	Ops [2]int `json:"ops"`
}

// Move is a paragraph that moved from one clause to another.
type Move struct {
	ID int `json:"id"`
	// From and To index Clauses.
	From int `json:"from"`
	To   int `json:"to"`
	// Ops, when the paragraph was also edited, is the redline between its
	// old and its new text.
	Ops []Op `json:"ops"`
}

// LinkChange is a link whose address changed while its text stayed, at
// least in part: re-pointed, made a link, or no longer one.
type LinkChange struct {
	// Clause indexes Clauses: the clause the link is in.
	Clause int `json:"clause"`
	// Op indexes Ops: the operation that ends the link's text, after
	// which a reader shows the change.
	Op int `json:"op"`
	// Text is the link's text in this edition, or in the previous one
	// when the link is gone.
	Text string `json:"text"`
	// Old and New are the addresses as the Markdown writes them; "" when
	// the text was not a link in that edition.
	Old string `json:"old"`
	New string `json:"new"`
}

// FormatChange is a paragraph whose formatting changed: a heading's
// level, a heading turned into a bold line, a list item into a
// paragraph, its emphasis.
type FormatChange struct {
	// Clause indexes Clauses: the clause the paragraph is in.
	Clause int `json:"clause"`
	// Op indexes Ops: the paragraph's first operation.
	Op int `json:"op"`
	// Old and New are how the paragraph is set in each edition: a block
	// form of the edition's blocks ("h2", "p", "li", …), with " strong"
	// or " em" after it when the whole paragraph is emphasised ("p
	// strong": a bold line), and the forms of a paragraph split or joined
	// joined by "+" ("p+li"). They are equal when only Emphasis changed.
	Old string `json:"old"`
	New string `json:"new"`
	// Emphasis is true when emphasis inside the paragraph changed.
	Emphasis bool `json:"emphasis"`
}

// Stats counts what changed. Changed, Inserted, Deleted, Renumbered,
// Minor, Formatted and Unchanged count clauses by their Change; the other
// counts say how many of what they name there are, whatever the Change of
// the clauses they are in. Its fields are redline.Stats's, in the same
// order, so that one converts to the other.
type Stats struct {
	Changed    int `json:"changed"`
	Inserted   int `json:"inserted"`
	Deleted    int `json:"deleted"`
	Renumbered int `json:"renumbered"`
	// Moved counts the paragraphs that moved: the entries of Moves.
	Moved     int `json:"moved"`
	Minor     int `json:"minor"`
	Unchanged int `json:"unchanged"`
	// WordsDeleted and WordsInserted count words struck out and inserted,
	// minor changes, moved paragraphs, paragraph breaks, bullets and
	// clause numbers left out.
	WordsDeleted  int `json:"words_deleted"`
	WordsInserted int `json:"words_inserted"`
	// Formatted counts the clauses whose change is formatted.
	Formatted int `json:"formatted"`
	// NumbersChanged counts the clauses whose number changed, whatever
	// else did: a clause renumbered and reworded counts here and in
	// Changed.
	NumbersChanged int `json:"numbers_changed"`
	// LinksChanged counts Links.
	LinksChanged int `json:"links_changed"`
	// BreaksInserted and BreaksDeleted count paragraph breaks inserted
	// (paragraphs split) and deleted (paragraphs joined).
	BreaksInserted int `json:"breaks_inserted"`
	BreaksDeleted  int `json:"breaks_deleted"`
}

// Index is /policies.json: every policy, language and edition, so that one
// request shows a crawler the whole site.
type Index struct {
	SchemaVersion int             `json:"schema_version"`
	BaseURL       string          `json:"base_url"`
	Languages     []IndexLanguage `json:"languages"`
	Policies      []IndexPolicy   `json:"policies"`
	// Schemas gives the URL of each document's JSON Schema.
	Schemas Schemas `json:"schemas"`
}

// IndexLanguage is a site language.
type IndexLanguage struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Title is the site's title in this language.
	Title string `json:"title"`
	URL   string `json:"url"`
}

// IndexPolicy is one policy in every language it is published in.
type IndexPolicy struct {
	Slug      string            `json:"slug"`
	Languages []IndexPolicyLang `json:"languages"`
}

// IndexPolicyLang is a policy in one language.
type IndexPolicyLang struct {
	Lang string `json:"lang"`
	// Title is the title of the edition in force, or of the latest one when
	// none is in force yet.
	Title   string `json:"title"`
	URL     string `json:"url"`
	FeedURL string `json:"feed_url"`
	AtomURL string `json:"atom_url"`
	// InForce is the id of the edition in force, null when none is yet.
	InForce *string `json:"in_force"`
	// Editions are in the order of the policy's history, oldest first.
	Editions []IndexEdition `json:"editions"`
}

// IndexEdition is an edition as the index lists it.
type IndexEdition struct {
	ID             string  `json:"id"`
	Title          string  `json:"title"`
	Status         string  `json:"status"`
	Posted         string  `json:"posted"`
	Effective      string  `json:"effective"`
	URL            string  `json:"url"`
	JSONURL        string  `json:"json_url"`
	TextURL        string  `json:"text_url"`
	ChangesURL     *string `json:"changes_url"`
	ChangesJSONURL *string `json:"changes_json_url"`
	SourceSHA256   string  `json:"source_sha256"`
	TextSHA256     string  `json:"text_sha256"`
}

// Schemas are the URLs of the published JSON Schemas.
type Schemas struct {
	Edition  string `json:"edition"`
	Changes  string `json:"changes"`
	Feed     string `json:"feed"`
	Policies string `json:"policies"`
}
