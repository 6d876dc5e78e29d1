#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time from seeds (files given), in a scratch corpus.
# Any crash or sanitizer report fails the test; the reproducer is kept in build/fuzz-crashes.
#   fuzz.sh TARGET SECONDS SEED...
set -eu -o pipefail
target=$1 seconds=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" build/fuzz-crashes
for s in "$@"; do cp "$s" "$work/corpus/"; done
"$target" -max_total_time="$seconds" -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=build/fuzz-crashes/ "$work/corpus" 2>&1 | tail -n 12
