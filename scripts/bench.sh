#!/usr/bin/env bash
# bench.sh measures `policysite build` against the reference: the Hugo CLI of
# the same version as the embedded library, building the very project that
# `policysite build --hugo-project` hands to Hugo. The cases: the sample site,
# generated sites of 100 and 1,000 editions per language and, when
# ../shared/corpus exists beside the repository, the imported real histories.
# Each case is built with an empty cache (cold) and again, into an empty
# folder, with the cache that build filled (warm: nothing changed). For the
# 1,000 site it also times a rebuild after one new edition per language and
# a cold build that writes no cache entry (the cost of one file per entry).
# It prints the machine, Markdown tables of medians and the targets;
# docs/performance.md explains how to read them.
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

# Dropping the kernel's caches needs root; without it the figures are still
# taken, and the machine section says so.
if [[ -w /proc/sys/vm/drop_caches ]] && (sync && echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
	drop=yes
else
	drop=no
	log "cannot drop the kernel's caches (needs root): figures depend more on what ran before"
fi

# settle CMD...: brings the machine to the same state before each timed
# command. The previous command's files are still being written back to
# disk: sync, or that I/O is charged to whichever command comes next. Each
# run deletes the previous outputs, tens of thousands of files, and on ext4
# making files and folders just after that costs several times more (4,000
# folders: 0.1 s after dropping the caches, 0.6–1.4 s right after deleting
# an output, on the machine in docs/performance.md), most for the command
# that makes the most files: dropping the kernel's caches ends that. Then
# what the command reads is read back into memory, as it is on a machine
# that just used it: its program, its --source folder and, for policysite,
# the previous output in --out and the cache folder, when there are.
settle() {
	sync
	if [[ $drop == yes ]]; then
		echo 3 >/proc/sys/vm/drop_caches
	fi
	cat "$1" >/dev/null
	local dirs=("${POLICYSITE_CACHE_DIR:-}")
	while (($# > 1)); do
		if [[ $1 == --source || $1 == --out ]]; then
			dirs+=("$2")
		fi
		shift
	done
	local d
	for d in "${dirs[@]}"; do
		if [[ -n $d && -d $d ]]; then
			find "$d" -type f -exec cat {} + >/dev/null
		fi
	done
}

# measure LOG CMD...: runs CMD under GNU time, after settle, and appends
# "wall cpu peakKiB" to LOG; a failing command stops the benchmark with its
# output.
measure() {
	local logf="$1"
	shift
	settle "$@"
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

# html_count counts the HTML pages Hugo renders: .well-known/ holds the
# redirect page that policysite writes itself, after Hugo.
html_count() { find "$1" -name '*.html' -not -path '*/.well-known/*' | wc -l | tr -d ' '; }

rows=()
spreads=()
warm_rows=()
declare -A full_wall full_cpu full_peak hugo_wall hugo_peak warm_wall warm_peak
bench_case() {
	local name="$1" src="$2"
	local proj="$tmp/project-$name" ps="$tmp/$name.policysite" hu="$tmp/$name.hugo" pw2="$tmp/$name.warm"
	log "$name: writing the Hugo project"
	"$tmp/policysite" build --source "$src" --out "$tmp/out-setup" --now "$now" --hugo-project "$proj" >/dev/null
	rm -rf "$tmp/out-setup"
	# Edition pages are content/<policy>/<id>/index.<lang>.md.
	local editions
	editions="$(find "$proj/content" -mindepth 3 -name 'index.*.md' | wc -l | tr -d ' ')"
	: >"$ps"
	: >"$hu"
	: >"$pw2"
	for i in $(seq "$runs"); do
		log "$name: run $i/$runs"
		# A cold cache each run: every redline and analysis computed, as on
		# a fresh machine; then the same build with the cache it filled, as
		# after a change that touches no edition.
		rm -rf "$tmp/cache"
		POLICYSITE_CACHE_DIR="$tmp/cache" measure "$ps" "$tmp/policysite" build --source "$src" --out "$tmp/out-policysite" --now "$now"
		rm -rf "$tmp/out-policysite"
		POLICYSITE_CACHE_DIR="$tmp/cache" measure "$pw2" "$tmp/policysite" build --source "$src" --out "$tmp/out-policysite" --now "$now"
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
	full_wall[$name]="$pw"
	full_cpu[$name]="$pc"
	full_peak[$name]="$pm"
	hugo_wall[$name]="$hw"
	hugo_peak[$name]="$hm"
	warm_wall[$name]="$(median "$pw2" 1)"
	warm_peak[$name]="$(median "$pw2" 3)"
	warm_rows+=("$(awk -v n="$name" -v w="${warm_wall[$name]}" -v c="$(median "$pw2" 2)" -v m="${warm_peak[$name]}" -v s="$(spread "$pw2" 1)" -v hw="$hw" -v hc="$hc" -v hm="$hm" '
		function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
		BEGIN { printf "| %s | %.2f | %s | %.2f | %.0f | %s | %s | %s |", n, w, s, c, m / 1024, ratio(w, hw), ratio(c, hc), ratio(m, hm) }')")
	rows+=("$(awk -v n="$name" -v e="$editions" -v pw="$pw" -v pc="$pc" -v pm="$pm" -v hw="$hw" -v hc="$hc" -v hm="$hm" '
		function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
		BEGIN {
			printf "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f | %s | %s | %s |",
				n, e, pw, pc, pm / 1024, hw, hc, hm / 1024, ratio(pw, hw), ratio(pc, hc), ratio(pm, hm)
		}')")
}

# corpus_site DIR: a repository of the shared corpora, each history imported
# with `policysite import`, Mozilla's en and ru as one policy, and recorded.
corpus_site() {
	local site="$1" c="$corpus"
	mkdir -p "$site"
	cat >"$site/policysite.toml" <<'EOF'
base_url = "https://bench.example/"
time_zone = "UTC"

[[languages]]
code = "ru"
name = "Русский"
title = "Benchmark"
company = "Benchmark"

[[languages]]
code = "en"
name = "English"
title = "Benchmark"
company = "Benchmark"
EOF
	cp -R "$root/layouts" "$root/i18n" "$root/assets" "$site/"
	local spec slug lang dir
	for spec in \
		"github-privacy en github-site-policy/privacy-statement" \
		"github-terms en github-site-policy/terms-of-service" \
		"firefox-privacy en mozilla-firefox-privacy/en" \
		"firefox-privacy ru mozilla-firefox-privacy/ru"; do
		read -r slug lang dir <<<"$spec"
		"$tmp/policysite" import "$slug" --source "$site" --lang "$lang" --from "$c/$dir" \
			--order "$c/$dir/ORDER.txt" --date-from-text >/dev/null
	done
	# Imported history is posted text: recorded first, as a site publishes
	# only recorded editions. check then only warns (clauses on notice
	# periods); errors stop the benchmark.
	"$tmp/policysite" record --source "$site" --now "$now" >/dev/null
	if ! "$tmp/policysite" check --source "$site" --now "$now" >"$tmp/check.out" 2>&1; then
		log "corpora: policysite check failed"
		grep -v ': warning: ' "$tmp/check.out" >&2 || true
		exit 1
	fi
}

bench_case sample "$root"
bench_case generated-100 "$tmp/gen100"
bench_case generated-1000 "$tmp/gen1000"

corpus="$root/../shared/corpus"
if [[ -d $corpus ]]; then
	log "corpora: importing ../shared/corpus"
	corpus_site "$tmp/corpora"
	bench_case corpora "$tmp/corpora"
else
	log "skipping the corpora case: no ../shared/corpus beside the repository"
fi

# add_edition SITE POLICY: for each language, copies the policy's newest
# edition (by posted) to the id of the day after, posted that day, without
# effective or summary, with its first clause "1.1." reworded; then records.
add_edition() {
	local site="$1" policy="$2" lang newest day next f
	for lang in ru en; do
		newest="$(awk 'FNR == 1 { n = 0 } /^---/ { n++; next } n == 1 && /^posted:/ { print $2, FILENAME }' \
			"$site/versions/$policy/"*".$lang.md" | sort | tail -n 1)"
		day="${newest%%T*}"
		f="${newest#* }"
		next="$(date -u -d "$day + 1 day" +%F)"
		awk -v posted="${next}T12:00:00+03:00" '
			/^---/ { n++ }
			n == 1 && /^posted:/ { print "posted: " posted; next }
			n == 1 && /^(effective|summary):/ { next }
			n >= 2 && !done && /^1\.1\. / { sub(/^1\.1\. /, "1.1. This sentence is new in the benchmark edition. "); done = 1 }
			{ print }' "$f" >"$site/versions/$policy/$next.$lang.md"
	done
	"$tmp/policysite" record --source "$site" --now "$now" >/dev/null
}

# Two more measurements on the 1,000 site.
# - The rebuild after one new edition per language, with the cache a build
#   of the site before filled, into an empty folder: what a company's CI
#   does each time it posts one. Each run gets its own copy of the cache,
#   so that the new pairs are never already cached by an earlier run.
# - What one file per cache entry costs: a cold build whose cache folder
#   cannot be written (so no entry is written, and the build warns once),
#   against the cold builds above, which write every entry.
log "generated-1000: warming the cache"
warm="$tmp/cache-warm"
rm -rf "$warm" "$tmp/out-policysite"
POLICYSITE_CACHE_DIR="$warm" "$tmp/policysite" build --source "$tmp/gen1000" --out "$tmp/out-policysite" --now "$now" >/dev/null 2>&1
rm -rf "$tmp/out-policysite"
: >"$tmp/rebuild.log"
: >"$tmp/nostore.log"
: >"$tmp/unwritable"
for i in $(seq "$runs"); do
	log "generated-1000 rebuild after one edition: run $i/$runs"
	rm -rf "$tmp/rebuild" "$tmp/cache" "$tmp/out-policysite"
	cp -R "$tmp/gen1000" "$tmp/rebuild"
	add_edition "$tmp/rebuild" privacy
	cp -R "$warm" "$tmp/cache"
	POLICYSITE_CACHE_DIR="$tmp/cache" measure "$tmp/rebuild.log" "$tmp/policysite" build --source "$tmp/rebuild" --out "$tmp/out-policysite" --now "$now"
	if [[ $i == 1 ]]; then
		redlines_new="$(sed -n 's/^\([0-9]*\) redlines\{0,1\} computed, the others taken from the cache$/\1/p' "$tmp/cmd.out")"
	fi
	rm -rf "$tmp/out-policysite"
	log "generated-1000 cold build writing no cache entry: run $i/$runs"
	POLICYSITE_CACHE_DIR="$tmp/unwritable/cache" measure "$tmp/nostore.log" "$tmp/policysite" build --source "$tmp/gen1000" --out "$tmp/out-policysite" --now "$now"
	rm -rf "$tmp/out-policysite"
done
entries="$(find "$warm" -type f -not -name '.*' | wc -l | tr -d ' ')"

echo
echo "## Machine"
echo
echo "- CPUs (nproc): $(nproc)"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "- Memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "- OS: $(uname -sr)"
echo "- Go: $(go version)"
echo "- Hugo CLI: $("$hugo" version)"
echo "- Kernel caches dropped before each timed command: $drop"
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
echo
echo "Warm builds: the same sources built again with the cache the cold build filled (policysite; median of $runs runs):"
echo
echo "| case | wall | wall min–max | CPU | peak MiB | wall policysite/Hugo | CPU policysite/Hugo | peak policysite/Hugo |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
printf '%s\n' "${warm_rows[@]}"

cw="${full_wall[generated-1000]}"
ww="${warm_wall[generated-1000]}"
rw="$(median "$tmp/rebuild.log" 1)"
nw="$(median "$tmp/nostore.log" 1)"
echo
echo "## generated-1000: rebuild after one edition per language, and the cost of the cache's files (policysite, median of $runs runs)"
echo
echo "| build | wall | CPU | peak MiB | wall / cold full build | wall / Hugo CLI |"
echo "|---|--:|--:|--:|--:|--:|"
row() {
	awk -v n="$1" -v w="$2" -v c="$3" -v m="$4" -v cw="$cw" -v hw="${hugo_wall[generated-1000]}" '
		BEGIN { printf "| %s | %.2f | %.2f | %.0f | %.2f× | %.2f× |\n", n, w, c, m / 1024, w / cw, w / hw }'
}
row "full, cold cache (writes every entry)" "$cw" "${full_cpu[generated-1000]}" "${full_peak[generated-1000]}"
row "full, cold, cache folder unwritable (writes none)" "$nw" "$(median "$tmp/nostore.log" 2)" "$(median "$tmp/nostore.log" 3)"
row "full, warm cache" "$ww" "$(median "$tmp/generated-1000.warm" 2)" "$(median "$tmp/generated-1000.warm" 3)"
row "after one new edition per language, warm cache" "$rw" "$(median "$tmp/rebuild.log" 2)" "$(median "$tmp/rebuild.log" 3)"
echo
echo "The cache held $entries entries (one file each) after a cold build; the rebuild computed ${redlines_new:-all} redlines no cache held."
awk -v a="$cw" -v b="$nw" 'BEGIN { printf "Writing them cost %.2f s of the cold build: %.1f%% (packs are kept only above 10%%).\n", a - b, 100 * (a - b) / a }'
echo
echo "## Targets"
echo
echo "| target | case | measured | result |"
echo "|---|---|--:|---|"
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "missed") }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for name in sample generated-1000; do
	[[ -n ${full_wall[$name]:-} ]] || continue
	r="$(ratio "${full_wall[$name]}" "${hugo_wall[$name]}")"
	echo "| cold build ≤ 2.0× Hugo CLI wall | $name | ${r}× | $(verdict "$r" 2.0) |"
done
r="$(ratio "$ww" "${hugo_wall[generated-1000]}")"
echo "| warm build ≤ 1.5× Hugo CLI wall | generated-1000 | ${r}× | $(verdict "$r" 1.5) |"
r="$(ratio "${full_peak[generated-1000]}" "${hugo_peak[generated-1000]}")"
echo "| cold build ≤ 1.5× Hugo CLI peak memory | generated-1000 | ${r}× | $(verdict "$r" 1.5) |"
r="$(ratio "${warm_peak[generated-1000]}" "${hugo_peak[generated-1000]}")"
echo "| warm build ≤ 1.5× Hugo CLI peak memory | generated-1000 | ${r}× | $(verdict "$r" 1.5) |"
