#!/usr/bin/env bash
# bench.sh measures `policysite build` against the reference: the Hugo CLI of
# the same version as the embedded library, building the very project that
# `policysite build --hugo-project` hands to Hugo. It prints the machine and a
# Markdown table of medians; docs/performance.md explains how to read it.
#
#   bash scripts/bench.sh          # 5 runs per case
#   RUNS=9 bash scripts/bench.sh
#
# Needs Go, GNU time at /usr/bin/time and, the first time, the Go module
# proxy (the Hugo CLI is built from source and cached).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs="${RUNS:-5}"
now="2026-11-21T12:00:00+03:00"

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f '%e' -o /dev/null true 2>/dev/null; then
	echo "bench.sh needs GNU time at /usr/bin/time; install it with:" >&2
	echo "  apt-get install -y time" >&2
	exit 1
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
	echo "RUNS must be a positive number, not \"$runs\"" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

log() { echo "bench: $*" >&2; }

log "building policysite"
go build -o "$tmp/policysite" ./cmd/policysite

version="$(go list -m -f '{{.Version}}' github.com/gohugoio/hugo)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/policysite-bench/hugo-$version"
if [[ ! -x "$cache/hugo" ]]; then
	log "installing the Hugo CLI $version from source (a few minutes, once; cached in $cache)"
	GOBIN="$tmp/bin" go install "github.com/gohugoio/hugo@$version"
	mkdir -p "$cache"
	cp "$tmp/bin/hugo" "$cache/hugo.partial"
	mv "$cache/hugo.partial" "$cache/hugo"
fi
hugo="$cache/hugo"

log "generating the synthetic sites"
go run ./internal/gen/cmd/gensite -out "$tmp/gen100" -editions 100 -template .
go run ./internal/gen/cmd/gensite -out "$tmp/gen1000" -editions 1000 -template .

# measure LOG CMD...: runs CMD under GNU time and appends "wall cpu peakKiB"
# to LOG; a failing command stops the benchmark with its output.
measure() {
	local logf="$1"
	shift
	if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/cmd.out" 2>&1; then
		log "failed: $*"
		cat "$tmp/cmd.out" "$tmp/time" >&2
		exit 1
	fi
	awk 'END { printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$tmp/time" >>"$logf"
}

# median LOG COLUMN
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# spread LOG COLUMN: "min–max"
spread() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }'
}

html_count() { find "$1" -name '*.html' | wc -l | tr -d ' '; }

rows=()
spreads=()
bench_case() {
	local name="$1" src="$2"
	local proj="$tmp/project-$name" ps="$tmp/$name.policysite" hu="$tmp/$name.hugo"
	log "$name: writing the Hugo project"
	"$tmp/policysite" build --source "$src" --out "$tmp/out-setup" --now "$now" --hugo-project "$proj" >/dev/null
	rm -rf "$tmp/out-setup"
	# Edition pages are content/<policy>/<id>/index.<lang>.md.
	local editions
	editions="$(find "$proj/content" -mindepth 3 -name 'index.*.md' | wc -l | tr -d ' ')"
	: >"$ps"
	: >"$hu"
	for i in $(seq "$runs"); do
		log "$name: run $i/$runs"
		# A cold redline cache each run: the full build, as before the cache
		# existed (docs/performance.md measures warm builds separately).
		rm -rf "$tmp/cache"
		POLICYSITE_CACHE_DIR="$tmp/cache" measure "$ps" "$tmp/policysite" build --source "$src" --out "$tmp/out-policysite" --now "$now"
		# Hugo keeps processed assets in the project; start from none, as
		# policysite does with its in-memory project.
		rm -rf "$proj/resources" "$proj/.hugo-cache"
		measure "$hu" "$hugo" --source "$proj" --destination "$tmp/out-hugo" --quiet
		if [[ $i == 1 ]]; then
			local a b
			a="$(html_count "$tmp/out-policysite")"
			b="$(html_count "$tmp/out-hugo")"
			if [[ $a != "$b" ]]; then
				log "warning: $name: policysite wrote $a HTML files, the Hugo CLI $b"
			fi
		fi
		rm -rf "$tmp/out-policysite" "$tmp/out-hugo"
	done
	spreads+=("| $name | $(spread "$ps" 1) | $(spread "$hu" 1) |")
	local pw pc pm hw hc hm
	pw="$(median "$ps" 1)"
	pc="$(median "$ps" 2)"
	pm="$(median "$ps" 3)"
	hw="$(median "$hu" 1)"
	hc="$(median "$hu" 2)"
	hm="$(median "$hu" 3)"
	rows+=("$(awk -v n="$name" -v e="$editions" -v pw="$pw" -v pc="$pc" -v pm="$pm" -v hw="$hw" -v hc="$hc" -v hm="$hm" '
		function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
		BEGIN {
			printf "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f | %s | %s | %s |",
				n, e, pw, pc, pm / 1024, hw, hc, hm / 1024, ratio(pw, hw), ratio(pc, hc), ratio(pm, hm)
		}')")
}

bench_case sample "$root"
bench_case generated-100 "$tmp/gen100"
bench_case generated-1000 "$tmp/gen1000"

echo
echo "## Machine"
echo
echo "- CPUs (nproc): $(nproc)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "- Memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "- OS: $(uname -sr)"
echo "- Go: $(go version)"
echo "- Hugo CLI: $("$hugo" version)"
echo
echo "## Results (median of $runs runs; wall and CPU in seconds, CPU = user + system, peak = maximum RSS)"
echo
echo "| case | edition pages | policysite wall | policysite CPU | policysite peak MiB | Hugo CLI wall | Hugo CLI CPU | Hugo CLI peak MiB | wall policysite/Hugo | CPU policysite/Hugo | peak policysite/Hugo |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
printf '%s\n' "${rows[@]}"
echo
echo "Spread of wall times (seconds, min–max of $runs runs):"
echo
echo "| case | policysite | Hugo CLI |"
echo "|---|--:|--:|"
printf '%s\n' "${spreads[@]}"
