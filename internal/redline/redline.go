// Package redline computes word-level redlines between two editions of a
// policy: which words were struck out and which inserted, grouped by clause,
// with renumbered clauses and moved paragraphs recognised. It is the only
// package that imports go-diff, and it uses go-diff's Myers diff alone: no
// timeout (results never depend on the clock), no Patch functions, and no
// character-level clean-up. Every input is first normalised and split into
// tokens; go-diff only ever sees one rune per token.
package redline

import (
	"slices"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"policysite/internal/clause/clausetext"
	"policysite/internal/textmark"
)

// Kind says what an operation does.
type Kind string

// The operations. Concatenating the texts of the Equal and Delete operations
// of a Result gives the old text; of the Equal and Insert ones, the new text.
const (
	Equal  Kind = "equal"
	Insert Kind = "insert"
	Delete Kind = "delete"
)

// Op is one operation of a redline.
type Op struct {
	Op   Kind   `json:"op"`
	Text string `json:"text"`
	// Minor marks a change only of ё/е or of a dash's form.
	Minor bool `json:"minor,omitempty"`
	// Renumber marks the old or new number of a clause whose number changed.
	Renumber bool `json:"renumber,omitempty"`
	// Move, when not zero, pairs the Delete of a paragraph that moved with
	// the Insert where it now stands.
	Move int `json:"move,omitempty"`
	// Break marks a paragraph break inserted (a paragraph split) or
	// deleted (two joined), and the space that stands for it on the other
	// side: white space only, never words.
	Break bool `json:"break,omitempty"`
	// Format marks a list's bullet gained or lost as a list item became a
	// paragraph or the other way round: formatting, not words.
	Format bool `json:"format,omitempty"`
}

// Change says how a clause or a paragraph changed.
type Change string

// The changes, from none to most.
const (
	Unchanged  Change = "unchanged"
	Minor      Change = "minor"      // only ё/е or dash forms
	Renumbered Change = "renumbered" // only its number
	Moved      Change = "moved"      // only paragraphs moved in or out
	Formatted  Change = "formatted"  // only formatting or paragraph breaks
	Changed    Change = "changed"
	Inserted   Change = "inserted"
	Deleted    Change = "deleted"
)

// Clause is a numbered clause (or the text before the first one) and the
// operations that belong to it.
type Clause struct {
	// Number is the clause's number in the new edition ("3.4.1"), empty when
	// it was deleted or is the untitled text before the first clause.
	Number string `json:"number"`
	// OldNumber is its number in the old edition, empty when inserted.
	OldNumber string `json:"old_number"`
	// Anchor is the id of the clause in the redline's HTML.
	Anchor string `json:"anchor"`
	// Title is the start of the clause's first paragraph, for lists.
	Title  string `json:"title"`
	Change Change `json:"change"`
	// Ops is the half-open range [start, end) of the clause's operations.
	Ops [2]int `json:"ops"`

	paras [2]int // its paragraphs in Result.paras
}

// Move is a paragraph that moved: its Delete and Insert operations share
// the ID. Ops, when the paragraph was also edited, is the redline between
// its old and new text.
type Move struct {
	ID int `json:"id"`
	// From and To are the indexes of the clauses it left and joined.
	From int  `json:"from"`
	To   int  `json:"to"`
	Ops  []Op `json:"ops,omitempty"`
}

// LinkChange is a link whose address changed while its text stayed (in
// part at least): re-pointed, made a link, or no longer one.
type LinkChange struct {
	// Clause is the index of the clause it belongs to.
	Clause int `json:"clause"`
	// Op is the index of the operation after which the change is shown:
	// the one that ends the link's text.
	Op int `json:"op"`
	// Text is the link's text in the new edition, or in the old one when
	// the link is gone.
	Text string `json:"text"`
	// Old and New are the addresses; "" when the text was not a link on
	// that side.
	Old string `json:"old"`
	New string `json:"new"`
}

// FormatChange is a paragraph whose setting changed: a heading's level, a
// heading turned into a bold line, a list item into a paragraph, its
// emphasis.
type FormatChange struct {
	// Clause is the index of the clause it belongs to.
	Clause int `json:"clause"`
	// Op is the index of the paragraph's first operation.
	Op int `json:"op"`
	// Old and New are how the paragraph is set on each side: the forms of
	// internal/textmark ("h2", "p", "li", …), with " strong" or " em"
	// after one when the whole block is emphasised ("p strong": a bold
	// line), and the forms of a paragraph split or joined joined by "+".
	Old string `json:"old"`
	New string `json:"new"`
	// Emphasis is true when emphasis inside the text changed.
	Emphasis bool `json:"emphasis"`
}

// Stats counts what changed. Changed to Unchanged count clauses by their
// Change; the others count what they name, whatever the clause's Change.
type Stats struct {
	Changed    int `json:"changed"`
	Inserted   int `json:"inserted"`
	Deleted    int `json:"deleted"`
	Renumbered int `json:"renumbered"`
	Moved      int `json:"moved"`
	Minor      int `json:"minor"`
	Unchanged  int `json:"unchanged"`
	// WordsDeleted and WordsInserted count words in non-minor changes,
	// moved paragraphs, paragraph breaks and clause numbers left out.
	WordsDeleted  int `json:"words_deleted"`
	WordsInserted int `json:"words_inserted"`
	// Formatted counts the clauses whose Change is Formatted.
	Formatted int `json:"formatted"`
	// NumbersChanged counts the clauses whose number changed, whatever
	// else did: a clause renumbered and reworded counts here and as
	// Changed.
	NumbersChanged int `json:"numbers_changed"`
	// LinksChanged counts the Result's Links.
	LinksChanged int `json:"links_changed"`
	// BreaksInserted and BreaksDeleted count paragraph breaks inserted
	// (paragraphs split) and deleted (paragraphs joined).
	BreaksInserted int `json:"breaks_inserted"`
	BreaksDeleted  int `json:"breaks_deleted"`
}

// Result is a redline.
type Result struct {
	Ops     []Op     `json:"ops"`
	Clauses []Clause `json:"clauses"`
	Moves   []Move   `json:"moves"`
	Stats   Stats    `json:"stats"`
	// Links are the links whose address changed, in the new text's order.
	Links []LinkChange `json:"links"`
	// Formats are the paragraphs whose formatting changed.
	Formats []FormatChange `json:"formats"`

	paras []para
}

// Same reports whether nothing but normalisation differs: no word, link,
// paragraph break or formatting.
func (r *Result) Same() bool {
	if len(r.Links) > 0 || len(r.Formats) > 0 {
		return false
	}
	for _, o := range r.Ops {
		if o.Op != Equal {
			return false
		}
	}
	return true
}

// Old returns the old text as the operations give it back.
func (r *Result) Old() string { return r.side(Delete) }

// New returns the new text as the operations give it back.
func (r *Result) New() string { return r.side(Insert) }

func (r *Result) side(k Kind) string { return joinOps(r.Ops, k) }

// para is one aligned paragraph: an old block, a new block or both, and the
// range of its operations. A paragraph split in two or more, or several
// joined into one, is one para whose an or bn is more than one.
type para struct {
	a, b   int // first block indexes, -1 for none
	an, bn int // blocks from a and b, when more than one (0 means 1)
	ops    [2]int
	change Change
	move   int
	// links and format are what compareMarks found; their Clause is set
	// by group.
	links  []LinkChange
	format *FormatChange
	// pre is the para's word diff when streamRegions computed it.
	pre []Op
}

// olds and news return the blocks of p on each side.
func (d *differ) olds(p *para) []*block { return span1(d.A, p.a, p.an) }
func (d *differ) news(p *para) []*block { return span1(d.B, p.b, p.bn) }

func span1(bs []*block, i, n int) []*block {
	if i < 0 {
		return nil
	}
	return bs[i : i+max(n, 1)]
}

// Limits bound the work by the structure of the texts rather than by time,
// so that a result never depends on the machine or its load.
const (
	// maxWordDiff caps the product of the token counts of the differing
	// middles of two paired paragraphs; past it the paragraph is shown
	// replaced whole.
	maxWordDiff = 1 << 22
	// maxPairing caps deleted × inserted paragraphs in one changed region
	// for pairing by similarity; past it only equal numbers pair.
	maxPairing = 40000
	// maxMoveScan caps unpaired deleted × inserted paragraphs compared for
	// moves; past it only identical paragraphs are found.
	maxMoveScan = 250000
)

// Diff returns the redline from old to new, both first normalised.
func Diff(old, new string) *Result {
	return diff(splitBlocks(Normalize(old)), splitBlocks(Normalize(new)))
}

// DiffDocs is Diff of two texts with their marks: link addresses and
// formatting are compared too.
func DiffDocs(old, new Doc) *Result {
	return diff(old.blocks(), new.blocks())
}

// Text is a text made ready for DiffTexts: normalised and cut into
// paragraphs. A site compares most editions twice, with the one before and
// the one after, and making a text ready was half of each Diff's time. A
// Text may be used by several DiffTexts at once.
type Text struct{ blocks []*block }

// Prepare normalises s and cuts it into paragraphs.
func Prepare(s string) *Text { return &Text{blocks: splitBlocks(Normalize(s))} }

// PrepareDoc is Prepare of a text with its marks.
func PrepareDoc(d Doc) *Text { return &Text{blocks: d.blocks()} }

// DiffTexts is Diff of two prepared texts: the same Result.
func DiffTexts(old, new *Text) *Result { return diff(old.own(), new.own()) }

// own returns copies of t's paragraphs without what a Diff makes of them
// as it goes (tokens, word lists), so that Diffs sharing t never write to
// the same paragraph.
func (t *Text) own() []*block {
	bs := make([]block, len(t.blocks))
	out := make([]*block, len(t.blocks))
	for i, b := range t.blocks {
		bs[i] = block{text: b.text, start: b.start, end: b.end, marker: b.marker, number: b.number, key: b.key,
			form: b.form, links: b.links, styles: b.styles}
		out[i] = &bs[i]
	}
	return out
}

func diff(a, b []*block) *Result {
	d := &differ{
		dmp:     diffmatchpatch.New(),
		runes:   newRuneIndex(),
		A:       a,
		B:       b,
		wordIDs: map[string]int32{},
	}
	// DiffTimeout = 0 turns off go-diff's deadline and its half-match
	// shortcut: the diff is optimal and the same on every machine.
	d.dmp.DiffTimeout = 0
	return d.run()
}

type differ struct {
	dmp   *diffmatchpatch.DiffMatchPatch
	runes *runeIndex
	A, B  []*block
	res   Result
	// wordIDs numbers the words of both texts, for words.
	wordIDs map[string]int32
}

// block is a paragraph: its text, trailing blank line included. Its
// tokens are made only when it is compared word by word.
type block struct {
	text string
	// start and end are the bytes of marker in text: the clause number
	// that opens the block ("3.4.1.", after a bullet "• " maybe), or 0, 0.
	start, end int
	marker     string // "3.4.1." or ""
	number     string // "3.4.1", "B.6" for clause 6 of section B
	key        string // compared text without the marker and blank line
	toks       []token
	ids        []int32 // its words, lower-cased, as numbers, sorted; see differ.words
	counted    bool

	// What the plain text does not show (Doc): how the block is set,
	// and its links and emphasis, in bytes of text.
	form   string
	links  []textmark.Link
	styles []textmark.Style
}

// tokens returns the block's tokens, made on first use: most blocks are
// equal and are never split. The clause number is one token, so that a
// renumbering is one change.
func (b *block) tokens() []token {
	if b.toks == nil {
		if b.marker == "" {
			b.toks = tokenize(b.text)
		} else {
			b.toks = tokenize(b.text[:b.start])
			b.toks = append(b.toks, token{text: b.marker, key: b.marker, kind: tMarker})
			b.toks = append(b.toks, tokenize(b.text[b.end:])...)
		}
	}
	return b.toks
}

// words returns the block's words for similarity, lower-cased, each as
// its number in this diff, sorted; computed on first use. Numbers compare
// faster than strings, and similarity is most of what aligning
// paragraphs costs.
func (d *differ) words(b *block) []int32 {
	if !b.counted {
		b.counted = true
		for _, t := range b.tokens() {
			if t.kind == tWord {
				w := strings.ToLower(t.key)
				id, ok := d.wordIDs[w]
				if !ok {
					id = int32(len(d.wordIDs))
					d.wordIDs[w] = id
				}
				b.ids = append(b.ids, id)
			}
		}
		slices.Sort(b.ids)
	}
	return b.ids
}

// splitBlocks cuts a normalised text at its blank lines, and marks the
// blocks that open clauses as internal/clause/clausetext reads them: the
// reader of the edition pages' clauses, so that a redline's clauses are
// theirs.
func splitBlocks(s string) []*block {
	var out []*block
	var texts []string
	for len(s) > 0 {
		n := len(s)
		if i := strings.Index(s, "\n\n"); i >= 0 {
			n = i + 2
		}
		out = append(out, &block{text: s[:n]})
		texts = append(texts, strings.TrimSuffix(s[:n], "\n\n"))
		s = s[n:]
	}
	for _, m := range clausetext.Read(texts) {
		b := out[m.Block]
		b.start, b.end, b.marker, b.number = m.Start, m.End, b.text[m.Start:m.End], m.Number
	}
	for k, b := range out {
		// foldKey maps rune by rune, so this is the tokens' keys joined.
		b.key = foldKey(texts[k][:b.start] + texts[k][b.end:])
	}
	return out
}

// ChangedSpans counts the maximal runs of changed text: operations other
// than Equal, but paragraph breaks, which change white space only. It is
// the measure held to git's word diff, which ignores white space too (see
// scripts/redline-bench.sh); link and formatting changes are not in the
// plain text git compares and are not counted.
func (r *Result) ChangedSpans() int { return spans(r.Ops) }
