package redline

import (
	"strings"

	"policysite/internal/textmark"
)

// Doc is a text to compare and its marks (internal/textmark): what the
// plain text does not show of the Markdown, so that a changed link
// address or a heading turned into a bold line is a change too.
type Doc struct {
	Text  string
	Marks textmark.Marks
}

// blocks cuts the document into paragraphs and gives each its marks. Marks
// that do not describe the text as compared (a text that normalising
// would change, blocks that are not its blocks) are left out rather than
// misplaced: the words are compared all the same.
func (d Doc) blocks() []*block {
	text := Normalize(d.Text)
	bs := splitBlocks(text)
	m := d.Marks
	if text != d.Text || len(m.Blocks) != len(bs) || m.Check(text) != nil {
		return bs
	}
	li, si := 0, 0
	for k, b := range bs {
		mb := m.Blocks[k]
		if text[mb.Start:mb.End] != strings.TrimSuffix(b.text, "\n\n") {
			// Check holds the blocks to the text's blank lines, so this
			// does not happen; if it ever did, no marks beat wrong ones.
			for _, b := range bs {
				b.form, b.links, b.styles = "", nil, nil
			}
			return bs
		}
		b.form = mb.Form
		for ; li < len(m.Links) && m.Links[li].Start < mb.End+2; li++ {
			l := m.Links[li]
			if l.End <= mb.End && l.Start >= mb.Start && l.End > l.Start {
				b.links = append(b.links, textmark.Link{Start: l.Start - mb.Start, End: l.End - mb.Start, Target: l.Target})
			}
		}
		for ; si < len(m.Styles) && m.Styles[si].Start < mb.End+2; si++ {
			s := m.Styles[si]
			if s.End <= mb.End && s.Start >= mb.Start && s.End > s.Start {
				b.styles = append(b.styles, textmark.Style{Kind: s.Kind, Start: s.Start - mb.Start, End: s.End - mb.Start})
			}
		}
	}
	return bs
}
