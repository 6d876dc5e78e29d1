#!/usr/bin/env bash
# Drop-in compatibility with libsel4, for a real seL4 install of configuration CONFIG:
# a libsel4 client program compiles against both libsel4 and sel4c, and every ABI value of
# abi_values.c is the same with both. Skips (77) when the install is absent.
#   libsel4_compat.sh CONFIG PREFIX CC "FLAGS" "SEL4C_INCLUDES" OBJCOPY
set -eu
config=$1 prefix=$2 cc=$3 flags=$4 includes=$5 objcopy=$6
if [ ! -d "$prefix/libsel4/include" ]; then
    echo "no seL4 install at $prefix (set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
libsel4="-I$prefix/libsel4/include"
for api in libsel4 sel4c; do
    inc=$libsel4
    [ $api = sel4c ] && inc=$includes
    # shellcheck disable=SC2086
    $cc $flags $inc -c tests/compile/libsel4_client.c -o "$work/client-$api.o"
    # shellcheck disable=SC2086
    $cc $flags $inc -c tests/compile/abi_values.c -o "$work/abi-$api.o"
    $objcopy -O binary -j .rodata.abi "$work/abi-$api.o" "$work/abi-$api.bin"
    od -An -v -t u8 -w8 "$work/abi-$api.bin" | tr -d ' ' >"$work/abi-$api.txt"
done
if ! cmp -s "$work/abi-libsel4.txt" "$work/abi-sel4c.txt"; then
    echo "ABI values differ for $config (libsel4 | sel4c):"
    paste "$work/abi-libsel4.txt" "$work/abi-sel4c.txt" | awk '$1 != $2 { print "  entry " NR-1 ": " $0 }'
    echo "(entries are numbered in the order of tests/compile/abi_values.c, configuration lists last)"
    exit 1
fi
echo "$config: libsel4 client compiles with both; $(wc -l <"$work/abi-sel4c.txt") ABI values equal"
