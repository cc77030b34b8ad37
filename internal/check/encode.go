package check

import (
	"encoding/binary"
	"errors"

	"policysite/internal/changeterms"
	"policysite/internal/clause"
	"policysite/internal/plaintext"
	"policysite/internal/textmark"
)

// The analysis cache's encoding. A rebuild of a large site reads thousands
// of cached analyses; gob sends its type descriptions again in each entry,
// and decoding them cost more than everything else the entry holds. This
// writes each field in order, lengths as varints. Adding a field to
// Analysis or to a type it holds means adding it here and bumping
// analysisVersion: TestAnalysisEncodingKnowsEveryField fails until then.

// analysisTag starts every encoding, so that another format is refused.
const analysisTag = "AN1\x00"

func encodeAnalysis(a *Analysis) []byte {
	b := make([]byte, 0, 2*len(a.Annotated)+256)
	b = append(b, analysisTag...)
	b = binary.AppendUvarint(b, uint64(len(a.Blocks)))
	for _, bl := range a.Blocks {
		b = appendStr(b, bl.Text)
		b = binary.AppendVarint(b, int64(bl.Line))
		b = appendStr(b, bl.Form)
	}
	b = appendMarks(b, a.Marks)
	b = appendStr(b, a.Annotated)
	b = binary.AppendUvarint(b, uint64(len(a.Clauses)))
	for _, c := range a.Clauses {
		b = appendStr(b, c.Number)
		b = appendStr(b, c.Anchor)
		b = appendBool(b, c.Heading)
		b = binary.AppendVarint(b, int64(c.Line))
	}
	b = binary.AppendUvarint(b, uint64(len(a.Terms.Findings)))
	for _, f := range a.Terms.Findings {
		b = appendStr(b, string(f.Kind))
		b = appendStr(b, f.Clause)
		b = binary.AppendVarint(b, int64(f.Line))
		b = appendStr(b, f.Sentence)
		b = appendStr(b, string(f.Consent))
		b = binary.AppendVarint(b, int64(f.Days))
		b = binary.AppendUvarint(b, uint64(len(f.Channels)))
		for _, ch := range f.Channels {
			b = appendStr(b, string(ch))
		}
		b = appendStr(b, f.URL)
		b = appendStr(b, string(f.Scope))
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// decodeAnalysis reads what encodeAnalysis wrote, or returns nil for
// anything else, cut short or with bytes left over. Empty lists decode as
// nil, as Read leaves them.
func decodeAnalysis(data []byte) *Analysis {
	if len(data) < len(analysisTag) || string(data[:len(analysisTag)]) != analysisTag {
		return nil
	}
	d := reader{b: data[len(analysisTag):]}
	a := &Analysis{}
	if n := d.count(); n > 0 {
		a.Blocks = make([]plaintext.Block, n)
		for i := range a.Blocks {
			a.Blocks[i] = plaintext.Block{Text: d.str(), Line: d.int(), Form: d.str()}
		}
	}
	a.Marks = d.marks()
	a.Annotated = d.str()
	if n := d.count(); n > 0 {
		a.Clauses = make([]clause.Clause, n)
		for i := range a.Clauses {
			a.Clauses[i] = clause.Clause{Number: d.str(), Anchor: d.str(), Heading: d.bool(), Line: d.int()}
		}
	}
	if n := d.count(); n > 0 {
		a.Terms.Findings = make([]changeterms.Finding, n)
		for i := range a.Terms.Findings {
			f := &a.Terms.Findings[i]
			f.Kind, f.Clause, f.Line = changeterms.Kind(d.str()), d.str(), d.int()
			f.Sentence, f.Consent, f.Days = d.str(), changeterms.Consent(d.str()), d.int()
			if n := d.count(); n > 0 {
				f.Channels = make([]changeterms.Channel, n)
				for j := range f.Channels {
					f.Channels[j] = changeterms.Channel(d.str())
				}
			}
			f.URL = d.str()
			f.Scope = changeterms.Scope(d.str())
		}
	}
	if d.err != nil || len(d.b) > 0 {
		return nil
	}
	return a
}

// reader reads what the append functions wrote; after the first error
// every read returns zero.
type reader struct {
	b   []byte
	err error
}

var errDamaged = errors.New("damaged analysis")

func (d *reader) fail() {
	d.err, d.b = errDamaged, nil
}

// count reads a length, refusing one larger than the bytes left could hold
// (every element takes at least one byte), so that damaged bytes never
// allocate much.
func (d *reader) count() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b)-n) {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *reader) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || int64(int(v)) != v {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *reader) str() string {
	n := d.count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *reader) bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// appendMarks writes an analysis's marks; each block's form and range are
// the blocks', which encodeAnalysis wrote already, but a few bytes each
// keep the decoder simple.
func appendMarks(b []byte, m textmark.Marks) []byte {
	b = binary.AppendUvarint(b, uint64(len(m.Blocks)))
	for _, bl := range m.Blocks {
		b = appendStr(b, bl.Form)
		b = binary.AppendVarint(b, int64(bl.Start))
		b = binary.AppendVarint(b, int64(bl.End))
	}
	b = binary.AppendUvarint(b, uint64(len(m.Links)))
	for _, l := range m.Links {
		b = binary.AppendVarint(b, int64(l.Start))
		b = binary.AppendVarint(b, int64(l.End))
		b = appendStr(b, l.Target)
	}
	b = binary.AppendUvarint(b, uint64(len(m.Styles)))
	for _, st := range m.Styles {
		b = appendStr(b, st.Kind)
		b = binary.AppendVarint(b, int64(st.Start))
		b = binary.AppendVarint(b, int64(st.End))
	}
	return b
}

// marks reads what appendMarks wrote. Lists decode as Read leaves them:
// blocks nil when there are none, links and styles empty but not nil.
func (d *reader) marks() textmark.Marks {
	var m textmark.Marks
	if n := d.count(); n > 0 {
		m.Blocks = make([]textmark.Block, n)
		for i := range m.Blocks {
			m.Blocks[i] = textmark.Block{Form: d.str(), Start: d.int(), End: d.int()}
		}
	}
	m.Links = make([]textmark.Link, d.count())
	for i := range m.Links {
		m.Links[i] = textmark.Link{Start: d.int(), End: d.int(), Target: d.str()}
	}
	m.Styles = make([]textmark.Style, d.count())
	for i := range m.Styles {
		m.Styles[i] = textmark.Style{Kind: d.str(), Start: d.int(), End: d.int()}
	}
	return m
}
