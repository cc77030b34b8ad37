package sanitize

import (
	"strings"

	"golang.org/x/net/html"
)

// Kind is what a Token is.
type Kind int

const (
	// Text is text, its character references decoded.
	Text Kind = iota
	// Start is a start tag, or a self-closing one (<br/>).
	Start
	// End is an end tag.
	End
)

// Token is one token of HTML, for a reader of its text (package
// plaintext), which needs no HTML parser of its own.
type Token struct {
	Kind Kind
	// Tag is a tag's element name, in lower case.
	Tag string
	// Text is a Text token's text.
	Text string
	// Attrs are a start tag's attributes, by name.
	Attrs map[string]string
	// Line is the number of newlines in the HTML before the token.
	Line int
}

// Tokens returns the tokens of s, which is sanitised HTML (Pieces):
// comments and document types, which it has none of, are skipped.
func Tokens(s string) []Token {
	var (
		out  []Token
		line int
	)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		nl := strings.Count(string(z.Raw()), "\n")
		tok := z.Token()
		switch tt {
		case html.TextToken:
			out = append(out, Token{Kind: Text, Text: tok.Data, Line: line})
		case html.StartTagToken, html.SelfClosingTagToken:
			t := Token{Kind: Start, Tag: tok.Data, Line: line}
			if len(tok.Attr) > 0 {
				t.Attrs = make(map[string]string, len(tok.Attr))
				for _, a := range tok.Attr {
					t.Attrs[a.Key] = a.Val
				}
			}
			out = append(out, t)
		case html.EndTagToken:
			out = append(out, Token{Kind: End, Tag: tok.Data, Line: line})
		}
		line += nl
	}
}
