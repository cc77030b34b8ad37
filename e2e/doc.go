// Package e2e tests the built sample site as readers get it: in a real
// browser (Chromium, driven with chromedp), with axe-core for accessibility,
// with html-validate for the markup, and with a link check that needs
// neither. It has no code of its own: everything is in its tests, which
// skip, saying why, when Chromium or Node is not installed; .ci/run
// installs them.
package e2e
