package site

import (
	"bytes"
	"slices"
	"strings"
	"text/template/parse"
)

// The page cache's reading of templates. A regular expression over the
// text of each action cannot tell what a field is read from: `.Lastmod`
// is the page's own date, but the newest page's inside `{{ with site }}`,
// and `$s.Lastmod` is the site's after `{{ $s := site }}`. So each template
// is parsed, as Hugo parses it, and its expressions are followed from what
// they start at (the page, the site, the home page, a namespace of
// functions) through each field they read. A template the parser of Go's
// text/template cannot read, which Hugo's own may, is judged by the
// regular expressions instead (reachesBeyond).

// receiver is what a part of an expression is known to be.
type receiver int

const (
	rUnknown receiver = iota
	rPage             // the page being rendered, or a value it gives
	rSite             // a site: site, .Site, $.Site, a variable set to one
	rSites            // the list of a project's sites (.Sites)
	rHome             // a site's home page
	rHugo             // the hugo namespace
)

// otherPages are fields that, on whatever they are read from, give other
// pages, or lists of them.
var otherPages = map[string]bool{
	"Pages": true, "RegularPages": true, "RegularPagesRecursive": true, "AllPages": true, "AllRegularPages": true,
	"Sections": true, "Parent": true, "Ancestors": true, "CurrentSection": true, "FirstSection": true,
	"NextInSection": true, "PrevInSection": true, "Next": true, "Prev": true, "NextPage": true, "PrevPage": true,
	"Paginator": true, "Paginate": true, "Rotate": true, "Taxonomies": true,
}

// siteWide are the fields of a site (and of the hugo namespace) that change
// with other pages or are shared between them: the newest page's date, the
// site's store and its data.
var siteWide = map[string]bool{"Lastmod": true, "LastChange": true, "Store": true, "Data": true}

// reachingFuncs are the functions that read the clock, files, the
// environment or the network, or share a result between pages.
var reachingFuncs = map[string]bool{
	"now": true, "partialCached": true, "readFile": true, "readDir": true, "fileExists": true,
	"getJSON": true, "getCSV": true, "getenv": true, "imageConfig": true,
}

// reachingNamespaced are the same in their namespaces; "*" is every
// function of one.
var reachingNamespaced = map[string]map[string]bool{
	"time":      {"Now": true},
	"templates": {"Defer": true},
	"os":        {"*": true},
	"data":      {"*": true},
	"resources": {"GetRemote": true},
	"images":    {"Config": true},
	"partials":  {"IncludeCached": true},
}

// templateScan walks the parse trees of one template file.
type templateScan struct {
	root  string
	slugs map[string]bool
	data  []byte
	vars  map[string]receiver // variables known to hold a site
	found *CacheBlocker
	file  string
}

// scanTemplate returns what in the template file rel, whose text is data,
// makes an edition or redline page depend on more than its own content
// file, or nil; ok is false when Go's parser cannot read it.
func scanTemplate(root string, slugs map[string]bool, rel string, data []byte) (b *CacheBlocker, ok bool) {
	t := parse.New(rel)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(string(data), "", "", trees); err != nil {
		return nil, false
	}
	s := &templateScan{root: root, slugs: slugs, data: data, vars: map[string]receiver{}, file: rel}
	// Defined templates first by position, so that the first use found is
	// the first in the file.
	var list []*parse.ListNode
	for _, tr := range trees {
		if tr.Root != nil {
			list = append(list, tr.Root)
		}
	}
	slices.SortFunc(list, func(a, b *parse.ListNode) int { return int(a.Pos) - int(b.Pos) })
	for _, l := range list {
		s.list(l, rPage)
		if s.found != nil {
			return s.found, true
		}
	}
	return nil, true
}

// report records the first use that reaches beyond the page.
func (s *templateScan) report(pos parse.Pos, uses string) {
	if s.found != nil {
		return
	}
	line := 1 + bytes.Count(s.data[:min(int(pos), len(s.data))], []byte("\n"))
	s.found = &CacheBlocker{File: s.file, Line: line, Uses: uses}
}

// list walks the nodes of l, in which dot is what dot says.
func (s *templateScan) list(l *parse.ListNode, dot receiver) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		if s.found != nil {
			return
		}
		switch n := n.(type) {
		case *parse.ActionNode:
			s.declare(n.Pipe, s.pipe(n.Pipe, dot))
		case *parse.IfNode:
			s.declare(n.Pipe, s.pipe(n.Pipe, dot))
			s.list(n.List, dot)
			s.list(n.ElseList, dot)
		case *parse.WithNode:
			inner := s.pipe(n.Pipe, dot)
			s.declare(n.Pipe, inner)
			s.list(n.List, inner)
			s.list(n.ElseList, dot)
		case *parse.RangeNode:
			elem := rUnknown
			if s.pipe(n.Pipe, dot) == rSites {
				elem = rSite
			}
			if d := n.Pipe.Decl; len(d) > 0 {
				// The last variable is the element; a first one, the index.
				s.vars[d[len(d)-1].Ident[0]] = elem
				if len(d) == 2 {
					s.vars[d[0].Ident[0]] = rUnknown
				}
			}
			s.list(n.List, elem)
			s.list(n.ElseList, dot)
		case *parse.TemplateNode:
			// The data of a template: what it reads of a site cannot be
			// followed into it.
			if n.Pipe != nil {
				s.whole(n, s.pipe(n.Pipe, dot))
			}
		}
	}
}

// declare records what the variables a pipeline sets hold.
func (s *templateScan) declare(p *parse.PipeNode, r receiver) {
	if p == nil {
		return
	}
	for _, v := range p.Decl {
		s.vars[v.Ident[0]] = r
	}
}

// pipe judges a pipeline and returns what it gives when it is a single
// value a with or range can take as dot: a site or the sites. Any other
// use of a site as a whole value (an argument, a template's data) reports,
// since what it is used for cannot be followed.
func (s *templateScan) pipe(p *parse.PipeNode, dot receiver) receiver {
	if p == nil {
		return rUnknown
	}
	if len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		r := s.value(p.Cmds[0].Args[0], dot)
		if r == rSite || r == rSites {
			return r
		}
		s.whole(p.Cmds[0].Args[0], r)
		return rUnknown
	}
	for _, c := range p.Cmds {
		s.command(c, dot)
	}
	return rUnknown
}

// command judges a command: a function or method and its arguments.
func (s *templateScan) command(c *parse.CommandNode, dot receiver) {
	for i, a := range c.Args {
		if i == 0 && isGetPage(a) {
			s.getPage(a, c.Args[1:], dot)
			return
		}
		s.whole(a, s.value(a, dot))
	}
}

// whole reports a site, the sites or the home page used as a whole value.
func (s *templateScan) whole(n parse.Node, r receiver) {
	switch r {
	case rSite, rSites:
		s.report(n.Position(), "site")
	case rHome:
		s.report(n.Position(), "Home")
	}
}

// isGetPage reports whether n calls a GetPage method.
func isGetPage(n parse.Node) bool {
	var idents []string
	switch n := n.(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		idents = n.Ident
	case *parse.ChainNode:
		idents = n.Field
	}
	return len(idents) > 0 && idents[len(idents)-1] == "GetPage"
}

// getPage judges a GetPage call: only a literal path to a page no build of
// the same site key can change is fine (fixedPage).
func (s *templateScan) getPage(call parse.Node, args []parse.Node, dot receiver) {
	s.value(call, dot)
	if len(args) != 1 {
		s.report(call.Position(), "GetPage with "+argsString(args))
		return
	}
	lit, ok := args[0].(*parse.StringNode)
	if !ok {
		s.report(call.Position(), "GetPage "+argsString(args))
		return
	}
	if !fixedPage(s.root, s.slugs, lit.Text) {
		s.report(call.Position(), "GetPage "+lit.Quoted)
	}
}

func argsString(args []parse.Node) string {
	if len(args) == 0 {
		return "no path"
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if _, ok := a.(*parse.PipeNode); ok {
			b.WriteString("(" + a.String() + ")")
			continue
		}
		b.WriteString(a.String())
	}
	return b.String()
}

// value judges an argument and returns what it is.
func (s *templateScan) value(n parse.Node, dot receiver) receiver {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return s.fields(n.Position(), dot, n.Ident)
	case *parse.VariableNode:
		start := rPage // $ is the template's data: the page, or a hook's context
		if n.Ident[0] != "$" {
			start = s.vars[n.Ident[0]]
		}
		return s.fields(n.Position(), start, n.Ident[1:])
	case *parse.IdentifierNode:
		return s.identifier(n.Position(), n.Ident, nil)
	case *parse.ChainNode:
		switch inner := n.Node.(type) {
		case *parse.IdentifierNode:
			return s.identifier(n.Position(), inner.Ident, n.Field)
		case *parse.PipeNode:
			r := s.pipe(inner, dot)
			return s.fields(n.Position(), r, n.Field)
		default:
			return s.fields(n.Position(), s.value(inner, dot), n.Field)
		}
	case *parse.PipeNode:
		s.pipe(n, dot)
		return rUnknown
	case *parse.StringNode:
		// The build's "now" is a site param left out of the site key.
		if n.Text == "policysite" || strings.HasPrefix(n.Text, "policysite.") {
			s.report(n.Position(), n.Quoted)
		}
	}
	return rUnknown
}

// identifier judges a function, or a namespace and the fields read of it.
func (s *templateScan) identifier(pos parse.Pos, name string, fields []string) receiver {
	if reachingFuncs[name] {
		s.report(pos, name)
		return rUnknown
	}
	switch name {
	case "site":
		return s.fields(pos, rSite, fields)
	case "hugo":
		return s.fields(pos, rHugo, fields)
	}
	if fns, ok := reachingNamespaced[name]; ok && len(fields) > 0 && (fns["*"] || fns[fields[0]]) {
		s.report(pos, name+"."+fields[0])
		return rUnknown
	}
	return rUnknown
}

// fields follows the fields read from what starts at r and returns what
// the last one gives.
func (s *templateScan) fields(pos parse.Pos, r receiver, fields []string) receiver {
	for i, f := range fields {
		switch {
		case otherPages[f]:
			s.report(pos, "."+f)
			return rUnknown
		case r == rHome:
			if !homeFine["."+f] {
				s.report(pos, "Home."+f)
			}
			r = rUnknown
		case r == rSite && siteWide[f]:
			s.report(pos, "site."+f)
			return rUnknown
		case r == rHugo && siteWide[f]:
			s.report(pos, "hugo."+f)
			return rUnknown
		case r == rSite && f == "Params" && i+1 < len(fields) && fields[i+1] == "policysite":
			s.report(pos, "site.Params.policysite")
			return rUnknown
		case f == "Site":
			r = rSite
		case f == "Sites" && (r == rSite || r == rHugo || r == rPage):
			r = rSites
		case f == "Home":
			r = rHome
		default:
			r = rUnknown
		}
	}
	return r
}
