package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns the browser to drive: $CHROMIUM, else
// /usr/bin/chromium, else chromium, chromium-browser or google-chrome in
// PATH; "" when there is none.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		// A browser named explicitly must exist: a typo would otherwise
		// skip every browser test without anyone noticing.
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	allocCancel   context.CancelFunc
	browserErr    error
)

// startBrowser starts one headless Chromium for the test binary; every
// test opens its own tabs in it. Without Chromium it skips the test (see
// skipWithout).
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := findChromium(t)
	if exe == "" {
		skipWithout(t, "e2e: Chromium is not installed; .ci/run installs it (apt-get install chromium), or set CHROMIUM to a Chromium or Chrome executable")
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox, // CI runs as root in a container
			chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.WindowSize(1280, 900),
		)
		var allocCtx context.Context
		allocCtx, allocCancel = chromedp.NewExecAllocator(context.Background(), opts...)
		browserCtx, browserCancel = chromedp.NewContext(allocCtx)
		// Starting the browser with a context without a deadline keeps it
		// for the whole binary; each test bounds its own actions.
		browserErr = chromedp.Do(browserCtx)
	})
	if browserErr != nil {
		t.Fatalf("start %s: %v", exe, browserErr)
	}
	return browserCtx
}

// closeBrowser ends the browser, if one was started; TestMain calls it.
func closeBrowser() {
	if browserCancel != nil {
		browserCancel()
	}
	if allocCancel != nil {
		allocCancel()
	}
}

// tab is one browser tab of a test, with what its pages wrote to the
// console.
type tab struct {
	t   *testing.T
	ctx context.Context // bounded by the tab's timeout

	mu      sync.Mutex
	msgs    []chromedp.ConsoleMessage
	flushed chan string
	flushN  int
}

// flushMarker starts the console message by which a tab knows that every
// message before it has been collected.
const flushMarker = "policysite-e2e: flush "

// newTab opens a tab in the shared browser for the test, closed when the
// test ends. Its actions time out after a minute.
func newTab(t *testing.T) *tab {
	t.Helper()
	bctx := startBrowser(t)
	tctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tctx); err != nil { // opens the tab
		t.Fatalf("open a tab: %v", err)
	}
	tb := &tab{t: t, flushed: make(chan string, 1)}
	// Subscribed before any navigation, so that nothing a page writes is
	// lost.
	msgs := chromedp.Console(tctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleDebug && strings.HasPrefix(m.Text, flushMarker) {
				select {
				case tb.flushed <- m.Text:
				default:
				}
				continue
			}
			tb.mu.Lock()
			tb.msgs = append(tb.msgs, m)
			tb.mu.Unlock()
		}
	}()
	ctx, cancelTimeout := context.WithTimeout(tctx, time.Minute)
	t.Cleanup(cancelTimeout)
	tb.ctx = ctx
	return tb
}

// do runs actions in the tab, failing the test on an error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the tab's page and decodes its
// value into T.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %.80q: %v", js, err)
	}
	return v
}

// open loads a path of the site and fails unless it answers 200.
func (tb *tab) open(s *builtSite, p string) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(s.url(p)))
	if err != nil {
		tb.t.Fatalf("open %s: %v", p, err)
	}
	if resp.Status != 200 {
		tb.t.Fatalf("open %s: HTTP %d", p, resp.Status)
	}
}

// click clicks the first element matching a CSS selector and waits for the
// page it leads to.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.t.Fatalf("click %s: %v", sel, err)
	}
	if resp.Status != 200 {
		tb.t.Fatalf("click %s: %s answered HTTP %d", sel, resp.URL, resp.Status)
	}
}

// consoleErrors returns every error the tab's pages wrote to the console so
// far: console.error and console.assert calls, uncaught exceptions and
// promise rejections, and errors of the browser log (a failed request, a
// blocked resource). Warnings are logged, not returned.
func (tb *tab) consoleErrors() []string {
	tb.t.Helper()
	// The browser delivers messages in order, so once the marker is back,
	// every message written before it has been collected.
	tb.flushN++
	marker := fmt.Sprintf("%s%d", flushMarker, tb.flushN)
	eval[chromedp.Void](tb, fmt.Sprintf("console.debug(%q)", marker))
	for got := ""; got != marker; {
		select {
		case got = <-tb.flushed:
		case <-tb.ctx.Done():
			tb.t.Fatalf("waiting for the console: %v", tb.ctx.Err())
		}
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var errs []string
	for _, m := range tb.msgs {
		where := ""
		if m.URL != "" {
			where = fmt.Sprintf(" (%s:%d:%d)", m.URL, m.Line+1, m.Column+1)
		}
		switch m.Type {
		case chromedp.ConsoleError, chromedp.ConsoleException, "assert":
			errs = append(errs, m.String()+where)
		case chromedp.ConsoleWarning:
			tb.t.Logf("console %s%s", m, where)
		}
	}
	tb.msgs = nil
	return errs
}

// noConsoleErrors fails the test if the tab's pages wrote an error to the
// console.
func (tb *tab) noConsoleErrors() {
	tb.t.Helper()
	for _, e := range tb.consoleErrors() {
		tb.t.Errorf("console %s", e)
	}
}
