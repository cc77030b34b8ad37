package sanitize

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// ReplaceComments returns page with each comment whose text starts with
// prefix replaced by what f gives for the comment's text, when f says ok.
// Only what HTML reads as a comment counts: one between tags, and not one
// inside an attribute's value or in the text of a script, style, title or
// textarea, where "<!--" is no comment. So a caller can have a renderer
// mark with a comment where markup of its own belongs, knowing that a
// mark that the renderer put inside an attribute is left there as text
// and never replaced. A page without prefix's comment is returned as it
// is, unread.
func ReplaceComments(page []byte, prefix string, f func(text string) (string, bool)) []byte {
	if !bytes.Contains(page, []byte("<!--"+prefix)) {
		return page
	}
	var (
		out  bytes.Buffer
		off  int // the start of the token being read
		done int // what of page is in out
	)
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		n := len(z.Raw())
		if tt == html.CommentToken {
			text := string(z.Text())
			if strings.HasPrefix(text, prefix) {
				if with, ok := f(text); ok {
					out.Write(page[done:off])
					out.WriteString(with)
					done = off + n
				}
			}
		}
		off += n
	}
	out.Write(page[done:])
	return out.Bytes()
}
