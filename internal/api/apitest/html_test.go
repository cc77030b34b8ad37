package apitest

import (
	"strings"
	"testing"
)

func TestCheckHTMLAcceptsTheHTMLTheSiteWrites(t *testing.T) {
	for _, s := range []string{
		"",
		"plain text",
		"<p>one</p><p>two</p>",
		`<p>a<br>b<br/>c<img src="x.png" alt="x"></p>`,
		`<P>Mixed <B>case</b></p>`,
		`<p>Что&nbsp;изменилось &mdash; &amp; &lt;x&gt; &#171;ёлка&#187;</p>`,
		`<!-- note --><ul><li><a href="https://prichal.example/?a=1&amp;b=2">x</a></li></ul>`,
	} {
		if err := checkHTML(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestCheckHTMLRejectsUnbalancedOrUnescapedHTML(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{"<p>open", "<p> is not closed"},
		{"<p><b>x</p></b>", "</p> closes <b>"},
		{"x</p>", "</p> closes <body>"},
		{"<p>x</br></p>", "</br> closes nothing"},
		{"<p>A & B</p>", ""},
		{"<p>a < b</p>", ""},
		{"<p class=x>y</p>", ""},
		{"<p>&unknown;</p>", ""},
	} {
		err := checkHTML(tc.html)
		if err == nil {
			t.Errorf("%q passed", tc.html)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want it to say %q", tc.html, err, tc.want)
		}
	}
}
