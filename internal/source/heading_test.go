package source

import (
	"strings"
	"testing"
)

// TestTitleFromTheFirstHeading: a text without a front matter title takes
// it from its first heading of level 1 or 2, ATX or setext, as converters,
// CMSs and crawlers write them, with the Markdown removed.
func TestTitleFromTheFirstHeading(t *testing.T) {
	tests := []struct {
		name, body, want string
		line             int
	}{
		{"ATX level 1", "# Privacy Policy\n\nText.\n", "Privacy Policy", 1},
		{"ATX level 2", "## Privacy Policy\n\nText.\n", "Privacy Policy", 1},
		{"ATX with closing #s", "## Privacy Policy ##\n", "Privacy Policy", 1},
		{"ATX indented up to 3 spaces", "   # Privacy Policy\n", "Privacy Policy", 1},
		{"a # that closes nothing is text", "# Learn C#\n", "Learn C#", 1},
		{"setext with ===", "User Agreement\n==============\n\nText.\n", "User Agreement", 1},
		{"setext with ---", "Terms of Use\n---\n\nText.\n", "Terms of Use", 1},
		{"setext of two lines", "Terms\nof Use\n===\n", "Terms of Use", 1},
		{"an escaped number", "## 1\\. Introduction\n", "1. Introduction", 1},
		{"an empty anchor link before an escaped number", "## [](#1-introduction)1\\. Introduction\n", "1. Introduction", 1},
		{"a link", "[Spotify Terms of Use](#spotify-terms-of-use)\n=====\n", "Spotify Terms of Use", 1},
		{"a link with a URL", "# [Terms](https://example.com/terms \"T\") of Use\n", "Terms of Use", 1},
		{"an image", "# ![Logo](logo.png) Privacy Policy\n", "Privacy Policy", 1},
		{"emphasis with ** and __", "# **Privacy** __Policy__\n", "Privacy Policy", 1},
		{"emphasis with * and _", "# *Privacy* _Policy_\n", "Privacy Policy", 1},
		{"underscores inside a word stay", "# Terms_of_Service\n", "Terms_of_Service", 1},
		{"a code span", "# The `policysite` Terms\n", "The policysite Terms", 1},
		{"HTML tags", "## <span class=\"x\"></span> <span>Notice</span>\n", "Notice", 1},
		{"entities", "# Terms &amp; Conditions&nbsp;&#8470;&#x31;\n", "Terms & Conditions №1", 1},
		{"a Kramdown attribute list", "# Terms {: #terms .big }\n", "Terms", 1},
		{"a heading attribute", "# Terms {#terms}\n", "Terms", 1},
		{"a Kramdown attribute list under a setext heading's text", "Terms {: #top}\n===\n", "Terms", 1},
		{"white space collapsed", "#   Terms \t of  Use\u00a0 \n", "Terms of Use", 1},
		{"Russian", "# Политика **конфиденциальности** ООО «Ромашка»\n", "Политика конфиденциальности ООО «Ромашка»", 1},
		{"after blank lines", "\n\n   \n# Privacy Policy\n", "Privacy Policy", 4},
		{"CRLF line endings", "\r\nTerms\r\n===\r\n", "Terms", 2},
		{"CR line endings", "\rTerms\r===\r", "Terms", 2},
		{"the first level-2 heading after a level-3 one", "### Preface\n\nText.\n\n## Privacy Policy\n\n# Later\n", "Privacy Policy", 5},
		{"a level-3 heading is never the title", "### Preface\n\nText.\n", "", 0},
		{"one that shows nothing is passed over", "# [](#top)\n\n## Privacy Policy\n", "Privacy Policy", 3},
		{"not in fenced code", "```\n# Not a title\n```\n\n# Title\n", "Title", 5},
		{"not in fenced code with ~~~", "~~~\n# Not a title\n\n~~~\n# Title\n", "Title", 5},
		{"not in indented code", "    # Not a title\n\n# Title\n", "Title", 3},
		{"not in a list item", "- # Not a title\n  Lazy\n---\n\n# Title\n", "Title", 5},
		{"not under a list item's text", "1.  #### Subject\n\n    Text\n    ---\n\nTitle\n===\n", "Title", 6},
		{"not in a block quote", "> # Not a title\n> Quote\n\n# Title\n", "Title", 4},
		{"not in an HTML block", "<div>\nNot a title\n===\n</div>\n\n# Title\n", "Title", 6},
		{"an unindented heading ends a list", "- item\n# Title\n", "Title", 2},
		{"--- after a blank line is a thematic break", "Text.\n\n---\n\n# Title\n", "Title", 5},
		{"a table's delimiter row is no underline", "a | b\n--|--\nc | d\n---\n\n# Title\n", "Title", 6},
		{"no heading", "Privacy Policy\n\n1.1. Text.\n", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ChooseTitle(TitleSources{Body: tc.body})
			if err != nil {
				t.Fatal(err)
			}
			want := Title{Text: tc.want, Origin: TitleHeading, Line: tc.line}
			if tc.want == "" {
				want = Title{}
			}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

// TestWithoutTitleHeading: the heading that gave the title is taken out of
// the text, with the blank lines after it, only when it is the first block
// and numbers no section.
func TestWithoutTitleHeading(t *testing.T) {
	tests := []struct {
		name, body, title, want string
		lines                   int
	}{
		{"ATX", "# T\n\n\nText.\n", "T", "Text.\n", 3},
		{"setext, after blank lines", "\n\nT {: #t}\n====\n\nText.\n", "T", "Text.\n", 5},
		{"CRLF", "# T\r\n\r\nText.\r\n", "T", "Text.\r\n", 2},
		{"a heading that says it with Markdown", "## **T** [](#t)\n\nText.\n", "T", "Text.\n", 2},
		{"the text is the heading alone", "# T\n", "T", "", 1},
		{"another title", "# Preface\n\n# T\n", "T", "# Preface\n\n# T\n", 0},
		{"after text", "Intro.\n\n# T\n", "T", "Intro.\n\n# T\n", 0},
		{"level 3", "### T\n\nText.\n", "T", "### T\n\nText.\n", 0},
		{"a numbered section keeps its heading and its anchor", "## 1\\. Introduction\n\nText.\n", "1. Introduction", "## 1\\. Introduction\n\nText.\n", 0},
		{"sections under the title stay", "# T\n\n## T\n\nText.\n", "T", "## T\n\nText.\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, n := WithoutTitleHeading(tc.body, tc.title)
			if got != tc.want || n != tc.lines {
				t.Errorf("got %q and %d lines, want %q and %d", got, n, tc.want, tc.lines)
			}
		})
	}
}

// TestHeadingsTakeLinearTime: a body of MaxFileSize that keeps the scanner
// in a paragraph, a list or a table is read at once.
func TestHeadingsTakeLinearTime(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("text\n", MaxFileSize/5),
		strings.Repeat("- item\n", MaxFileSize/7),
		"a | b\n--|--\n" + strings.Repeat("c | d\n", MaxFileSize/6),
		strings.Repeat("x", MaxFileSize) + "\n===\n",
	} {
		n := 0
		for range headings(body) {
			n++
		}
		if n > 1 {
			t.Errorf("%d headings in a body of %d bytes", n, len(body))
		}
	}
}
