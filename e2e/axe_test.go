package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeViolation is the part of an axe-core result the test reports.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// axeRunJS runs every axe-core rule (WCAG 2 A and AA and best practices)
// on the whole document; selectors into shadow roots or frames are joined
// with " >>> ".
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : String(t)),
		summary: n.failureSummary || "",
	})),
})))`

// TestPagesHaveNoSeriousAccessibilityViolations: axe-core finds nothing
// serious or critical on any kind of page, in either language, in the
// states a reader brings them into; lesser findings are logged.
func TestPagesHaveNoSeriousAccessibilityViolations(t *testing.T) {
	axePath := npmFile(t, "AXE_JS", "axe-core/axe.min.js")
	if axePath == "" {
		skipWithout(t, fmt.Sprintf("e2e: axe-core is not installed; .ci/run installs it (npm install --prefix %s axe-core@…), or set AXE_JS to its axe.min.js", toolDir()))
	}
	axeJS, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := sampleSite(t)
	startBrowser(t)

	for _, c := range axeCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t)
			tb.open(s, c.path)
			if c.prepare != nil {
				c.prepare(tb)
			}
			// Injected into the page as a script of the page's own would
			// be; a plain file server sends no Content-Security-Policy.
			eval[chromedp.Void](tb, string(axeJS))
			violations := eval[[]axeViolation](tb, axeRunJS)
			for _, v := range violations {
				v.report(t, c.path)
			}
			tb.noConsoleErrors()
		})
	}
}

// axeCase is a page to check, in the state to check it in.
type axeCase struct {
	name, path string
	prepare    func(tb *tab) // brings the page into the state to check
}

// axeCases are every kind of page in each language, the redline also side
// by side and the compare page also with a result, and the pages that
// exist in one language or none.
func axeCases() []axeCase {
	sideBySide := func(tb *tab) {
		tb.do("choose the side-by-side view", chromedp.Click(chromedp.CSS(`label[for="rl-view-side"]`), chromedp.NodeVisible))
	}
	compareResult := func(tb *tab) {
		if !eval[bool](tb, `!!document.getElementById("cmp-form")`) {
			return // no module: the page lists the pre-rendered redlines, checked as it is
		}
		_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`!document.getElementById("cmp-summary").hidden || !document.getElementById("cmp-status").hidden && document.getElementById("cmp-status").textContent !== JSON.parse(document.getElementById("cmp-data").textContent).strings.working`,
			chromedp.WithPollingTimeout(45*time.Second), chromedp.WithPollingInterval(100*time.Millisecond)))
		if err != nil {
			tb.t.Fatalf("the compare page showed no result: %v", err)
		}
	}
	var cases []axeCase
	for _, lang := range langs {
		for _, c := range []axeCase{
			{"home", "/%s/", nil},
			{"policy", "/%s/privacy/", nil},
			{"policy with an upcoming edition", "/%s/terms/", nil},
			{"superseded edition", "/%s/privacy/2024-02-15/", nil},
			{"upcoming edition", "/%s/terms/2026-11-16/", nil},
			{"redline", "/%s/privacy/2025-09-01/changes/", nil},
			{"redline side by side", "/%s/privacy/2025-09-01/changes/", sideBySide},
			{"compare page", "/%s/privacy/compare/", nil},
			{"compare page with a result", "/%s/privacy/compare/?from=2023-03-01&to=2025-09-01", compareResult},
		} {
			cases = append(cases, axeCase{c.name + "/" + lang, fmt.Sprintf(c.path, lang), c.prepare})
		}
	}
	return append(cases,
		axeCase{"edition only in Russian/ru", russianOnly, nil},
		axeCase{"language choice at the root", "/", nil})
}

// report fails t with a serious or critical violation on the page at path,
// and logs a lesser one.
func (v axeViolation) report(t *testing.T, path string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s): %s <%s>", path, v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s", strings.Join(n.Target, " "))
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	switch v.Impact {
	case "serious", "critical":
		t.Error(b.String())
	default:
		// Moderate and minor findings are shown, so that they
		// are seen, without failing the build.
		t.Log(b.String())
	}
}
