package config

import (
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// lineIndex holds the line on which each key, table and array element of a
// TOML document is written, so that an error about a decoded value can send
// its author to the place to fix it. The decoder keeps no positions for the
// values it accepts, so the document is read a second time, by go-toml's own
// parser, rather than by a scanner of ours that would have to agree with it
// on strings, comments and tables.
//
// Paths name what they index the way an author would: "" is the root table,
// "time_zone" a top-level key, "languages[1]" the second [[languages]]
// table (the line of its header), "languages[1].code" a key in it and
// "policies[0]" an element of an array. Keys are lowercased, since go-toml
// gives "Time_Zone" to the field tagged time_zone too.
type lineIndex struct {
	at map[string]int
	// newlines are the offsets of the document's line feeds, from which an
	// offset's line is found without scanning the document again.
	newlines []int
	// tables counts the elements of each array of tables so far, by path,
	// since a header [[a.b]] adds to the last element of a.
	tables map[string]int
	// spellings holds the array tables' paths as written, in their case.
	spellings map[string]bool
}

// indexLines reads data and indexes its lines. For a document that does not
// parse, it holds what comes before the mistake.
func indexLines(data []byte) *lineIndex {
	x := &lineIndex{at: map[string]int{}, tables: map[string]int{}, spellings: map[string]bool{}}
	for i, c := range data {
		if c == '\n' {
			x.newlines = append(x.newlines, i)
		}
	}
	if len(data) > 0 {
		x.at[""] = 1 // the root table starts with the document
	}
	var p unstable.Parser
	p.Reset(data)
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = x.header(e)
		case unstable.KeyValue:
			x.keyValue(table, e)
		}
	}
	return x
}

// line returns the line of the first of paths that the document holds, or
// 0 when it holds none of them: callers list the key itself, then the table
// that should hold it, for a key that is missing.
func (x *lineIndex) line(paths ...string) int {
	for _, p := range paths {
		if n, ok := x.at[p]; ok {
			return n
		}
	}
	return 0
}

// header indexes a [table] or [[array table]] header and returns the path of
// the table it opens.
func (x *lineIndex) header(e *unstable.Node) string {
	it := e.Key()
	path, spelled, line := "", "", 0
	for it.Next() {
		k := it.Node()
		if line == 0 {
			line = x.offsetLine(k.Raw.Offset)
		}
		path, spelled = child(path, strings.ToLower(string(k.Data))), child(spelled, string(k.Data))
		n, isArray := x.tables[path]
		switch {
		case it.IsLast() && e.Kind == unstable.ArrayTable:
			// go-toml starts the slice afresh at the first header of each
			// spelling ([[languages]], then [[Languages]]), and appends to
			// it at the headers that follow.
			if !x.spellings[spelled] {
				x.spellings[spelled], n = true, 0
			}
			x.tables[path] = n + 1
			path, spelled = elem(path, n), elem(spelled, n)
		case isArray:
			// A header within an array of tables belongs to its last element.
			path, spelled = elem(path, n-1), elem(spelled, n-1)
		}
	}
	x.set(path, line)
	return path
}

// keyValue indexes the key of a key-value expression in table, and what its
// value holds.
func (x *lineIndex) keyValue(table string, kv *unstable.Node) {
	path, line := table, 0
	for it := kv.Key(); it.Next(); {
		k := it.Node()
		if line == 0 {
			line = x.offsetLine(k.Raw.Offset)
		}
		path = child(path, strings.ToLower(string(k.Data)))
	}
	x.set(path, line)
	x.value(path, kv.Value(), line)
}

// value indexes the elements of an array and the keys of an inline table;
// line is where the value's key or element starts.
func (x *lineIndex) value(path string, v *unstable.Node, line int) {
	switch v.Kind {
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			p, l := elem(path, i), x.nodeLine(c, line)
			x.set(p, l)
			x.value(p, c, l)
			i++
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				x.keyValue(path, c)
			}
		}
	}
}

// nodeLine returns the line where value v starts, or fallback when go-toml
// records no position for it: an array node has none, so an array within an
// array is placed at its first element.
func (x *lineIndex) nodeLine(v *unstable.Node, fallback int) int {
	if v.Kind != unstable.Array {
		return x.offsetLine(v.Raw.Offset)
	}
	for it := v.Children(); it.Next(); {
		if c := it.Node(); c.Kind != unstable.Comment {
			return x.nodeLine(c, fallback)
		}
	}
	return fallback
}

// set records the line of path. A key written twice in different cases
// (base_url, then Base_URL) is decoded from the last one, so the last line
// wins.
func (x *lineIndex) set(path string, line int) {
	x.at[path] = line
}

// offsetLine returns the 1-based line of a byte offset in the document.
func (x *lineIndex) offsetLine(offset uint32) int {
	return sort.SearchInts(x.newlines, int(offset)) + 1
}

// child returns the path of key within the table at path.
func child(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// elem returns the path of the i-th element of the array at path.
func elem(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
