#!/usr/bin/env bash
# Compiles calls.c for the target and compares, for each raw_X/typed_X pair, the
# instruction sequences (addresses and symbol names stripped). Prints one line per pair.
#   compare.sh CC "CFLAGS" OBJDUMP
set -eu
cc=$1 cflags=$2 objdump=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
$cc $cflags -c bench/typed-vs-raw/calls.c -o "$work/calls.o"
# One file per function: the instruction column only.
$objdump -d --no-show-raw-insn "$work/calls.o" | awk -v dir="$work" '
    /^[0-9a-f]+ <.*>:$/ { name = $2; gsub(/[<>:]/, "", name); next }
    NF >= 2 && name != "" { sub(/^[ \t]*[0-9a-f]+:[ \t]*/, ""); sub(/[ \t]*<.*>$/, "");
                            gsub(/[ \t]+/, " "); print > (dir "/" name ".s") }'
same=0 total=0
for raw in "$work"/raw_*.s; do
    op=$(basename "$raw" .s); op=${op#raw_}
    typed="$work/typed_$op.s"
    total=$((total + 1))
    if cmp -s "$raw" "$typed"; then
        same=$((same + 1))
        printf '%-8s identical (%d instructions)\n' "$op" "$(wc -l <"$raw")"
    else
        printf '%-8s DIFFERENT (raw %d, typed %d instructions)\n' "$op" "$(wc -l <"$raw")" \
            "$(wc -l <"$typed")"
        diff "$raw" "$typed" | sed 's/^/    /'
    fi
done
echo "typed-vs-raw: $same of $total invocations compile to identical instructions"
