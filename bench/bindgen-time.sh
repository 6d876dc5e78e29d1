#!/usr/bin/env bash
# Wall time of sel4c-bindgen per configuration (mean of N runs).
#   bindgen-time.sh BINDGEN SHARED [N]
set -eu
bindgen=$1 shared=$2 n=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "$shared"/sel4/*/libsel4/include; do
    config=$(basename "$(dirname "$(dirname "$dir")")")
    start=$(date +%s%N)
    for _ in $(seq "$n"); do "$bindgen" -I "$dir" -o "$work/out"; done
    us=$(( ($(date +%s%N) - start) / 1000 / n ))
    printf 'bindgen %-16s %d.%03d ms per run (mean of %d)\n' "$config" $((us / 1000)) $((us % 1000)) "$n"
done
