package build

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// phases records the phases a build reports.
type phases struct {
	mu     sync.Mutex
	names  []string
	totals map[string]int
	done   map[string]int
	cur    string
}

func (p *phases) Phase(name string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names = append(p.names, name)
	p.totals[name] = total
	p.cur = name
}

func (p *phases) Done(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[p.cur] += n
}

func TestBuildReportsProgress(t *testing.T) {
	root := sample(t)
	p := &phases{totals: map[string]int{}, done: map[string]int{}}
	rep, err := Run(context.Background(), Options{Source: root, Out: filepath.Join(t.TempDir(), "public"), Now: now,
		CacheDir: t.TempDir(), Progress: p})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.names) == 0 || p.names[0] != "reading editions" {
		t.Errorf("phases = %q, want reading editions first", p.names)
	}
	// With an empty cache, Hugo renders every edition and redline page.
	for name, want := range map[string]int{"redlines": rep.Result.Redlines, "rendering pages": rep.Result.Editions + rep.Result.Redlines} {
		if p.totals[name] != want || p.done[name] != want {
			t.Errorf("%s: %d of %d done, want %d", name, p.done[name], p.totals[name], want)
		}
	}
}
