#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 60), seeded from the project's samples.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#   fuzz/run.sh 60            # the short run CI does
#   nice fuzz/run.sh 3600     # a longer run (an hour a target); corpora stay in fuzz/corpus/
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
root=..
mkdir -p corpus/import_records corpus/proposal_readers corpus/identifiers
# Seeds: sample record lines (one a file), sample proposals, identifiers from the records.
if [[ -z "$(ls -A corpus/import_records)" ]]; then
    split -l 1 -a 4 "$root/corpus/samples/records.jsonl" corpus/import_records/line-
    cp "$root"/corpus/samples/*.yaml corpus/import_records/ 2>/dev/null || true
fi
if [[ -z "$(ls -A corpus/proposal_readers)" ]]; then
    cp "$root"/corpus/proposals/* corpus/proposal_readers/
fi
if [[ -z "$(ls -A corpus/identifiers)" ]]; then
    grep -o '"id":"[^"]*"' "$root/corpus/samples/records.jsonl" | cut -d'"' -f4 | awk 'NR <= 400' \
        | split -l 1 -a 4 - corpus/identifiers/id-
fi
for target in import_records proposal_readers identifiers; do
    echo "== fuzz $target for ${seconds}s"
    cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" \
        -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | grep -E "^(#|stat::|Done|==|SUMMARY|INFO: seed)|panicked|ERROR|artifact" | tail -n 12
    echo "corpus/$target: $(ls "corpus/$target" | wc -l) inputs"
done
