package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"policysite/internal/testfs"
)

// TestMainInAHelperProcess is no test of its own: a test that needs the
// whole process, signals included, runs the test binary again with
// POLICYSITE_TEST_MAIN set to main's arguments, one per line, and this
// runs main with them.
func TestMainInAHelperProcess(t *testing.T) {
	args, ok := os.LookupEnv("POLICYSITE_TEST_MAIN")
	if !ok {
		return
	}
	os.Args = append([]string{"policysite"}, strings.Split(args, "\n")...)
	main()
}

// TestTerminatedBuildLeavesNoTemporaryFolder: SIGTERM (kill, a CI
// timeout, a container stop) in the middle of a build ends it without
// leaving its temporary folder beside the output or touching the output.
// The build is held in the middle deterministically: --hugo-project names
// a folder whose hugo.json is a named pipe, and writing it waits until the
// test reads it.
func TestTerminatedBuildLeavesNoTemporaryFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM or named pipes here")
	}
	t.Setenv("POLICYSITE_LANG", "en")
	root, before := goodBuild(t)
	project := t.TempDir()
	pipe := filepath.Join(project, "hugo.json")
	if out, err := exec.Command("mkfifo", pipe).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v %s", err, out)
	}
	beside := dirNames(t, root)

	cmd := exec.Command(os.Args[0], "-test.run=^TestMainInAHelperProcess$")
	cmd.Env = append(os.Environ(),
		"POLICYSITE_TEST_MAIN="+strings.Join([]string{"build", "--source", root, "--out", filepath.Join(root, "out"), "--now", badNow, "--hugo-project", project}, "\n"),
		// The test binary's own set-up leaves a folder in TMPDIR when main
		// exits under it.
		"TMPDIR="+t.TempDir(),
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The build folder appears, and stays while the build waits on the pipe.
	for deadline := time.Now().Add(time.Minute); !slices.ContainsFunc(dirNames(t, root), isBuildFolder); {
		if time.Now().After(deadline) {
			t.Fatalf("no build folder appeared beside out; stderr:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Let the signal cancel the build before it goes on; the assertions
	// below hold whichever comes first.
	time.Sleep(100 * time.Millisecond)
	// The build may open the pipe only now, on a busy machine: it blocks
	// until a reader opens it. So the pipe is opened again until the build
	// ends; opened without blocking, it reads to its end whether a build is
	// there to write it or not.
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
drain:
	for {
		select {
		case err = <-done:
			break drain
		default:
		}
		f, oerr := os.OpenFile(pipe, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if oerr != nil {
			t.Fatal(oerr)
		}
		_, _ = io.Copy(io.Discard, f)
		f.Close()
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("exit: %v; stderr:\n%s", err, stderr.String())

	if after := dirNames(t, root); !slices.Equal(after, beside) {
		t.Errorf("the terminated build left %v beside the output; before it there were %v", after, beside)
	}
	// The same sources and --now give the same bytes, so the output is the
	// previous one whether or not the build got to finish.
	sameFiles(t, before, testfs.Tree(t, filepath.Join(root, "out")))
	if err != nil && !strings.Contains(stderr.String(), "previous output in") {
		t.Errorf("the terminated build does not say that the previous output was kept")
	}
}

// isBuildFolder tells a build's temporary folder (see internal/build) by
// its name.
func isBuildFolder(name string) bool { return strings.Contains(name, ".building-") }
