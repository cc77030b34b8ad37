#!/usr/bin/env bash
# redline-bench.sh measures the redline engine against git's word diff
# (`git diff --no-index --word-diff=porcelain`) over every consecutive pair
# of editions in the shared corpora, then runs the redline Go benchmarks.
# It prints a Markdown report; docs/performance.md explains how to read it.
#
#   bash scripts/redline-bench.sh            # 5 runs per pair
#   bash scripts/redline-bench.sh -runs 9
#
# Arguments go to the comparison (go run ./internal/redline/cmd/redlinebench
# -h lists them). It exits non-zero when a target is missed, after the
# benchmarks have run. Needs Go, git and the corpora in ../shared/corpus,
# beside the checkout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -d ../shared/corpus ]]; then
	echo "redline-bench.sh needs the edition histories in ../shared/corpus, beside the checkout;" >&2
	echo "it found no such directory next to $root" >&2
	exit 1
fi
if ! command -v git >/dev/null; then
	echo "redline-bench.sh needs git, to compare with its word diff" >&2
	exit 1
fi

log() { echo "redline-bench: $*" >&2; }

echo "## Machine"
echo
echo "- CPUs (nproc): $(nproc)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "- OS: $(uname -sr)"
echo "- Go: $(go version)"
echo "- git: $(git version)"
echo

log "comparing with git over every consecutive pair"
status=0
go run ./internal/redline/cmd/redlinebench "$@" || status=$?

log "running the Go benchmarks"
echo
echo '```'
go test -run '^$' -bench 'BenchmarkDiff' -benchmem -count 5 ./internal/redline
echo '```'

if [[ $status != 0 ]]; then
	log "a target was missed (or the comparison failed): exit status $status"
fi
exit "$status"
