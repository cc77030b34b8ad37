#!/usr/bin/env bash
# Runs every fuzz target of the repository for a while each (FUZZTIME,
# default 10s), one after another, and stops at the first crash. CI runs it
# so that a target that no longer builds, or a crash the seed corpus
# misses, shows before a release; a longer FUZZTIME digs deeper by hand:
#   FUZZTIME=5m scripts/fuzz.sh
# A crash leaves its input under the package's testdata/fuzz/, which
# `go test` then replays for ever: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-10s}"

# Every `func FuzzX(` in a test file, as "package-dir target".
targets=$(grep -rl --include='*_test.go' '^func Fuzz' --exclude-dir=node_modules . |
	while read -r f; do
		sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$f" | sed "s|^|$(dirname "$f") |"
	done | sort)
if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz target found" >&2
	exit 1
fi
# crashers lists the failing inputs saved for a target.
crashers() { { ls "$1/testdata/fuzz/$2" 2>/dev/null || true; } | sort; }

n=0
while read -r dir target; do
	echo "fuzz $dir $target ($fuzztime)"
	before=$(crashers "$dir" "$target")
	log=$(mktemp)
	if go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$dir" 2>&1 | tee "$log"; then
		:
	elif grep -q 'context deadline exceeded' "$log" &&
		[ "$(crashers "$dir" "$target")" = "$before" ] &&
		go test -run="^${target}\$" "$dir"; then
		# Go 1.26's fuzzing coordinator can fail a target at the end of
		# -fuzztime with "context deadline exceeded" and no input
		# (go.dev/issue/75804, fixed in Go 1.27): no crasher was written
		# and the corpus replays clean, so nothing was found.
		echo "fuzz.sh: $target ended on Go's deadline race (go.dev/issue/75804), no input failed"
	else
		rm -f "$log"
		exit 1
	fi
	rm -f "$log"
	n=$((n + 1))
done <<<"$targets"
echo "fuzz.sh: $n targets, $fuzztime each, no crash"
