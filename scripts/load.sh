#!/usr/bin/env bash
# Load run of `nwip serve` on loopback (a bench, not a test): starts the server on an index,
# sends REQUESTS checks from CLIENTS concurrent keep-alive connections (the evaluation sets'
# proposals, cycled), and prints throughput, p50/p90/p99 latency and the server's peak RSS.
#
# Usage: scripts/load.sh [INDEX_DIR] [REQUESTS] [CLIENTS]
#   INDEX_DIR  an index built by `nwip index` (default: $NWIP_INDEX, else ./nwip-index); only read
#   REQUESTS   checks to send (default 2000)
#   CLIENTS    concurrent connections (default 16)
#   NWIP_EVAL  directory of the eval sets (default: ../shared/eval beside the repository)
#   NWIP_BIN   the nwip binary to serve with (default: this checkout's release build), to compare
#              two builds on one machine
#
# Needs bash, coreutils and the Rust toolchain. Talks to 127.0.0.1 only, stops by itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
index="${1:-${NWIP_INDEX:-nwip-index}}"
requests="${2:-2000}"
clients="${3:-16}"
eval_dir="${NWIP_EVAL:-$root/../shared/eval}"
# An index folder holds CURRENT (the generation in use); an index of an older layout, nwip-meta.json.
[[ -f "$index/CURRENT" || -f "$index/nwip-meta.json" ]] || { echo "no index at $index (build one with: nwip index ../shared/corpus)" >&2; exit 2; }
[[ -f "$eval_dir/revisions.jsonl" ]] || { echo "no eval sets at $eval_dir" >&2; exit 2; }

cargo build --release --quiet -p nwip-cli --bin nwip --example load_client
nwip="${NWIP_BIN:-$root/target/release/nwip}"
client="$root/target/release/examples/load_client"

log="$(mktemp "${TMPDIR:-/tmp}/nwip-load.XXXXXX")"
"$nwip" --index "$index" serve --bind 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
    grep -q "listening on" "$log" && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
url="$(grep -o 'http://[0-9.:]*' "$log" | head -1)"
[[ -n "$url" ]] || { echo "the server did not start" >&2; cat "$log" >&2; exit 1; }
rss_idle="$(awk '/VmRSS/ {print $2}' "/proc/$server/status")"

echo "server $url on $index ($(grep -o '[0-9]* records' "$log" | head -1)); idle RSS $((rss_idle / 1024)) MiB"
# Warm-up (page cache, per-thread stemmer caches), not measured.
"$client" --url "$url" --requests 100 --clients "$clients" "$eval_dir/committee.jsonl" >/dev/null
"$client" --url "$url" --requests "$requests" --clients "$clients" \
    "$eval_dir/revisions.jsonl" "$eval_dir/committee.jsonl"
peak="$(awk '/VmHWM/ {print $2}' "/proc/$server/status")"
echo "server peak RSS $((peak / 1024)) MiB"
kill -TERM "$server"
wait "$server" || true
trap 'rm -f "$log"' EXIT
