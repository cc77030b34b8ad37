package changeterms

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"policysite/internal/policy"
)

// Check keeps an edition history's dates honest with what its editions say
// about changes. eds are one language's editions of a policy in history
// order, posted or not, and terms what each says. It warns when:
//   - a notice period is not respected: the edition takes effect sooner
//     after it is posted than the edition it amends, or itself, requires.
//     A period kept for material changes counts only for an edition whose
//     front matter says its changes are material (`material: true`);
//   - an edition takes effect later than it is posted while its text says
//     editions take effect on posting, neither providing otherwise, nor
//     stating the later date, nor holding it to a notice period;
//   - an edition says nothing about how it changes;
//   - an edition is posted while an earlier one has not yet taken effect.
func Check(eds []*policy.Edition, terms map[*policy.Edition]Terms) []*policy.Warning {
	var out []*policy.Warning
	for i, e := range eds {
		t := terms[e]
		if t.Empty() {
			out = append(out, policy.Errorf(e.File, 0, "the edition says nothing about how the policy changes or when a new edition takes effect, so readers cannot tell from when an edition binds them: add a clause such as \"a new edition takes effect from the moment it is posted\""))
		}
		gap := e.Effective.Sub(e.Posted)
		// The edition being amended sets the rules of its amendment; the new
		// edition's own rules must hold for it too.
		var held bool
		if gov := governing(eds[:i], e); gov != nil {
			if f := noticeFor(terms[gov], e.Material); f.Days > 0 {
				held = true
				if gap < days(f.Days) {
					out = append(out, policy.Errorf(e.File, 0, "takes effect %s after it is posted, but the edition it amends (%s, clause %s) requires %d days' notice%s: set effective to %s or later",
						span(gap), gov.File, orText(f.Clause), f.Days, scoped(f), e.Posted.Add(days(f.Days)).Format(time.RFC3339)))
				}
			}
		}
		if f := noticeFor(t, e.Material); i > 0 && f.Days > 0 {
			held = true
			if gap < days(f.Days) {
				out = append(out, policy.Errorf(e.File, line(e, f), "takes effect %s after it is posted, but its own clause %s requires %d days' notice%s: set effective to %s or later",
					span(gap), orText(f.Clause), f.Days, scoped(f), e.Posted.Add(days(f.Days)).Format(time.RFC3339)))
			}
		}
		// A notice period that holds the edition explains a later date
		// however the text words the general rule.
		if gap > 0 && !held && t.Has(OnPosting) && !t.Has(UnlessOtherwise) && !mentionsDate(e.Body, e.Effective) {
			f := first(t, OnPosting)
			out = append(out, policy.Errorf(e.File, line(e, f), "takes effect on %s, later than it is posted, but clause %s says a new edition takes effect on posting and the text neither provides otherwise nor states that date",
				e.Effective.Format("2006-01-02"), orText(f.Clause)))
		}
		out = append(out, waiting(eds[:i], e)...)
	}
	return out
}

// waiting warns when e is posted while an edition before it has not yet
// taken effect.
func waiting(before []*policy.Edition, e *policy.Edition) []*policy.Warning {
	var out []*policy.Warning
	for _, d := range before {
		if d.Posted.Before(e.Posted) && e.Posted.Before(d.Effective) {
			out = append(out, policy.Errorf(e.File, 0, "posted on %s while the edition %s, posted on %s, had not yet taken effect (it does on %s): readers see two editions waiting, and may never see %s apply",
				e.Posted.Format(time.RFC3339), d.ID, d.Posted.Format(time.RFC3339), d.Effective.Format(time.RFC3339), d.ID))
		}
	}
	return out
}

// NoticeDaysFor returns the longest notice period the edition states that
// holds for an amendment whose changes are material (material) or not
// said to be: a period the text keeps for material changes holds only for
// the former, since for any other change the text asks no notice.
func (t Terms) NoticeDaysFor(material bool) int { return noticeFor(t, material).Days }

// noticeFor returns the finding of the longest notice period of t that
// holds for an amendment, material or not; its Days is 0 if none does.
func noticeFor(t Terms, material bool) Finding {
	var best Finding
	for _, f := range t.Findings {
		if f.Kind == NoticePeriod && (f.Scope == "" || (f.Scope == Material && material)) && f.Days > best.Days {
			best = f
		}
	}
	return best
}

// scoped is what a warning adds to a notice period kept for material
// changes, so that the author sees why the period holds.
func scoped(f Finding) string {
	if f.Scope == Material {
		return " of material changes, which the front matter (material: true) says this edition makes"
	}
	return ""
}

// governing returns the edition in force just before e was posted, among
// the editions before it.
func governing(before []*policy.Edition, e *policy.Edition) *policy.Edition {
	tl := policy.NewTimeline(before, e.Posted.Add(-time.Nanosecond))
	return tl.Current()
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// span writes a duration in days, or hours when under two days.
func span(d time.Duration) string {
	if d < 48*time.Hour {
		h := int(d / time.Hour)
		if h == 1 {
			return "1 hour"
		}
		return strconv.Itoa(h) + " hours"
	}
	n := int(d / (24 * time.Hour))
	return strconv.Itoa(n) + " days"
}

func first(t Terms, k Kind) Finding {
	for _, f := range t.Findings {
		if f.Kind == k {
			return f
		}
	}
	return Finding{}
}

func orText(clause string) string {
	if clause == "" {
		return "(unnumbered)"
	}
	return clause
}

// line is a finding's line in its edition's file.
func line(e *policy.Edition, f Finding) int {
	if f.Line <= 0 || e.BodyLine <= 0 {
		return 0
	}
	return e.BodyLine + f.Line - 1
}

var (
	monthsRu = []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	monthsEn = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)

// mentionsDate reports whether text states the calendar date of t, in one
// of the ways Russian and English policies write dates.
func mentionsDate(text string, t time.Time) bool {
	s := strings.ToLower(strings.NewReplacer("\u00a0", " ", "ё", "е").Replace(text))
	y, m, d := t.Date()
	forms := []string{
		t.Format("2006-01-02"),
		fmt.Sprintf("%02d.%02d.%d", d, int(m), y),
		fmt.Sprintf("%d.%02d.%d", d, int(m), y),
		fmt.Sprintf("%d %s %d", d, monthsRu[m-1], y),
		fmt.Sprintf("%02d %s %d", d, monthsRu[m-1], y),
		fmt.Sprintf("«%d» %s %d", d, monthsRu[m-1], y),
		fmt.Sprintf("«%02d» %s %d", d, monthsRu[m-1], y),
		fmt.Sprintf("%s %d, %d", monthsEn[m-1], d, y),
		fmt.Sprintf("%s %02d, %d", monthsEn[m-1], d, y),
		fmt.Sprintf("%d %s %d", d, monthsEn[m-1], y),
	}
	for _, f := range forms {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}
