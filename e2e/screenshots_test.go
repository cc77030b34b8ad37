package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshotDir is where the screenshots go: $POLICYSITE_SCREENSHOTS
// (.ci/run sets .ci/screenshots), else a folder of the system's temporary
// folder that outlives the test, so that they can be looked at.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("POLICYSITE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "policysite-e2e-screenshots")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// devices are the viewports of the screenshots.
var devices = []struct {
	name          string
	width, height int64
	scale         float64
	mobile        bool
}{
	{"desktop", 1280, 900, 1, false},
	{"phone", 390, 844, 2, true},
}

func TestScreenshotsFitTheirViewport(t *testing.T) {
	s := sampleSite(t)
	startBrowser(t)
	dir := screenshotDir(t)
	t.Logf("screenshots in %s", dir)
	for _, p := range []struct {
		name, path string
		side       bool // the redline's side-by-side view
	}{
		{"policy", "/%s/privacy/", false},
		{"redline", "/%s/privacy/2025-09-01/changes/", false},
		{"redline-side", "/%s/privacy/2025-09-01/changes/", true},
	} {
		for _, lang := range langs {
			for _, d := range devices {
				name := fmt.Sprintf("%s-%s-%s", lang, p.name, d.name)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					tb := newTab(t)
					opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(d.scale)}
					if d.mobile {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
					}
					tb.do("set the viewport", chromedp.EmulateViewport(d.width, d.height, opts...))
					tb.open(s, fmt.Sprintf(p.path, lang))
					if p.side {
						tb.do("choose the side-by-side view", chromedp.Click(chromedp.CSS(`label[for="rl-view-side"]`), chromedp.NodeVisible))
					}
					// A page wider than the screen scrolls sideways on a
					// phone: something in it does not wrap.
					type widths struct {
						Viewport int      `json:"viewport"`
						Page     int      `json:"page"`
						Wide     []string `json:"wide"`
					}
					w := eval[widths](tb, `(() => {
						const vw = document.documentElement.clientWidth;
						const wide = [...document.querySelectorAll("body *")]
							.filter(e => e.getBoundingClientRect().right > vw + 1 && e.checkVisibility())
							.slice(0, 5)
							.map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : ""));
						return {viewport: vw, page: document.documentElement.scrollWidth, wide};
					})()`)
					if w.Page > w.Viewport {
						t.Errorf("%s: the page is %dpx wide in a %dpx viewport; too wide: %s", name, w.Page, w.Viewport, strings.Join(w.Wide, ", "))
					}
					img, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // 100: PNG
					if err != nil {
						t.Fatalf("screenshot: %v", err)
					}
					cfg, err := png.DecodeConfig(bytes.NewReader(img))
					if err != nil {
						t.Fatalf("the screenshot is not a PNG: %v", err)
					}
					if want := int(float64(d.width) * d.scale); cfg.Width != want {
						t.Errorf("the screenshot is %dpx wide, want %d", cfg.Width, want)
					}
					file := filepath.Join(dir, name+".png")
					if err := os.WriteFile(file, img, 0o644); err != nil {
						t.Fatal(err)
					}
					tb.noConsoleErrors()
				})
			}
		}
	}
}
