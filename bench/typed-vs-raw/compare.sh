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
# One file per function: the instructions, branch targets as offsets into the function,
# alignment padding after the last instruction dropped.
$objdump -d --no-show-raw-insn "$work/calls.o" |
    sed -E '/^[ \t]/s/[0-9a-f]+ <[A-Za-z_0-9]+(\+0x[0-9a-f]+)?>/<\1>/; /^[ \t]/s/[ \t]*\/\/.*$//' |
    awk -v dir="$work" '
    /^[0-9a-f]+ <.*>:$/ { name = $2; gsub(/[<>:]/, "", name); next }
    NF >= 2 && name != "" { sub(/^[ \t]*[0-9a-f]+:[ \t]*/, ""); gsub(/[ \t]+/, " ");
                            print > (dir "/" name ".s") }'
for f in "$work"/*.s; do
    awk '{ line[NR] = $0 } END { n = NR; while (n > 0 && line[n] == "nop") n--;
                                 for (i = 1; i <= n; i++) print line[i] }' "$f" >"$f.t"
    mv "$f.t" "$f"
done
same=0 shorter=0 total=0
for raw in "$work"/raw_*.s; do
    op=$(basename "$raw" .s); op=${op#raw_}
    typed="$work/typed_$op.s"
    total=$((total + 1))
    if cmp -s "$raw" "$typed"; then
        same=$((same + 1))
        printf '%-8s identical (%d instructions)\n' "$op" "$(wc -l <"$raw")"
    else
        r=$(wc -l <"$raw") t=$(wc -l <"$typed")
        [ "$t" -lt "$r" ] && shorter=$((shorter + 1))
        printf '%-8s different: raw %d, typed %d instructions\n' "$op" "$r" "$t"
        diff "$raw" "$typed" | sed 's/^/    /'
    fi
done
echo "typed-vs-raw: of $total invocations, $same compile to identical instructions and" \
    "$shorter to fewer in the typed form"
