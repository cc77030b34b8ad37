package apitest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"policysite/internal/api"
)

// xmlNode is any element, so that CheckAtom sees what a feed reader sees
// rather than what api.Atom happens to unmarshal.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// children returns the child elements in the Atom namespace named local.
func (n *xmlNode) children(local string) []*xmlNode {
	var out []*xmlNode
	for i := range n.Nodes {
		c := &n.Nodes[i]
		if c.XMLName.Space == api.AtomNS && c.XMLName.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// CheckAtom checks data against the rules of RFC 4287 that a reader relies
// on. It returns every problem found; none means the feed passes.
func CheckAtom(data []byte) []error {
	var feed xmlNode
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&feed); err != nil {
		return []error{fmt.Errorf("the feed is not XML: %w", err)}
	}
	if feed.XMLName.Space != api.AtomNS || feed.XMLName.Local != "feed" {
		return []error{fmt.Errorf("the root element is {%s}%s, not {%s}feed", feed.XMLName.Space, feed.XMLName.Local, api.AtomNS)}
	}
	c := &atomChecker{}
	if _, links := c.container("feed", &feed); links.self == 0 {
		c.fail("feed", `has no link rel="self"`)
	}
	feedAuthor := len(feed.children("author")) > 0
	ids := map[string]int{}
	for i, e := range feed.children("entry") {
		where := fmt.Sprintf("entry %d", i+1)
		id, links := c.container(where, e)
		if id != "" {
			if j, dup := ids[id]; dup {
				c.fail(where, "id %q is the id of entry %d too", id, j)
			} else {
				ids[id] = i + 1
			}
		}
		if !feedAuthor && len(e.children("author")) == 0 {
			c.fail(where, "has no author, and neither has the feed")
		}
		if n := len(e.children("published")); n > 1 {
			c.fail(where, "has %d published elements; at most one is allowed", n)
		}
		for _, p := range e.children("published") {
			c.date(where+" published", p.Text)
		}
		contents := e.children("content")
		switch {
		case len(contents) > 1:
			c.fail(where, "has %d content elements; at most one is allowed", len(contents))
		case len(contents) == 0 && links.alternate == 0:
			c.fail(where, `has no content, so it must have a link rel="alternate"`)
		}
		for _, ct := range contents {
			c.content(where, ct)
		}
	}
	return c.errs
}

type atomChecker struct {
	errs []error
}

// linkCount counts an element's links by relation.
type linkCount struct {
	self, alternate int
}

func (c *atomChecker) fail(where, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

// container checks what a feed and an entry have in common: one id, title
// and updated each, and their links. It returns the id and the links.
func (c *atomChecker) container(where string, n *xmlNode) (string, linkCount) {
	for _, name := range []string{"id", "title", "updated"} {
		if k := len(n.children(name)); k != 1 {
			c.fail(where, "has %d %s elements; exactly one is required", k, name)
		}
	}
	var id string
	for _, el := range n.children("id") {
		id = el.Text
		if u, err := url.Parse(id); err != nil || !u.IsAbs() || strings.ContainsAny(id, " \t\r\n") {
			c.fail(where, "id %q is not an absolute IRI", id)
		}
	}
	for _, el := range n.children("updated") {
		c.date(where+" updated", el.Text)
	}
	for _, a := range n.children("author") {
		if k := len(a.children("name")); k != 1 {
			c.fail(where, "an author has %d name elements; exactly one is required", k)
		}
	}
	return id, c.links(where, n)
}

func (c *atomChecker) links(where string, n *xmlNode) linkCount {
	type key struct{ typ, hreflang string }
	seen := map[key]bool{}
	var count linkCount
	for _, l := range n.children("link") {
		href, ok := l.attr("href")
		if !ok || href == "" {
			c.fail(where, "a link has no href")
		}
		rel, ok := l.attr("rel")
		if !ok {
			rel = "alternate"
		}
		switch rel {
		case "self":
			count.self++
		case "alternate":
			count.alternate++
			typ, _ := l.attr("type")
			hreflang, _ := l.attr("hreflang")
			k := key{typ, hreflang}
			if seen[k] {
				c.fail(where, `has more than one link rel="alternate" with type %q and hreflang %q`, typ, hreflang)
			}
			seen[k] = true
		}
	}
	return count
}

func (c *atomChecker) date(where, s string) {
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		c.fail(where, "%q is not an RFC 3339 moment", s)
	}
}

func (c *atomChecker) content(where string, ct *xmlNode) {
	typ, ok := ct.attr("type")
	if !ok {
		typ = "text"
	}
	switch typ {
	case "html":
		if err := checkHTML(ct.Text); err != nil {
			c.fail(where, "the html content does not parse: %v", err)
		}
	case "xhtml":
		divs := 0
		for _, n := range ct.Nodes {
			if n.XMLName.Space == "http://www.w3.org/1999/xhtml" && n.XMLName.Local == "div" {
				divs++
			}
		}
		if divs != 1 || len(ct.Nodes) != 1 {
			c.fail(where, "xhtml content must be exactly one xhtml:div")
		}
	}
}

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true,
}

// checkHTML reports whether s parses as an HTML fragment whose elements
// are all closed and nested, with its attributes quoted and its & and <
// escaped, as the site writes HTML. encoding/xml's lenient mode would
// accept anything, so the tags are matched here.
func checkHTML(s string) error {
	// The wrapper makes a fragment of several elements and text one
	// document.
	const wrapper = "body"
	dec := xml.NewDecoder(strings.NewReader("<" + wrapper + ">" + s + "</" + wrapper + ">"))
	dec.Entity = xml.HTMLEntity
	var stack []string
	openVoid := ""
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			openVoid = ""
			if voidElements[name] {
				openVoid = name
				continue
			}
			stack = append(stack, name)
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if voidElements[name] {
				// "<br/>" comes as a start and an end.
				if openVoid != name {
					return fmt.Errorf("</%s> closes nothing", name)
				}
				openVoid = ""
				continue
			}
			openVoid = ""
			switch {
			case len(stack) == 0:
				return fmt.Errorf("</%s> closes nothing", name)
			case stack[len(stack)-1] == name:
				stack = stack[:len(stack)-1]
			case name == wrapper && len(stack) > 1:
				return fmt.Errorf("<%s> is not closed", stack[len(stack)-1])
			default:
				return fmt.Errorf("</%s> closes <%s>", name, stack[len(stack)-1])
			}
		default:
			openVoid = ""
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("<%s> is not closed", stack[len(stack)-1])
	}
	return nil
}
