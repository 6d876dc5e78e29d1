#!/usr/bin/env bash
# sel4c's libsel4.a defines exactly the symbols libsel4's own library does for configuration
# CONFIG, with the same kind (thread-local or not), binding and size: the reference is
# libsel4's source in the real install, compiled with its headers. Skips (77) without it.
#   libsel4_lib.sh CONFIG PREFIX CC LIBSEL4_A READELF
set -eu
config=$1 prefix=$2 cc=$3 lib=$4 readelf=$5
src=$prefix/libsel4/src
if [ ! -d "$src" ]; then
    echo "no libsel4 source in the seL4 install at $prefix (set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$src"/*.c; do
    $cc -std=gnu11 -ffreestanding -O2 -w -I"$prefix/libsel4/include" -c "$f" -o "$work/$(basename "$f" .c).o"
done
# "name type binding size" of each defined global symbol (code size is the compiler's)
defined() { $readelf -sW "$@" | awk '$7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") && $8 != "" { print $8, $4, $5, ($4 == "FUNC" ? "" : $3) }' | LC_ALL=C sort -u; }
defined "$work"/*.o >"$work/libsel4"
defined "$lib" >"$work/sel4c"
if ! diff -u "$work/libsel4" "$work/sel4c" >"$work/diff"; then
    echo "libsel4.a's symbols differ from libsel4's (- libsel4, + sel4c):"
    tail -n +3 "$work/diff"
    exit 1
fi
echo "$config: libsel4.a defines libsel4's $(wc -l <"$work/sel4c") symbols and nothing else:"
sed 's/^/  /' "$work/sel4c"
