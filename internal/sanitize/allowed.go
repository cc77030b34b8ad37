package sanitize

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// elements are the elements a policy's raw HTML may use: what real
// policies write (tables of retention periods and processors, lists,
// definitions, headings, emphasis, abbreviations, dates, links, line
// breaks), and nothing that loads, runs, embeds or submits anything.
var elements = []string{
	"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
	"p", "div", "span", "br", "hr", "blockquote",
	"h1", "h2", "h3", "h4", "h5", "h6",
	"ul", "ol", "li", "dl", "dt", "dd",
	"strong", "em", "b", "i", "u", "small", "sup", "sub", "abbr", "time", "a",
}

// schemes are the address schemes a link may have; besides them, only a
// #fragment (hrefPattern).
var schemes = []string{"http", "https", "mailto", "tel"}

// attrRule allows the attributes names on elements (nil: on every allowed
// element) when the value matches pattern (nil: any value, which the
// sanitiser escapes).
type attrRule struct {
	names    []string
	elements []string
	pattern  *regexp.Regexp
}

var (
	// idPattern is an id that is not a clause's anchor ("c-3-1", package
	// clause), which the site gives the clause itself, and has nothing
	// a fragment cannot hold.
	idPattern    = regexp.MustCompile(`^(?:[^c\s"'<>&#]|c$|c[^\s"'<>&#-])[^\s"'<>&#]{0,127}$`)
	classPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}(?: +[A-Za-z0-9_-]{1,64}){0,15}$`)
	langPattern  = regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$`)
	spanPattern  = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	intPattern   = regexp.MustCompile(`^-?[0-9]{1,6}$`)
	// datetimePattern is what a machine-readable date, time or duration
	// is written with.
	datetimePattern = regexp.MustCompile(`^[0-9A-Za-z:+.,\- ]{1,64}$`)
	// hrefPattern is a link of an allowed scheme or a #fragment, as the
	// HTML tokenizer gives it (entities decoded), with no space anywhere:
	// a browser drops tabs and newlines inside a scheme, so
	// "java&#9;script:" must not pass as a relative address.
	hrefPattern = regexp.MustCompile(`(?i)^(?:#|(?:https?|mailto|tel):)[^\s\x00-\x1f\x7f]*$`)
)

var attrRules = []attrRule{
	{names: []string{"id"}, pattern: idPattern},
	{names: []string{"class"}, pattern: classPattern},
	{names: []string{"title"}},
	{names: []string{"lang"}, pattern: langPattern},
	{names: []string{"colspan", "rowspan"}, elements: []string{"td", "th"}, pattern: spanPattern},
	{names: []string{"scope"}, elements: []string{"th"}, pattern: regexp.MustCompile(`^(?:row|col|rowgroup|colgroup)$`)},
	{names: []string{"span"}, elements: []string{"col", "colgroup"}, pattern: spanPattern},
	{names: []string{"datetime"}, elements: []string{"time"}, pattern: datetimePattern},
	{names: []string{"href"}, elements: []string{"a"}, pattern: hrefPattern},
	{names: []string{"start"}, elements: []string{"ol"}, pattern: intPattern},
	{names: []string{"reversed"}, elements: []string{"ol"}, pattern: regexp.MustCompile(`^(?:|reversed)$`)},
	{names: []string{"type"}, elements: []string{"ol"}, pattern: regexp.MustCompile(`^[1aAiI]$`)},
	{names: []string{"value"}, elements: []string{"li"}, pattern: intPattern},
}

// skipContent are the elements whose content goes with them, as
// bluemonday removes it: what they hold is code or another document, not
// text a reader sees.
var skipContent = []string{
	"script", "style", "iframe", "frame", "frameset", "noembed", "noframes",
	"noscript", "nostyle", "object", "title",
}

// ValidID reports whether id may be an element's id in a policy's text:
// not a clause's anchor, which belongs to the clause, and nothing a
// fragment cannot hold.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// ValidClass reports whether class, one or more class names, may be an
// element's class in a policy's text.
func ValidClass(class string) bool { return classPattern.MatchString(class) }

// allowedElement reports whether the sanitiser keeps the element name.
func allowedElement(name string) bool { return slices.Contains(elements, name) }

// allowedAttr reports whether the sanitiser keeps the attribute on the
// element, with the checks on addresses that bluemonday makes.
func allowedAttr(element, name, value string) bool {
	for _, r := range attrRules {
		if !slices.Contains(r.names, name) || r.elements != nil && !slices.Contains(r.elements, element) {
			continue
		}
		if r.pattern != nil && !r.pattern.MatchString(value) {
			continue
		}
		if name == "href" {
			return validURL(value)
		}
		return true
	}
	return false
}

// validURL is bluemonday's check of an address under the policy: it
// parses, and has an allowed scheme or none (a #fragment, by hrefPattern).
func validURL(v string) bool {
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, " \t\n") {
		return false
	}
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	if u.Scheme == "" {
		return u.String() != ""
	}
	return slices.Contains(schemes, u.Scheme)
}
