package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// GitWordDiff runs `git diff --no-index --word-diff=porcelain` on two
// texts, written as old.txt and new.txt into dir (a scratch directory the
// caller owns), and returns its output: the yardstick the redline's
// changed spans are held to. It runs away from any repository and without
// the user's or the system's configuration, whose diff settings would
// change the output.
func GitWordDiff(dir, old, new string) ([]byte, error) {
	// The plain texts end without a newline; git would flag that with
	// "\ No newline at end of file", which is no change of the text.
	for name, s := range map[string]string{"old.txt": old, "new.txt": new} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s+"\n"), 0o644); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("git", "diff", "--no-index", "--word-diff=porcelain", "old.txt", "new.txt")
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// With --no-index, exit status 1 means that the files differ.
	if exit, ok := errors.AsType[*exec.ExitError](err); ok && exit.ExitCode() == 1 {
		err = nil
	}
	if errors.Is(err, exec.ErrNotFound) {
		return nil, ErrNoGit
	}
	if err != nil {
		return nil, fmt.Errorf("git diff: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// GitSpans counts the maximal runs of "-" and "+" lines in git's porcelain
// word diff. A context (" ") or newline ("~") line ends a run, and so does
// a hunk header; the "---" and "+++" lines before the first hunk name the
// files and are no change.
func GitSpans(porcelain []byte) int {
	n, in, header := 0, false, true
	sc := bufio.NewScanner(bytes.NewReader(porcelain))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "@@") {
			header, in = false, false
			continue
		}
		if header || line == "" {
			continue
		}
		switch line[0] {
		case '-', '+':
			if !in {
				n++
			}
			in = true
		case ' ', '~':
			in = false
		}
	}
	return n
}
