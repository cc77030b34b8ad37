package changeterms

import (
	"strings"
	"testing"
	"time"

	"policysite/internal/policy"
)

func edition(id, posted, effective, body string) *policy.Edition {
	pid, err := policy.ParseID(id)
	if err != nil {
		panic(err)
	}
	p, err := time.Parse(time.RFC3339, posted)
	if err != nil {
		panic(err)
	}
	e := p
	if effective != "" {
		if e, err = time.Parse(time.RFC3339, effective); err != nil {
			panic(err)
		}
	}
	return &policy.Edition{Policy: "privacy", ID: pid, Lang: "ru", Posted: p, Effective: e, Body: body, BodyLine: 5,
		File: "versions/privacy/" + id + ".ru.md"}
}

var (
	onPosting = Terms{Findings: []Finding{{Kind: OnPosting, Clause: "9.2", Line: 3}, {Kind: ContinuedUse, Clause: "9.3", Line: 5}}}
	unless    = Terms{Findings: []Finding{{Kind: OnPosting, Clause: "9.2", Line: 3}, {Kind: UnlessOtherwise, Clause: "9.2", Line: 3}}}
	notice30  = Terms{Findings: []Finding{{Kind: NoticePeriod, Clause: "9.2", Line: 3, Days: 30}}}
	// material30: on posting, but material changes after 30 days' notice.
	material30 = Terms{Findings: []Finding{{Kind: OnPosting, Clause: "9.2", Line: 3}, {Kind: NoticePeriod, Clause: "9.3", Line: 5, Days: 30, Scope: Material}}}
	// mixed: 10 days' notice of any change, 30 of a material one.
	mixed = Terms{Findings: []Finding{{Kind: NoticePeriod, Clause: "9.2", Line: 3, Days: 10}, {Kind: NoticePeriod, Clause: "9.3", Line: 5, Days: 30, Scope: Material}}}
)

// material is e with `material: true` in its front matter.
func material(e *policy.Edition) *policy.Edition {
	e.Material = true
	return e
}

func TestCheckKeepsDatesHonest(t *testing.T) {
	tests := []struct {
		name  string
		eds   []*policy.Edition
		terms []Terms
		want  []string // one substring per warning, in order
	}{
		{
			name:  "on posting, effective on posting: nothing to say",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "", "")},
			terms: []Terms{onPosting},
		},
		{
			name:  "no change clause at all",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "", "")},
			terms: []Terms{{}},
			want:  []string{"versions/privacy/2024-01-10.ru.md: the edition says nothing about how the policy changes"},
		},
		{
			name:  "on posting, but effective later and the text is silent about it",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-01T00:00:00+03:00", "Текст без даты.")},
			terms: []Terms{onPosting},
			want:  []string{"versions/privacy/2024-01-10.ru.md:7: takes effect on 2024-02-01, later than it is posted, but clause 9.2 says"},
		},
		{
			name:  "on posting, effective later, and the text states the date",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-01T00:00:00+03:00", "Редакция вступает в силу 1 февраля 2024 г.")},
			terms: []Terms{onPosting},
		},
		{
			name:  "the date in numbers counts as stated",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-01T00:00:00+03:00", "Дата вступления в силу: 01.02.2024.")},
			terms: []Terms{onPosting},
		},
		{
			name:  "English date",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-01T00:00:00+03:00", "Effective date: February 1, 2024")},
			terms: []Terms{onPosting},
		},
		{
			name:  "on posting unless otherwise: a later date is allowed",
			eds:   []*policy.Edition{edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-01T00:00:00+03:00", "")},
			terms: []Terms{unless},
		},
		{
			name: "the amended edition's notice period is not respected",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-01-20T12:00:00+03:00", ""),
			},
			terms: []Terms{notice30, unless},
			want:  []string{"versions/privacy/2024-01-10.ru.md: takes effect 10 days after it is posted, but the edition it amends (versions/privacy/2023-01-10.ru.md, clause 9.2) requires 30 days' notice: set effective to 2024-02-09T12:00:00+03:00 or later"},
		},
		{
			name: "the notice period respected",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-09T12:00:00+03:00", ""),
			},
			terms: []Terms{notice30, notice30},
		},
		{
			name: "its own notice period is not respected",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-01-11T00:00:00+03:00", ""),
			},
			terms: []Terms{unless, notice30},
			want:  []string{"versions/privacy/2024-01-10.ru.md:7: takes effect 12 hours after it is posted, but its own clause 9.2 requires 30 days' notice"},
		},
		{
			name:  "the first edition amends nothing, so its notice period has nothing to hold for",
			eds:   []*policy.Edition{edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", "")},
			terms: []Terms{notice30},
		},
		{
			name: "a notice period of material changes does not hold for an edition not said to make them",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "", ""),
			},
			terms: []Terms{material30, material30},
		},
		{
			name: "a notice period of material changes holds for an edition that says it makes them",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				material(edition("2024-01-10", "2024-01-10T12:00:00+03:00", "", "")),
			},
			terms: []Terms{material30, material30},
			want: []string{
				"versions/privacy/2024-01-10.ru.md: takes effect 0 hours after it is posted, but the edition it amends (versions/privacy/2023-01-10.ru.md, clause 9.3) requires 30 days' notice of material changes, which the front matter (material: true) says this edition makes: set effective to 2024-02-09T12:00:00+03:00 or later",
				"versions/privacy/2024-01-10.ru.md:9: takes effect 0 hours after it is posted, but its own clause 9.3 requires 30 days' notice of material changes",
			},
		},
		{
			name: "material changes after their notice period: the later date is the text's, not against its on-posting rule",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				material(edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-02-09T12:00:00+03:00", "Текст без даты.")),
			},
			terms: []Terms{material30, material30},
		},
		{
			name: "a notice period of every change still holds for an edition not said to be material",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "", ""),
			},
			terms: []Terms{notice30, unless},
			want:  []string{"versions/privacy/2024-01-10.ru.md: takes effect 0 hours after it is posted, but the edition it amends (versions/privacy/2023-01-10.ru.md, clause 9.2) requires 30 days' notice: set effective"},
		},
		{
			name: "of two periods, the one for every change holds for an edition not said to be material",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-01-15T12:00:00+03:00", ""),
			},
			terms: []Terms{mixed, unless},
			want:  []string{"(versions/privacy/2023-01-10.ru.md, clause 9.2) requires 10 days' notice: set effective to 2024-01-20T12:00:00+03:00 or later"},
		},
		{
			name: "of two periods, the longer one for material changes holds for an edition that says it makes them",
			eds: []*policy.Edition{
				edition("2023-01-10", "2023-01-10T12:00:00+03:00", "", ""),
				material(edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-01-25T12:00:00+03:00", "")),
			},
			terms: []Terms{mixed, unless},
			want:  []string{"(versions/privacy/2023-01-10.ru.md, clause 9.3) requires 30 days' notice of material changes"},
		},
		{
			name: "posted while an earlier edition was still upcoming",
			eds: []*policy.Edition{
				edition("2024-01-10", "2024-01-10T12:00:00+03:00", "2024-03-01T00:00:00+03:00", "1 марта 2024"),
				edition("2024-02-01", "2024-02-01T12:00:00+03:00", "", ""),
			},
			terms: []Terms{unless, unless},
			want:  []string{"versions/privacy/2024-02-01.ru.md: posted on 2024-02-01T12:00:00+03:00 while the edition 2024-01-10, posted on 2024-01-10T12:00:00+03:00, had not yet taken effect"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms := map[*policy.Edition]Terms{}
			for i, e := range tt.eds {
				terms[e] = tt.terms[i]
			}
			got := Check(tt.eds, terms)
			if len(got) != len(tt.want) {
				t.Fatalf("Check gave %d warnings, want %d: %v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i].Error(), w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

// TestNoticeDaysFor: a period kept for material changes counts only when
// the amendment's changes are material; one for every change always does.
func TestNoticeDaysFor(t *testing.T) {
	for _, tc := range []struct {
		name            string
		terms           Terms
		other, material int
	}{
		{"none", onPosting, 0, 0},
		{"every change", notice30, 30, 30},
		{"material changes only", material30, 0, 30},
		{"both", mixed, 10, 30},
	} {
		if got := tc.terms.NoticeDaysFor(false); got != tc.other {
			t.Errorf("%s: NoticeDaysFor(false) = %d, want %d", tc.name, got, tc.other)
		}
		if got := tc.terms.NoticeDaysFor(true); got != tc.material {
			t.Errorf("%s: NoticeDaysFor(true) = %d, want %d", tc.name, got, tc.material)
		}
	}
}

// TestSameRulesSeesANoticeNarrowedToMaterialChanges: a notice period of
// the same length for material changes only is another rule for readers.
func TestSameRulesSeesANoticeNarrowedToMaterialChanges(t *testing.T) {
	all := Terms{Findings: []Finding{{Kind: NoticePeriod, Days: 30}}}
	material := Terms{Findings: []Finding{{Kind: NoticePeriod, Days: 30, Scope: Material}}}
	if all.SameRules(material) {
		t.Error("a 30-day notice for all changes and one for material changes read as the same rules")
	}
	if !material.SameRules(Terms{Findings: []Finding{{Kind: NoticePeriod, Days: 30, Scope: Material, Clause: "9.3"}}}) {
		t.Error("the same notice in another clause read as other rules")
	}
}
