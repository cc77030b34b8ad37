package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// later is a --now at which the sample site differs from its build at now,
// so that a build that was not stopped would be seen in the output.
var later = now.AddDate(1, 0, 0)

// cancelAtLook is a context that the build cancels itself: at the look
// (a call of Err or Done) numbered at, counting from 1, it is cancelled
// before it answers. Each point where a build can notice an interruption
// can so be tested in turn, without timing. at 0 never cancels and only
// counts.
type cancelAtLook struct {
	context.Context
	cancel context.CancelFunc
	at     int64
	looks  atomic.Int64
	// beside is the folder of the output; building records whether a
	// build folder was in it when the context was cancelled.
	beside   string
	building atomic.Bool
}

func newCancelAtLook(t *testing.T, at int64, beside string) *cancelAtLook {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &cancelAtLook{Context: ctx, cancel: cancel, at: at, beside: beside}
}

func (c *cancelAtLook) look() {
	if c.looks.Add(1) == c.at {
		c.building.Store(len(buildFolders(c.beside)) > 0)
		c.cancel()
	}
}

func (c *cancelAtLook) Done() <-chan struct{} { c.look(); return c.Context.Done() }
func (c *cancelAtLook) Err() error            { c.look(); return c.Context.Err() }

// buildFolders lists the temporary folders of builds in dir.
func buildFolders(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".building-") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestInterruptedBuildKeepsThePreviousOutput cancels a build at every
// point where it looks at its context, in turn: each such build fails with
// context.Canceled, leaves the previous output byte for byte and in place,
// and leaves no temporary folder beside it. A build that is not cancelled
// then replaces the output.
func TestInterruptedBuildKeepsThePreviousOutput(t *testing.T) {
	root := sample(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
		t.Fatal(err)
	}
	before := testfs.Tree(t, out)
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}

	// A build at later, into a folder of its own, counts the looks and
	// gives the output that a build not cancelled would leave.
	refParent := t.TempDir()
	ref := filepath.Join(refParent, "public")
	counter := newCancelAtLook(t, 0, refParent)
	if _, err := Run(counter, Options{Source: root, Out: ref, Now: later}); err != nil {
		t.Fatal(err)
	}
	looks := counter.looks.Load()
	want := testfs.Tree(t, ref)
	if sameTree(before, want) {
		t.Fatal("the builds at now and later give the same output: the test could not see a build that was not stopped")
	}
	if looks == 0 {
		t.Fatal("the build never looks at its context, so it cannot be interrupted")
	}
	t.Logf("a build looks at its context %d times", looks)

	var whileBuilding bool
	for at := int64(1); at <= looks; at++ {
		ctx := newCancelAtLook(t, at, parent)
		_, err := Run(ctx, Options{Source: root, Out: out, Now: later})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at look %d of %d: err = %v, want context.Canceled", at, looks, err)
		}
		whileBuilding = whileBuilding || ctx.building.Load()
		if !sameTree(before, testfs.Tree(t, out)) {
			t.Fatalf("cancelled at look %d of %d: the output changed", at, looks)
		}
		if cur, err := os.Stat(out); err != nil || !os.SameFile(info, cur) {
			t.Fatalf("cancelled at look %d of %d: the output folder was replaced (%v)", at, looks, err)
		}
		if left := buildFolders(parent); len(left) > 0 {
			t.Fatalf("cancelled at look %d of %d: left %v beside the output", at, looks, left)
		}
	}
	if !whileBuilding {
		t.Errorf("no cancellation came while a build folder existed: the build looks at its context only before it starts writing")
	}

	if _, err := Run(newCancelAtLook(t, looks+1, parent), Options{Source: root, Out: out, Now: later}); err != nil {
		t.Fatal(err)
	}
	if !sameTree(want, testfs.Tree(t, out)) {
		t.Error("the build that was not cancelled did not leave its output")
	}
	if left := buildFolders(parent); len(left) > 0 {
		t.Errorf("left %v beside the output", left)
	}
}

// TestCancelAtAnyMomentLeavesOneWholeOutput cancels builds from another
// goroutine after various delays, as Ctrl-C would. Whether the cancel
// comes before the build ends or after, the output is then exactly the
// previous one or exactly the new one, and no temporary folder is left.
func TestCancelAtAnyMomentLeavesOneWholeOutput(t *testing.T) {
	root := sample(t)
	ref := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: root, Out: ref, Now: later}); err != nil {
		t.Fatal(err)
	}
	want := testfs.Tree(t, ref)
	for _, delay := range []time.Duration{0, time.Millisecond, 10 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		if _, err := Run(context.Background(), Options{Source: root, Out: out, Now: now}); err != nil {
			t.Fatal(err)
		}
		before := testfs.Tree(t, out)
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(delay, cancel)
		_, err := Run(ctx, Options{Source: root, Out: out, Now: later})
		timer.Stop()
		cancel()
		got := testfs.Tree(t, out)
		switch {
		case err == nil && !sameTree(want, got):
			t.Errorf("cancel after %v: the build succeeded but the output is not its output", delay)
		case err != nil && !sameTree(before, got):
			t.Errorf("cancel after %v: the build failed (%v) but the output changed", delay, err)
		case err != nil && !errors.Is(err, context.Canceled):
			t.Errorf("cancel after %v: err = %v, want context.Canceled", delay, err)
		}
		if left := buildFolders(parent); len(left) > 0 {
			t.Errorf("cancel after %v: left %v beside the output", delay, left)
		}
	}
}

// sameTree tells whether two trees from testfs.Tree hold the same files
// with the same bytes.
func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if d, ok := b[name]; !ok || !bytes.Equal(d, data) {
			return false
		}
	}
	return true
}
