package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"policysite/internal/policy"
)

// frontMatter finds the front matter that opens lines, a file's lines
// with their "\n", and parses it. end is the index of its closing line. A
// *lineError is the file's line and the message to give there.
func frontMatter(lines []string) (delim string, end int, fields map[string]field, err error) {
	switch strings.TrimRight(lines[0], " \t\n") {
	case "---":
		delim = "---"
	case "+++":
		delim = "+++"
	default:
		return "", 0, nil, &lineError{1, "no front matter: an edition starts with a line \"---\" (YAML) or \"+++\" (TOML)"}
	}
	end = -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == delim {
			end = i
			break
		}
	}
	if end < 0 {
		return "", 0, nil, &lineError{1, fmt.Sprintf("front matter opened here is never closed: add a line %q after it", delim)}
	}
	fm := strings.Join(lines[1:end], "")
	// Line numbers in fm are offset by the opening delimiter.
	if delim == "---" {
		fields, err = parseYAML(fm, 1)
	} else {
		fields, err = parseTOML(fm, 1)
	}
	if err != nil {
		var se *lineError
		if errors.As(err, &se) {
			// A parser may place an error past the front matter; the
			// closing line is where the author would look.
			return "", 0, nil, &lineError{min(max(se.line, 1), end+1), "front matter: " + se.msg}
		}
		return "", 0, nil, err
	}
	return delim, end, fields, nil
}

// unknownKeys warns of each key of fields that the parser does not read,
// in the order of the keys.
func unknownKeys(fields map[string]field, file string) []*policy.Warning {
	var warnings []*policy.Warning
	for _, k := range sortedKeys(fields) {
		if !contains(knownKeys, k) {
			msg := fmt.Sprintf("unknown front matter key %q is ignored", k)
			if near := nearest(k, knownKeys); near != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", near)
			}
			warnings = append(warnings, policy.Errorf(file, fields[k].line, "%s", msg))
		}
	}
	return warnings
}

// setDates sets e's posted and effective moments from fields: posted
// defaults to the first minute of the file name's date, effective to
// posted.
func setDates(e *policy.Edition, fields map[string]field, o ParseOptions) ([]*policy.Warning, error) {
	var warnings []*policy.Warning
	fileDate := DayStart(o.Name.ID.Date.Year(), o.Name.ID.Date.Month(), o.Name.ID.Date.Day(), o.Location)
	e.Posted = fileDate
	if f, ok := fields["posted"]; ok {
		t, hasTime, note, err := f.moment(o.Location)
		if err != nil {
			return warnings, policy.Errorf(o.File, f.line, "posted: %v", err)
		}
		if note != "" {
			warnings = append(warnings, policy.Errorf(o.File, f.line, "posted: %s", note))
		}
		e.Posted, e.PostedHasTime = t, hasTime
		if y, m, d := t.In(o.Location).Date(); y != fileDate.Year() || m != fileDate.Month() || d != fileDate.Day() {
			warnings = append(warnings, policy.Errorf(o.File, f.line,
				"posted %s is not the date in the file name (%s); the file name's date is the edition's id",
				t.In(o.Location).Format("2006-01-02"), o.Name.ID.Date.Format("2006-01-02")))
		}
	}
	e.Effective, e.EffectiveHasTime = e.Posted, e.PostedHasTime
	if f, ok := fields["effective"]; ok {
		t, hasTime, note, err := f.moment(o.Location)
		if err != nil {
			return warnings, policy.Errorf(o.File, f.line, "effective: %v", err)
		}
		if note != "" {
			warnings = append(warnings, policy.Errorf(o.File, f.line, "effective: %s", note))
		}
		if t.Before(e.Posted) {
			return warnings, policy.Errorf(o.File, f.line, "effective (%s) is before posted (%s): an edition cannot take effect before it is posted",
				t.Format(time.RFC3339), e.Posted.Format(time.RFC3339))
		}
		e.Effective, e.EffectiveHasTime, e.EffectiveSet = t, hasTime, true
	}
	return warnings, nil
}

type fieldKind int

const (
	kindString fieldKind = iota
	kindTime             // a TOML date-time with an offset
	kindLocalDateTime
	kindLocalDate
	kindOther
)

// field is one front matter value with the line it is on.
type field struct {
	line int
	kind fieldKind
	str  string
	t    time.Time
	// isBool is true when the value is a boolean, b.
	isBool bool
	b      bool
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var (
	yamlLineRe   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchorRe = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlParserProblems are the problems that yaml.v3's parser, rather than
// its scanner, reports. It numbers their lines from 0 (and leaves line 0
// out), where the scanner numbers from 1.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func parseYAML(src string, offset int) (map[string]field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, yamlError(err.Error(), src, offset)
	}
	out := map[string]field{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &lineError{root.Line + offset, "front matter must be a set of `key: value` lines"}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := out[k.Value]; dup {
			return nil, &lineError{k.Line + offset, fmt.Sprintf("key %q is given twice", k.Value)}
		}
		f := field{line: k.Line + offset, kind: kindOther}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			f.kind, f.str = kindString, v.Value
			// A title may read as a boolean and is still text; only draft
			// asks whether it was one. yaml.v3 reads true and false (in
			// any case) so, and not yes or on.
			f.isBool, f.b = v.Tag == "!!bool", strings.EqualFold(v.Value, "true")
		}
		out[k.Value] = f
	}
	return out, nil
}

// yamlError gives a yaml.v3 error the line of the file it is on.
func yamlError(msg, src string, offset int) *lineError {
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		if yamlParserProblems[m[2]] {
			n++
		}
		return &lineError{n + offset, m[2]}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	n := 1
	// An alias to an anchor never defined comes without a line.
	if m := yamlAnchorRe.FindStringSubmatch("yaml: " + msg); m != nil {
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, "*"+m[1]) {
				n = i + 1
				break
			}
		}
	}
	return &lineError{n + offset, msg}
}

func parseTOML(src string, offset int) (map[string]field, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(src), &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &lineError{row + offset, de.Error()}
		}
		return nil, err
	}
	lines := strings.Split(src, "\n")
	out := map[string]field{}
	for k, v := range m {
		f := field{line: tomlKeyLine(lines, k) + offset, kind: kindOther}
		switch v := v.(type) {
		case string:
			f.kind, f.str = kindString, v
		case bool:
			f.kind, f.isBool, f.b = kindOther, true, v
		case time.Time:
			f.kind, f.t = kindTime, v
		case toml.LocalDateTime:
			f.kind, f.str = kindLocalDateTime, v.String()
		case toml.LocalDate:
			f.kind, f.str = kindLocalDate, v.String()
		}
		out[k] = f
	}
	return out, nil
}

// tomlKeyLine finds the line that sets key, since go-toml reports positions
// only for syntax errors: `key =`, a quoted key, a dotted key `key.sub =`,
// or a table `[key]`.
func tomlKeyLine(lines []string, key string) int {
	re := regexp.MustCompile(`^\s*(?:\[\[?\s*)?(?:` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `')\s*[=.\]]`)
	for i, l := range lines {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 1
}
