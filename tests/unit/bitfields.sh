#!/usr/bin/env bash
# Round-trip test of generated bitfield accessors: emits a test for every field of PBF with
# gen_bitfield_test, then builds and runs it with debug assertions on (max+1 must trip them)
# and off (max+1 must be masked).
#   bitfields.sh GEN_TEST PBF HEADER CC-FLAGS...
set -eu
gen=$1 pbf=$2 header=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" "$pbf" "$header" >"$work/test.c"
for mode in "" -DNDEBUG; do
    gcc -std=gnu11 -Wall -Wextra -Werror $mode -I tests/unit "$@" "$work/test.c" -o "$work/t"
    "$work/t"
done
echo "$(grep -c CHECK "$work/test.c") checks on $(basename "$pbf")"
