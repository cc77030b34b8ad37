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
n=0
while read -r dir target; do
	echo "fuzz $dir $target ($fuzztime)"
	go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$dir"
	n=$((n + 1))
done <<<"$targets"
echo "fuzz.sh: $n targets, $fuzztime each, no crash"
