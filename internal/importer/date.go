package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// labelLines is how far down a text a labelled date ("Effective date: …")
// is looked for, and bareLines how many non-blank lines a date standing on
// a line of its own may come after: a date further down is some clause's,
// not the edition's.
const (
	labelLines = 40
	bareLines  = 4
)

var (
	enMonths = map[string]time.Month{}
	ruMonths = map[string]time.Month{
		"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
		"июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
	}
)

func init() {
	for m := time.January; m <= time.December; m++ {
		enMonths[strings.ToLower(m.String())] = m
		enMonths[strings.ToLower(m.String()[:3])] = m
	}
	enMonths["sept"] = time.September
}

const (
	enMonth = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`
	ruMonth = `(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)`
	// dateRe is every spelling of a date that StatedDate knows, each
	// alternative with its own groups.
	dateExpr = `(?:` +
		enMonth + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + // 1-3: February 1, 2024
		`|(\d{1,2})(?:st|nd|rd|th)?\s+` + enMonth + `,?\s+(\d{4})` + // 4-6: 1 February 2024
		`|«?(\d{1,2})»?\s+` + ruMonth + `\s+(\d{4})(?:\s*(?:г\.?|года))?` + // 7-9: 15 апреля 2014 г.
		`|(\d{4})-(\d{2})-(\d{2})` + // 10-12: 2024-02-01
		`|(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*(?:г\.?|года))?` + // 13-15: 15.04.2014
		`)`
	enLabel = `(?:effective(?:\s+date|\s+as\s+of|\s+from|\s+on)?|last\s+(?:updated|modified|revised|changed)(?:\s+on)?|(?:updated|revised)(?:\s+on)?|date\s+of\s+last\s+revision|version\s+date)`
	ruLabel = `(?:дата\s+вступления\s+в\s+силу|вступает\s+в\s+силу|действует\s+с|редакция\s+от|в\s+редакции\s+от|дата\s+(?:последнего\s+)?(?:обновления|изменения|публикации)|последнее\s+обновление|последние\s+изменения|обновлено|обновлена)`
)

var (
	labelRe = regexp.MustCompile(`(?i)^(?:` + enLabel + `|` + ruLabel + `)\s*(?:[:\-–—]\s*)?` + dateExpr + `\s*\.?\s*$`)
	bareRe  = regexp.MustCompile(`(?i)^` + dateExpr + `\s*\.?\s*$`)
	// markupRe is what Markdown and kramdown put around the words of a
	// date line: emphasis, a list or quote mark, a closing attribute list.
	markupRe = regexp.MustCompile(`[*_` + "`" + `]+`)
	attrRe   = regexp.MustCompile(`\{:[^}]*\}`)
	htmlRe   = regexp.MustCompile(`<[^>]*>`)
)

// StatedDate finds the date a text states for itself near its top: a
// labelled one ("Effective date: February 1, 2024", "Last updated: 2024-02-01",
// «Дата вступления в силу: 4 мая 2026 г.», «Редакция от 15 апреля 2014 г.»)
// within the first lines, or a date on a line of its own right under the
// title («15 апреля 2014 г.», "January 27, 2014"). text is the date as the
// text writes it.
func StatedDate(body string) (date time.Time, text string, ok bool) {
	lines := strings.Split(body, "\n")
	nonBlank := 0
	for i, raw := range lines {
		if i >= labelLines {
			break
		}
		l := clean(raw)
		if l == "" {
			continue
		}
		nonBlank++
		if m := labelRe.FindStringSubmatch(l); m != nil {
			if d, ok := fromGroups(m[1:]); ok {
				return d, dateText(l), true
			}
		}
		if nonBlank <= bareLines {
			if m := bareRe.FindStringSubmatch(l); m != nil {
				if d, ok := fromGroups(m[1:]); ok {
					return d, dateText(l), true
				}
			}
		}
	}
	return time.Time{}, "", false
}

// clean takes the markup out of a line, leaving its words.
func clean(l string) string {
	l = strings.ReplaceAll(l, "\u00a0", " ")
	l = attrRe.ReplaceAllString(l, "")
	l = htmlRe.ReplaceAllString(l, "")
	l = markupRe.ReplaceAllString(l, "")
	l = strings.TrimSpace(l)
	l = strings.TrimLeft(l, "#>-+ \t")
	return strings.Join(strings.Fields(l), " ")
}

var dateOnlyRe = regexp.MustCompile(`(?i)` + dateExpr)

func dateText(l string) string {
	return strings.TrimSpace(dateOnlyRe.FindString(l))
}

// fromGroups reads the date out of dateExpr's groups.
func fromGroups(g []string) (time.Time, bool) {
	var (
		y, d int
		m    time.Month
	)
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	switch {
	case g[0] != "":
		m, d, y = enMonths[strings.ToLower(g[0])], num(g[1]), num(g[2])
	case g[3] != "":
		d, m, y = num(g[3]), enMonths[strings.ToLower(g[4])], num(g[5])
	case g[6] != "":
		d, m, y = num(g[6]), ruMonths[strings.ToLower(g[7])], num(g[8])
	case g[9] != "":
		y, m, d = num(g[9]), time.Month(num(g[10])), num(g[11])
	case g[12] != "":
		d, m, y = num(g[12]), time.Month(num(g[13])), num(g[14])
	default:
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	// 31 June is no date, however it is written.
	if m < 1 || m > 12 || t.Day() != d || t.Month() != m {
		return time.Time{}, false
	}
	return t, true
}

// orderedDay is the day state s, dated day, is posted on: its own, unless
// it comes in the history's own order (s.Ordered) after an edition posted
// later, as a git commit can whose clock was wrong or which a rebase kept
// its date. Then it is that edition's day, so that the editions keep the
// history's order (Make numbers a second edition of a day -2), and moved
// says so; moved is "" otherwise.
func orderedDay(s State, day time.Time, before []File) (posted time.Time, moved string) {
	if !s.Ordered || len(before) == 0 {
		return day, ""
	}
	prev := before[len(before)-1].ID.Date
	if !day.Before(prev) {
		return day, ""
	}
	return prev, fmt.Sprintf("%s is dated %s, before the edition before it (%s); posted %s to keep the history's order",
		s.Name, day.Format(time.DateOnly), prev.Format(time.DateOnly), prev.Format(time.DateOnly))
}
