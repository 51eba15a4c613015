#!/usr/bin/env bash
# Growth of the nwip CLI with the corpus: for each scale factor, derive a corpus that many times
# the shared one (scripts/derive-corpus.py: new identifiers, recombined titles and abstracts, the
# same organisation and stage mix), then measure and print as a Markdown table:
#   `nwip index` (wall time, peak RSS and the anonymous part of it), index size, cold `nwip check`
#   (median of 5 processes),
#   `nwip scan --under-development` (wall time, peak RSS) and `nwip index --update` of a day's
#   changes (1,000 records: 600 replace a record, 400 are new; and 100 removals).
#
# Usage: scripts/bench-scale.sh [FACTOR...]      (default: 1 3)
#   FACTOR      1 to 10; 1 is the source corpus itself. 10 (3.45 million records) needs about
#               4 GB of disk for the corpus and 3 GB for the index; the build takes 6 to 7
#               minutes on two cores (plus 9 to derive the corpus) and runs in 1.5 GiB.
#   NWIP_MEMORY_LIMIT  run each build in a memory cgroup of this many MiB (page cache included;
#               needs root and cgroup v1 or v2 with the memory controller), e.g. 1536: a build
#               that needs more is killed and the script stops.
#   NWIP_CORPUS source corpus (default: ../shared/corpus, beside the repository)
#   NWIP_SCAN   0 skips the scans (the longest step: every project under development)
#   NWIP_BIN    an nwip binary to measure (default: build target/release/nwip)
#
# Needs bash, python3 (standard library) and GNU time (/usr/bin/time -v). Work files go to a
# temporary folder, removed at exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source_corpus="${NWIP_CORPUS:-$root/../shared/corpus}"
[[ -d "$source_corpus" ]] || { echo "no corpus directory at $source_corpus" >&2; exit 2; }
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 || {
    echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
}
factors=("$@")
((${#factors[@]})) || factors=(1 3)
scan="${NWIP_SCAN:-1}"
proposal="$root/corpus/proposals/ev-battery-state-of-health.md"
work="$(mktemp -d "${TMPDIR:-/tmp}/nwip-scale.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ -n "${NWIP_BIN:-}" ]]; then
    nwip="$NWIP_BIN"
else
    echo "building release binary..." >&2
    cargo build --release --quiet -p nwip-cli
    nwip="$root/target/release/nwip"
fi

# Runs a command under GNU time; prints "wall seconds|peak MiB|peak anonymous MiB".
#
# GNU time's peak RSS counts the pages of files the process maps: tantivy reads its segments
# through memory maps, so a build's final merge shows the index's own files (page cache the
# kernel takes back under pressure) on top of the memory it allocates. The anonymous part is
# sampled from /proc five times a second ("?" where /proc is missing).
timed() {
    local log="$work/time.log"
    /usr/bin/time -v -o "$log" "$@" >"$work/out.log" 2>"$work/err.log" &
    local time_pid=$! anon=0 kb child
    while kill -0 "$time_pid" 2>/dev/null; do
        for child in $(pgrep -P "$time_pid" 2>/dev/null); do
            kb="$(awk '/^RssAnon:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)"
            if [[ -n "$kb" ]] && ((kb > anon)); then anon=$kb; fi
        done
        sleep 0.2
    done
    wait "$time_pid" || {
        cat "$work/err.log" >&2
        return 1
    }
    local wall rss
    wall="$(sed -n 's/^.*Elapsed (wall clock) time.*): //p' "$log" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')"
    rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log" | awk '{ printf "%.0f", $1 / 1024 }')"
    if [[ -d /proc/self ]]; then anon=$((anon / 1024)); else anon="?"; fi
    echo "$wall|$rss|$anon"
}

# Runs a command (or function) in a memory cgroup of NWIP_MEMORY_LIMIT MiB (cgroup v2, else
# v1), or as it is when no limit is asked for.
limited() {
    local limit="${NWIP_MEMORY_LIMIT:-}"
    if [[ -z "$limit" ]]; then
        "$@"
        return
    fi
    if [[ ! "$limit" =~ ^[1-9][0-9]*$ ]]; then
        echo "NWIP_MEMORY_LIMIT must be a whole number of MiB, not '$limit'" >&2
        return 2
    fi
    local group
    if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
        group="/sys/fs/cgroup/nwip-scale-$$"
        mkdir -p "$group" && echo "$((limit * 1048576))" >"$group/memory.max"
    else
        group="/sys/fs/cgroup/memory/nwip-scale-$$"
        mkdir -p "$group" && echo "$((limit * 1048576))" >"$group/memory.limit_in_bytes"
    fi || { echo "cannot create a memory cgroup at $group (NWIP_MEMORY_LIMIT needs root and the memory controller)" >&2; return 1; }
    local status=0
    # A subshell joins the group; what it starts stays in it.
    (echo "$BASHPID" >"$group/cgroup.procs" && "$@") || status=$?
    rmdir "$group" 2>/dev/null || true
    return "$status"
}

echo "deriving a day's changes..." >&2
python3 scripts/derive-corpus.py changes "$source_corpus" "$work/changes" --count 1000 --remove 100

cat <<EOF

## nwip at scale ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null || echo n/a), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo '+dirty'))

| corpus | records | \`nwip index\` | peak RSS (anonymous) | index size | cold check (median of 5) | \`nwip scan --under-development\` | \`nwip index --update\` (1,000 records, 100 removals) |
|---|---|---|---|---|---|---|---|
EOF
# Each row is printed when its factor is done: an interrupted run keeps what it measured.
for factor in "${factors[@]}"; do
    corpus="$source_corpus"
    if ((factor > 1)); then
        echo "deriving the ${factor}x corpus..." >&2
        corpus="$work/corpus-$factor"
        python3 scripts/derive-corpus.py scale "$source_corpus" "$corpus" --factor "$factor"
    fi
    index="$work/index-$factor"
    echo "${factor}x: indexing..." >&2
    IFS='|' read -r index_wall index_rss index_anon < <(limited timed "$nwip" --index "$index" index --quiet "$corpus")
    records="$("$nwip" --index "$index" stats --format json | sed -n 's/^  "records": \([0-9]*\),*$/\1/p')"
    size="$(du -sh "$index" | cut -f1)"

    echo "${factor}x: cold checks..." >&2
    times=()
    for _ in 1 2 3 4 5; do
        start=$EPOCHREALTIME
        "$nwip" --index "$index" check "$proposal" >/dev/null
        times+=("$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (e - s) * 1000 }')")
    done
    cold="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"

    scan_cell="not run (NWIP_SCAN=0)"
    if [[ "$scan" != 0 ]]; then
        echo "${factor}x: scan of the work under development..." >&2
        IFS='|' read -r scan_wall scan_rss _ < <(timed "$nwip" --index "$index" scan --under-development --out "$work/scan.jsonl")
        scanned="$(grep '^scanned' "$work/err.log" | tail -n 1 | cut -d' ' -f2)"
        scan_cell="$scan_wall s, ${scan_rss} MiB ($scanned items)"
    fi

    echo "${factor}x: update of a day's changes..." >&2
    IFS='|' read -r update_wall update_rss _ < <(timed "$nwip" --index "$index" index --update "$work/changes/changes.jsonl" --remove "$work/changes/removed.txt" --format json)
    update_seconds="$(sed -n 's/^  "update_seconds": \([0-9.]*\),*$/\1/p' "$work/out.log" | awk '{ printf "%.2f", $1 }')"

    echo "| ${factor}x | $records | $index_wall s | $index_rss MiB ($index_anon MiB) | $size | $cold ms | $scan_cell | $update_wall s ($update_seconds s in the update), $update_rss MiB |"
    rm -rf "$index"
    if ((factor > 1)); then rm -rf "$corpus"; fi
done
