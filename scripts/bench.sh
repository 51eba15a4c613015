#!/usr/bin/env bash
# End-to-end figures of the nwip CLI, printed as a Markdown table:
#   full index build (wall time, peak RSS), index size on disk, cold `nwip check` process time
#   (median of 11 runs), `nwip scan` of the work under development and the near-duplicate self-join
#   (wall time, CPU time, peak RSS, findings), warm check latency and the figures of `nwip eval`.
#
# Usage: scripts/bench.sh [CORPUS_DIR] [INDEX_DIR]
#   CORPUS_DIR  record files to index       (default: ../shared/corpus, beside the repository)
#   INDEX_DIR   where to build the index    (default: $NWIP_INDEX, else a temporary directory,
#               removed at exit). An index already there is rebuilt (replaced).
#   NWIP_EVAL   directory of the eval sets  (default: CORPUS_DIR/../eval)
#
# Needs only bash and coreutils; uses /usr/bin/time -v for peak RSS and jq (or python3) to read
# the eval JSON when they are there, and degrades otherwise. Installs nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

corpus="${1:-$root/../shared/corpus}"
[[ -d "$corpus" ]] || { echo "no corpus directory at $corpus" >&2; exit 2; }
corpus="$(cd "$corpus" && pwd)"
index="${2:-${NWIP_INDEX:-}}"
cleanup=""
if [[ -z "$index" ]]; then
    cleanup="$(mktemp -d "${TMPDIR:-/tmp}/nwip-bench.XXXXXX")"
    index="$cleanup/index"
fi
logs="$(mktemp -d "${TMPDIR:-/tmp}/nwip-bench-logs.XXXXXX")"
trap 'rm -rf "$logs" ${cleanup:+"$cleanup"}' EXIT
eval_dir="${NWIP_EVAL:-$corpus/../eval}"
proposal="$root/corpus/proposals/ev-battery-state-of-health.md"
runs=11

echo "building release binary..." >&2
cargo build --release --quiet -p nwip-cli
nwip="$root/target/release/nwip"

# --- full index build: wall time and peak RSS ---
echo "indexing $corpus into $index..." >&2
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v -o "$logs/time" "$nwip" --index "$index" index --quiet "$corpus"
    wall="$(sed -n 's/^.*Elapsed (wall clock) time.*): //p' "$logs/time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f s", s }')"
    rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$logs/time")"
    rss="$(awk -v kb="$rss_kb" 'BEGIN { printf "%.0f MiB", kb / 1024 }')"
else
    TIMEFORMAT=%R
    { time "$nwip" --index "$index" index --quiet "$corpus" 2>"$logs/index.err"; } 2>"$logs/time"
    wall="$(tail -n 1 "$logs/time") s"
    rss="n/a (no /usr/bin/time)"
fi
records="$("$nwip" --index "$index" stats --format json | sed -n 's/^  "records": \([0-9]*\),*$/\1/p')"
size="$(du -sh "$index" | cut -f1)"

# --- cold check: a fresh process per run, median of $runs ---
cold="n/a (no $proposal)"
if [[ -f "$proposal" ]]; then
    echo "cold check x$runs..." >&2
    times=()
    for ((i = 0; i < runs; i++)); do
        start=$EPOCHREALTIME
        "$nwip" --index "$index" check "$proposal" >/dev/null
        end=$EPOCHREALTIME
        times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", (e - s) * 1000 }')")
    done
    sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
    median="$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")"
    cold="$median ms (min $(head -n 1 <<<"$sorted"), max $(tail -n 1 <<<"$sorted"))"
fi

# --- scans: work programme under development, and the near-duplicate self-join ---
# Prints "wall|peak RSS|summary line" of one `nwip scan` run (findings go to a file).
scan_run() {
    local out="$logs/scan.out"
    if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
        /usr/bin/time -v -o "$logs/scan.time" "$nwip" --index "$index" scan "$@" --out "$out" 2>"$logs/scan.err"
        local w r
        w="$(sed -n 's/^.*Elapsed (wall clock) time.*): //p' "$logs/scan.time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f s", s }')"
        r="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$logs/scan.time" | awk '{ printf "%.0f MiB", $1 / 1024 }')"
        local u
        u="$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$logs/scan.time")"
        echo "$w (CPU $u s)|$r|$(grep '^scanned' "$logs/scan.err" | tail -n 1)"
    else
        local start=$EPOCHREALTIME
        "$nwip" --index "$index" scan "$@" --out "$out" 2>"$logs/scan.err"
        echo "$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", e - s }')|n/a|$(grep '^scanned' "$logs/scan.err" | tail -n 1)"
    fi
}
echo "scan of ISO and IEEE work under development..." >&2
IFS='|' read -r scan_wall scan_rss scan_summary < <(scan_run --under-development --org ISO --org IEEE)
echo "scan of all work under development..." >&2
IFS='|' read -r all_wall all_rss all_summary < <(scan_run --under-development)
echo "near-duplicate self-join..." >&2
IFS='|' read -r nd_wall nd_rss nd_summary < <(scan_run --near-duplicates)
scan_rows="| \`nwip scan --under-development --org ISO --org IEEE\` | $scan_wall, peak RSS $scan_rss: $scan_summary |
| \`nwip scan --under-development\` (every organisation) | $all_wall, peak RSS $all_rss: $all_summary |
| \`nwip scan --near-duplicates\` (threshold 0.8) | $nd_wall, peak RSS $nd_rss: $nd_summary |"

# --- eval: warm latency and figures ---
sets=()
for set in revisions committee; do
    [[ -f "$eval_dir/$set.jsonl" ]] && sets+=("$eval_dir/$set.jsonl")
done
eval_rows=""
if ((${#sets[@]})); then
    echo "eval ${sets[*]}..." >&2
    start=$EPOCHREALTIME
    # One check at a time (--timings): the median is a single check's latency, with each
    # stage's median beside it.
    "$nwip" --index "$index" eval "${sets[@]}" --timings --format json >"$logs/eval.json"
    end=$EPOCHREALTIME
    eval_wall="$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f s", e - s }')"
    if command -v jq >/dev/null; then
        eval_rows="$(jq -r '.[] | "| eval \(.set) (\(.queries) queries) | " + (if .committee_acc_at_1 then "committee exact acc@1/@3 \(.committee_acc_at_1*1000|round/1000)/\(.committee_acc_at_3*1000|round/1000), TC acc@1/@3 \(.committee_tc_acc_at_1*1000|round/1000)/\(.committee_tc_acc_at_3*1000|round/1000)" else "R@1 \(.recall_at_1*1000|round/1000), R@10 \(.recall_at_10*1000|round/1000), MRR@10 \(.mrr_at_10*1000|round/1000)" end) + " |\n| warm check p50, \(.set) | \(.median_ms*100|round/100) ms (`median_ms` of `nwip eval --timings`, checks one at a time; p95 not reported) |\n| check stages, \(.set) | " + ([.stage_medians | to_entries[] | "\(.key) \(.value*100|round/100)"] | join(", ")) + " ms (medians) |"' "$logs/eval.json")"
    elif command -v python3 >/dev/null; then
        eval_rows="$(python3 - "$logs/eval.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    row = f"| eval {r['set']} ({r['queries']} queries) | "
    if r.get('committee_acc_at_1') is None:
        row += f"R@1 {r['recall_at_1']:.3f}, R@10 {r['recall_at_10']:.3f}, MRR@10 {r['mrr_at_10']:.3f}"
    else:
        row += f"committee exact acc@1/@3 {r['committee_acc_at_1']:.3f}/{r['committee_acc_at_3']:.3f}, TC acc@1/@3 {r['committee_tc_acc_at_1']:.3f}/{r['committee_tc_acc_at_3']:.3f}"
    print(row + " |")
    print(f"| warm check p50, {r['set']} | {r['median_ms']:.2f} ms (`median_ms` of `nwip eval --timings`, checks one at a time; p95 not reported) |")
    stages = ", ".join(f"{name} {ms:.2f}" for name, ms in (r.get('stage_medians') or {}).items())
    print(f"| check stages, {r['set']} | {stages} ms (medians) |")
PY
)"
    else
        eval_rows="| eval (raw JSON) | $(tr -d '\n' <"$logs/eval.json") |"
    fi
    eval_rows+=$'\n'"| eval wall time (all sets, one check at a time) | $eval_wall |"
fi

cat <<EOF

## nwip benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg 2>/dev/null || echo n/a), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo '+dirty'))

| measure | value |
|---|---|
| \`nwip index\` wall time ($records records) | $wall |
| \`nwip index\` peak RSS | $rss |
| index size on disk (\`du -sh\`) | $size |
| cold \`nwip check $(basename "$proposal")\`, median of $runs processes | $cold |
$scan_rows
$eval_rows
EOF
