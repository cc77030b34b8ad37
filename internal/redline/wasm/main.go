//go:build js && wasm

// Command wasm is the redline package compiled to WebAssembly, so that a
// reader's browser can compare any two editions with the very code that
// renders the site's pre-rendered redlines: a second diff implementation in
// JavaScript would sooner or later disagree with them.
//
// It defines one JavaScript function and then waits for calls:
//
//	policysiteRedline(oldText, newText, pageJSON) → {inline, side, summary, stats, clauses, same}
//	policysiteRedline(oldText, newText, pageJSON, oldMarksJSON, newMarksJSON) → the same
//
// or {error} when an argument cannot be used. The texts are always plain
// texts, an edition's "text". With three arguments only the words are
// compared, as redline.Diff does; with five, each marks argument is the
// marks of its text, a JSON object with the "blocks", "links" and
// "styles" of the edition's index.json (internal/textmark; other keys,
// the whole index.json included, are ignored), and link addresses and
// formatting are compared too, as redline.DiffDocs does and the
// pre-rendered redlines do. A marks argument may be "" for a text without
// marks; marks that do not describe their text are left out, as
// redline.DiffDocs leaves them out, rather than failing the comparison.
// The number of arguments decides, never their content, so that no text
// can be taken for marks.
//
// pageJSON carries the reader's language, the two column headings and the
// redline_* messages of i18n/<lang>.toml (see the page type). inline and
// side are the two views' HTML, which show changed links, formatting and
// paragraph breaks as the pre-rendered pages do; summary is the sentence
// of what changed; stats is the JSON of redline.Stats; clauses is the JSON
// list of the changed clauses (number, old_number, anchor, title, change);
// same is true when nothing but normalisation differs.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"

	"policysite/internal/redline"
	"policysite/internal/textmark"
)

// page is what the compare page passes as its third argument.
type page struct {
	// Lang is a BCP 47 tag; Intl.PluralRules picks plural forms for it, by
	// the same CLDR rules that the site build's messages follow.
	Lang string `json:"lang"`
	// Old and New head the columns of the side-by-side view.
	Old string `json:"old"`
	New string `json:"new"`
	// Messages holds each message that redline.Summary and
	// redline.LocalLabels ask for, by CLDR plural category ("other" alone
	// for a message without plurals), with %d where the count goes and %s
	// where the message's one string argument goes.
	Messages map[string]map[string]string `json:"messages"`
}

// changed is an entry in the list of changed clauses.
type changed struct {
	Number    string `json:"number"`
	OldNumber string `json:"old_number"`
	Anchor    string `json:"anchor"`
	Title     string `json:"title"`
	Change    string `json:"change"`
}

func main() {
	js.Global().Set("policysiteRedline", js.FuncOf(call))
	// The function must outlive main's return, so main never returns.
	select {}
}

// call is policysiteRedline. A panic would end the program and leave the
// page with a dead function, so errors come back as {error}.
func call(_ js.Value, args []js.Value) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = map[string]any{"error": fmt.Sprint("redline: ", r)}
		}
	}()
	if len(args) != 3 && len(args) != 5 {
		return map[string]any{"error": "policysiteRedline takes three strings, the old text, the new text and the page's JSON, " +
			"and then maybe two more: the marks of the old and of the new text, as JSON"}
	}
	for _, a := range args {
		if a.Type() != js.TypeString {
			return map[string]any{"error": "policysiteRedline takes strings, not " + a.Type().String()}
		}
	}
	old := redline.Doc{Text: args[0].String()}
	new := redline.Doc{Text: args[1].String()}
	if len(args) == 5 {
		var err error
		if old.Marks, err = marks(args[3].String()); err != nil {
			return map[string]any{"error": "the old text's marks: " + err.Error()}
		}
		if new.Marks, err = marks(args[4].String()); err != nil {
			return map[string]any{"error": "the new text's marks: " + err.Error()}
		}
	}
	res, err := compare(old, new, args[2].String())
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	return res
}

// marks reads a marks argument: "" for none, else the JSON of
// textmark.Marks, which an edition's index.json is a superset of.
func marks(s string) (textmark.Marks, error) {
	var m textmark.Marks
	if s == "" {
		return m, nil
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return textmark.Marks{}, err
	}
	return m, nil
}

func compare(old, new redline.Doc, pageJSON string) (map[string]any, error) {
	var p page
	if err := json.Unmarshal([]byte(pageJSON), &p); err != nil {
		return nil, fmt.Errorf("read the page's JSON: %w", err)
	}
	if p.Lang == "" {
		return nil, errors.New("the page's JSON names no language")
	}
	tr := &translator{msgs: p.Messages, rules: js.Global().Get("Intl").Get("PluralRules").New(p.Lang)}
	labels, err := redline.LocalLabels(tr)
	if err != nil {
		return nil, err
	}
	labels.Old, labels.New = p.Old, p.New

	// DiffDocs of texts without marks is Diff.
	res := redline.DiffDocs(old, new)
	summary, err := redline.Summary(tr, res.Stats)
	if err != nil {
		return nil, err
	}
	inline, side := res.HTML(labels)
	stats, err := json.Marshal(res.Stats)
	if err != nil {
		return nil, err
	}
	list := []changed{}
	for _, c := range res.Clauses {
		if c.Change != redline.Unchanged {
			list = append(list, changed{Number: c.Number, OldNumber: c.OldNumber, Anchor: c.Anchor, Title: c.Title, Change: string(c.Change)})
		}
	}
	clauses, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"inline":  inline,
		"side":    side,
		"summary": summary,
		"stats":   string(stats),
		"clauses": string(clauses),
		"same":    res.Same(),
	}, nil
}

// translator is redline.Translator over the messages the page passes.
type translator struct {
	msgs  map[string]map[string]string
	rules js.Value // an Intl.PluralRules
}

func (t *translator) T(id string, data map[string]any) (string, error) {
	return t.form(id, "other", "", data)
}

func (t *translator) N(id string, count int, data map[string]any) (string, error) {
	cat := t.rules.Call("select", count).String()
	return t.form(id, cat, strconv.Itoa(count), data)
}

// form fills in the form cat of message id. Like go-i18n on the server, it
// refuses a missing message or form rather than guess one.
func (t *translator) form(id, cat, count string, data map[string]any) (string, error) {
	forms, ok := t.msgs[id]
	if !ok {
		return "", fmt.Errorf("message %q is not on the page", id)
	}
	s, ok := forms[cat]
	if !ok {
		return "", fmt.Errorf("message %q has no %q form on the page", id, cat)
	}
	var pairs []string
	if count != "" {
		pairs = append(pairs, "%d", count)
	}
	var arg []string
	for _, v := range data {
		if v, ok := v.(string); ok {
			arg = append(arg, v)
		}
	}
	switch len(arg) {
	case 0:
	case 1:
		pairs = append(pairs, "%s", arg[0])
	default:
		return "", fmt.Errorf("message %q: the page's messages take one string argument, not %d", id, len(arg))
	}
	if len(pairs) == 0 {
		return s, nil
	}
	// One pass, so that an argument containing %d is left as it is.
	return strings.NewReplacer(pairs...).Replace(s), nil
}
