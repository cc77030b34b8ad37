package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestServeRefusesBadFlags: serve refuses a bad command line with status 2
// before it listens or builds anything.
func TestServeRefusesBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "0.0.0.0:8080"}, `--addr "0.0.0.0:8080" is not a loopback address`},
		{[]string{"--addr", ":8080"}, `--addr ":8080" is not a loopback address`},
		{[]string{"--addr", "192.0.2.1:8080"}, "is not a loopback address"},
		{[]string{"--addr", "127.0.0.1"}, `--addr "127.0.0.1" is not host:port`},
		{[]string{"--now", "yesterday"}, "not an RFC 3339 date-time"},
		{[]string{"--out", "public"}, "flag provided but not defined: -out"},
		{[]string{"public"}, `unexpected argument "public"`},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"serve", "--source", t.TempDir()}, tc.args...), &stdout, &stderr)
			if err == nil {
				t.Fatal("serve accepted the command line")
			}
			if code := exitCode(err); code != 2 {
				t.Errorf("exit status %d, want 2 (%v)", code, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestServeHelp(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"help", "serve"}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Usage: policysite serve [flags]", "-addr host:port", "-source dir", "-now", "-strict"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("help serve does not say %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"help"}, &stdout, &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "\n  serve     preview the site") {
		t.Errorf("help does not list serve:\n%s", stdout.String())
	}
}
