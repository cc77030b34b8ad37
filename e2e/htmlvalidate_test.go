package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryPageIsValidHTML runs html-validate on every HTML file of the
// built site with testdata/htmlvalidate.json. That config extends the
// standard preset (the HTML standard's content models, attributes and
// nesting), the recommended one (accessibility and good practice) and the
// document one (doctype, headings in order, references that exist,
// subresource integrity), and turns off three rules of recommended:
//
//   - no-trailing-whitespace: Hugo's template actions that print nothing
//     leave spaces at line ends; no reader or browser sees them.
//   - doctype-style: the pages use <!doctype html>, which HTML defines as
//     case-insensitive; upper case is only a preference.
//   - long-title: a page's title names the policy, the edition's date and
//     the site, which is more than 70 characters on purpose: a tab or a
//     bookmark says exactly which edition it is.
//
// and relaxes one: heading-level allows more than one h1, because the page
// at the root offers the site in each of its languages, each part in its
// own language under its own h1; headings must still not skip a level.
func TestEveryPageIsValidHTML(t *testing.T) {
	s := sampleSite(t)
	validateHTML(t, s.dir, s.htmlFiles(t))
}

// validateHTML runs html-validate on files, paths relative to dir, with
// testdata/htmlvalidate.json, and fails the test for each error.
func validateHTML(t *testing.T, dir string, files []string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if node, err = exec.LookPath("nodejs"); err != nil {
			skipWithout(t, "e2e: Node.js is not installed; .ci/run installs it (apt-get install nodejs npm)")
		}
	}
	bin := npmFile(t, "HTML_VALIDATE", "html-validate/bin/html-validate.mjs")
	if bin == "" {
		skipWithout(t, fmt.Sprintf("e2e: html-validate is not installed; .ci/run installs it (npm install --prefix %s html-validate@…), or set HTML_VALIDATE to its bin/html-validate.mjs", toolDir()))
	}
	config, err := filepath.Abs(filepath.Join("testdata", "htmlvalidate.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The report goes to a file: html-validate ends the process as soon as
	// it has written, which can cut a long report short on a pipe.
	report := filepath.Join(t.TempDir(), "report.json")
	args := append([]string{bin, "--config", config, "--formatter", "json=" + report}, files...)
	cmd := exec.Command(node, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	// html-validate exits with 1 when it found errors; anything else is a
	// failure to run.
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("%s %s: %v\n%s", node, bin, err, out.Bytes())
	}
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("html-validate wrote no report: %v\n%s", rerr, out.Bytes())
	}
	var results []struct {
		FilePath string `json:"filePath"`
		Messages []struct {
			RuleID   string `json:"ruleId"`
			Severity int    `json:"severity"`
			Message  string `json:"message"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatalf("read html-validate's report: %v\n%s", err, out.Bytes())
	}
	var problems []string
	for _, r := range results {
		name := r.FilePath
		if rel, err := filepath.Rel(dir, r.FilePath); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		for _, m := range r.Messages {
			line := fmt.Sprintf("%s:%d:%d: %s: %s", name, m.Line, m.Column, m.RuleID, m.Message)
			if m.Severity >= 2 {
				problems = append(problems, line)
			} else {
				t.Logf("warning: %s", line)
			}
		}
	}
	if len(problems) > 0 {
		t.Errorf("html-validate found %d error(s) in the built site:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	if err == nil && len(problems) > 0 || err != nil && len(problems) == 0 {
		t.Errorf("html-validate exited with %v but reported %d error(s)", err, len(problems))
	}
	t.Logf("html-validate checked %d pages", len(files))
}
