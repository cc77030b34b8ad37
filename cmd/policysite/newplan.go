package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"policysite/internal/config"
	"policysite/internal/policy"
	"policysite/internal/source"
)

// moment is a time as given: with a time of day, or a date alone.
type moment struct {
	t       time.Time
	hasTime bool
}

// newPlan is what new is to write, and what it tells the author.
type newPlan struct {
	files []newFile
	notes []string
}

// planNew plans the new edition of pol in langs (nil for every language
// the policy has editions in), posted at posted, from the editions in force
// at now.
func planNew(pol *policy.Policy, cfg *config.Site, langs []policy.Lang, posted moment, now time.Time) (*newPlan, error) {
	loc := cfg.Location
	have := pol.Langs(cfg.Codes())
	if langs == nil {
		langs = have
	}
	for _, l := range langs {
		if len(pol.Editions[l]) == 0 {
			return nil, fmt.Errorf("policy %s has no editions in %s, so there is nothing to start from; it has editions in %s", pol.Slug, l, policy.JoinLangs(have))
		}
	}
	// One edition in several languages has one id: the posted date,
	// numbered after every edition of that date in the chosen languages.
	var taken []policy.ID
	for _, l := range langs {
		for _, e := range pol.Editions[l] {
			taken = append(taken, e.ID)
		}
	}
	id := newID(posted.t, loc, taken)

	plan := &newPlan{}
	later := map[string][]policy.Lang{} // note → languages, to say it once
	var laterOrder []string
	for _, l := range langs {
		f, after, err := draftFile(pol, l, id, posted, now, loc)
		if err != nil {
			return nil, err
		}
		plan.files = append(plan.files, f)
		if after != "" {
			if later[after] == nil {
				laterOrder = append(laterOrder, after)
			}
			later[after] = append(later[after], l)
		}
	}
	for _, n := range laterOrder {
		its, it := "its", "it"
		if strings.Contains(n, ",") {
			its, it = "their", "them"
		}
		plan.notes = append(plan.notes, fmt.Sprintf("Later than the edition copied, so not in the copy: %s in %s; carry %s changes over by hand if the new edition builds on %s.", n, policy.JoinLangs(later[n]), its, it))
	}
	if id.Seq > 1 {
		plan.notes = append(plan.notes, sameDayNote(pol, langs, id, posted.t, loc))
	}
	// With --lang, the id may already be an edition's in another language:
	// the new file then is that edition's translation.
	for _, l := range have {
		if slices.Contains(langs, l) {
			continue
		}
		if e := pol.Find(l, id); e != nil {
			plan.notes = append(plan.notes, fmt.Sprintf("%s has the same id, so the new edition is its translation: give both the same posted and effective.", e.File))
		}
	}
	return plan, nil
}

// draftFile makes the file of edition id of pol in lang, copied from the
// edition in force at now. after lists the editions later than the one
// copied, with their statuses, or is "".
func draftFile(pol *policy.Policy, lang policy.Lang, id policy.ID, posted moment, now time.Time, loc *time.Location) (f newFile, after string, err error) {
	eds := pol.Editions[lang]
	// Drafts are not on the timeline, as they are on no site: the edition
	// in force is a published one.
	tl := policy.NewTimeline(slices.DeleteFunc(slices.Clone(eds), func(e *policy.Edition) bool { return e.Draft }), now)
	from, why := sourceEdition(tl, eds)
	rel := source.Dir + "/" + pol.Slug + "/" + id.String() + "." + string(lang) + ".md"
	data, err := draft(from, posted)
	if err != nil {
		return newFile{}, "", fmt.Errorf("new: %s: %w", from.File, err)
	}
	// The file must read back as the edition it means to be; anything
	// else is a bug here, and is better caught before writing.
	e, _, err := source.ParseEdition(data, source.ParseOptions{File: rel, Policy: pol.Slug, Name: source.FileName{ID: id, Lang: lang}, Location: loc})
	if err != nil {
		return newFile{}, "", fmt.Errorf("new: the file for %s would not parse (a bug in policysite): %v", rel, err)
	}
	// Warnings are not checked here: a parser that one day warns about a
	// draft's empty summary must not stop new (its unit test notices).
	if e.Body != from.Body || e.Title != from.Title || !e.Posted.Equal(posted.t) || !e.Draft {
		return newFile{}, "", fmt.Errorf("new: the file for %s would not read back as written (a bug in policysite)", rel)
	}
	// Editions after the copied one are not in the copy: an upcoming
	// edition's changes would be silently dropped unless the author knows.
	var later []string
	for _, e := range eds[slices.Index(eds, from)+1:] {
		st := "draft"
		if !e.Draft {
			st = statusWords(tl.StatusOf(e))
		}
		later = append(later, fmt.Sprintf("%s (%s)", e.ID, st))
	}
	return newFile{rel: rel, from: from, fromWhy: why, data: data}, strings.Join(later, ", "), nil
}

// sameDayNote says that id is a further edition of its day, and when
// posted is before the day's latest edition, that it should follow it.
func sameDayNote(pol *policy.Policy, langs []policy.Lang, id policy.ID, posted time.Time, loc *time.Location) string {
	first := id
	first.Seq = 1
	var in []policy.Lang
	var lastSameDay *policy.Edition
	for _, l := range langs {
		for _, e := range pol.Editions[l] {
			if e.ID.Date.Equal(id.Date) {
				if !slices.Contains(in, l) {
					in = append(in, l)
				}
				if lastSameDay == nil || e.Posted.After(lastSameDay.Posted) {
					lastSameDay = e
				}
			}
		}
	}
	n := fmt.Sprintf("%s is taken in %s, so this is a further edition of that day: %s.", first, policy.JoinLangs(in), id)
	if lastSameDay != nil && posted.Before(lastSameDay.Posted) {
		n += fmt.Sprintf(" Set its posted after %s, when %s is posted, so that it follows it.", lastSameDay.Posted.In(loc).Format(time.RFC3339), lastSameDay.ID)
	}
	return n
}

// sourceEdition picks the edition to copy: the one in force on tl, else
// the latest posted, else the latest of tl, else the latest of eds, which
// are all drafts then. why is empty for the edition in force and
// otherwise says which fallback it is.
func sourceEdition(tl *policy.Timeline, eds []*policy.Edition) (e *policy.Edition, why string) {
	if cur := tl.Current(); cur != nil {
		return cur, ""
	}
	for i := len(tl.Editions) - 1; i >= 0; i-- {
		if tl.Status[i] != policy.StatusUnposted {
			return tl.Editions[i], "the latest posted edition: none is in force yet"
		}
	}
	if len(tl.Editions) > 0 {
		return tl.Editions[len(tl.Editions)-1], "the latest edition: none is posted yet"
	}
	return eds[len(eds)-1], "the latest draft: every edition is a draft"
}

// statusWords is a status as a note says it.
func statusWords(s policy.Status) string {
	switch s {
	case policy.StatusUnposted:
		return "not yet posted"
	case policy.StatusInForce:
		return "in force"
	}
	return string(s)
}

// parsePosted reads --posted: a date, meaning the start of that day in loc
// as in front matter, or an RFC 3339 moment with an offset a time zone
// uses.
func parsePosted(s string, loc *time.Location) (moment, error) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return moment{t: source.DayStart(d.Year(), d.Month(), d.Day(), loc)}, nil
	}
	t, err := source.ParseRFC3339(s)
	if err == nil {
		return moment{t: t, hasTime: true}, nil
	}
	if errors.Is(err, source.ErrOffset) {
		return moment{}, fmt.Errorf("--posted %q: %v", s, err)
	}
	return moment{}, fmt.Errorf("--posted %q is not a date such as 2026-12-01 or an RFC 3339 date-time such as 2026-12-01T10:00:00+03:00", s)
}

// nextMidnight returns the start of the day after now's in loc, as a date
// alone reads there. A draft posted then is not published by a build run
// the day it is started.
func nextMidnight(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return source.DayStart(y, m, d+1, loc)
}

// newID returns the id of an edition posted at posted: its date in loc, as
// the parser reads a file name, numbered after every edition of that date in
// taken, so that a further edition of a day follows the day's others.
func newID(posted time.Time, loc *time.Location, taken []policy.ID) policy.ID {
	y, m, d := posted.In(loc).Date()
	id := policy.ID{Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Seq: 1}
	for _, t := range taken {
		if t.Date.Equal(id.Date) && t.Seq >= id.Seq {
			id.Seq = t.Seq + 1
		}
	}
	return id
}

// draft returns the file that starts a new edition from src: fresh front
// matter in src's own format (YAML or TOML), posted at posted, and src's
// body unchanged.
func draft(src *policy.Edition, posted moment) ([]byte, error) {
	var b bytes.Buffer
	err := source.WriteEdition(&b, source.FrontMatter{
		TOML: src.TOML, Title: src.Title, Posted: posted.t, PostedHasTime: posted.hasTime, Draft: true,
	}, src.Body)
	return b.Bytes(), err
}
