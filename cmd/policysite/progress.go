package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"policysite/internal/l10n"
)

// progress shows a long build's progress on stderr. A build that ends
// within progressDelay shows nothing, so that short builds and scripts see
// only the summary. On a terminal it redraws one line at most every
// ttyEvery; elsewhere (a pipe, CI) it prints a plain line at most every
// plainEvery, which a log can keep. The clock is read only for this
// display: nothing of it reaches the site.
type progress struct {
	w     io.Writer
	tty   bool
	now   func() time.Time
	start time.Time
	// loc, when not nil, words the lines in the user's language; without
	// it they are in English.
	loc *l10n.Localizer

	mu          sync.Mutex
	phase       string
	done, total int
	shown       time.Time // when a line was last written; zero before
	width       int       // runes of the line on the terminal, to clear it
	stopped     bool
}

const (
	progressDelay = 2 * time.Second
	ttyEvery      = 100 * time.Millisecond
	plainEvery    = 5 * time.Second
)

func newProgress(w io.Writer, tty bool, now func() time.Time) *progress {
	return &progress{w: w, tty: tty, now: now, start: now()}
}

// Phase implements site.Progress.
func (p *progress) Phase(name string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.phase, p.done, p.total = name, 0, total
	p.show()
}

// Done implements site.Progress.
func (p *progress) Done(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.show()
}

// tick redraws when a line is due, for the steps that report no counts.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.show()
}

func (p *progress) show() {
	if p.stopped || p.phase == "" {
		return
	}
	t := p.now()
	if t.Sub(p.start) < progressDelay {
		return
	}
	every := plainEvery
	if p.tty {
		every = ttyEvery
	}
	if !p.shown.IsZero() && t.Sub(p.shown) < every {
		return
	}
	p.shown = t
	line := p.line(t)
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	n := utf8.RuneCountInString(line)
	// Spaces rather than an escape sequence clear the rest of a longer
	// previous line on any terminal.
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(0, p.width-n)))
	p.width = n
}

func (p *progress) line(t time.Time) string {
	secs := int(t.Sub(p.start) / time.Second)
	// On a terminal a step that counts gets a bar; a log keeps the counts.
	withBar := p.tty && p.total > 0
	if p.loc != nil {
		// A phase is named in English by the build; its words for the
		// user are progress_step_ and the name in snake case.
		step, err := p.loc.T("progress_step_"+strings.ReplaceAll(p.phase, " ", "_"), nil)
		if err != nil {
			step = p.phase
		}
		data := map[string]any{"Step": step, "Done": p.done, "Total": p.total, "Seconds": secs}
		id := "progress_open"
		switch {
		case withBar:
			id = "progress_bar"
			data["Bar"] = bar(p.done, p.total)
		case p.total > 0:
			id = "progress_counted"
		}
		if s, err := p.loc.T(id, data); err == nil {
			return s
		}
	}
	s := "building: " + p.phase
	switch {
	case withBar:
		s += fmt.Sprintf(" %s %d/%d", bar(p.done, p.total), p.done, p.total)
	case p.total > 0:
		s += fmt.Sprintf(" %d/%d", p.done, p.total)
	default:
		s += "…"
	}
	return s + fmt.Sprintf(" (%ds)", secs)
}

// barCells is the width of the bar, which keeps the line, and so its
// redrawing, within an 80-column terminal.
const barCells = 20

// bar draws done of total as barCells cells, full ones first.
func bar(done, total int) string {
	full := 0
	if total > 0 {
		full = min(max(done, 0), total) * barCells / total
	}
	return strings.Repeat("█", full) + strings.Repeat("░", barCells-full)
}

// stop ends the display. On a terminal it clears the line, so that the
// warnings and the summary that follow start at the margin.
func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	if p.tty && p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// run redraws every interval until the returned function is called, which
// stops the display.
func (p *progress) run(interval time.Duration) (stop func()) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
		p.stop()
	}
}
