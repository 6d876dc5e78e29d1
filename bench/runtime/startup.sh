#!/usr/bin/env bash
# The root-task runtime's start-up cost: instructions from the root task's first instruction
# to main (QEMU, one instruction per translation block, log restricted to the root task's
# code), and the size the runtime adds, next to a root task with no runtime at all.
#   startup.sh PREFIX ADD_PAYLOAD LOADER MINIMAL.elf BARE.elf
set -eu
prefix=$1 add_payload=$2 loader=$3 minimal=$4 bare=$5
size_of() { aarch64-linux-gnu-size "$1" | awk 'NR == 2 { print $1 + $2 }'; }
echo "runtime: minimal root task $(size_of "$minimal") bytes of code and data;" \
    "a root task without runtime $(size_of "$bare") bytes"
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "runtime: start-up not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine virt -cpu cortex-a53 -m 2G -nographic -monitor none -serial none)
"${qemu[@]}" -machine dumpdtb="$work/virt.dtb" >/dev/null 2>&1
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/virt.dtb" \
    --app "$minimal" -o "$work/image.elf" >/dev/null
main=$(aarch64-linux-gnu-nm "$minimal" | awk '$3 == "main" { print $1 }')
text=$(aarch64-linux-gnu-readelf -SW "$minimal" | awk '$2 == ".text" { printf "0x%s..0x%x", $4, strtonum("0x" $4) + strtonum("0x" $6) }' 2>/dev/null ||
    true)
[ -n "$text" ] || text=0x400000..0x500000
timeout 20 "${qemu[@]}" -singlestep -d exec,nochain -dfilter "$text" -D "$work/trace" \
    -kernel "$work/image.elf" >/dev/null 2>&1 || true
count=$(awk -v m="$main" '/^Trace/ { n++; if (index($0, "/" m "/") || index($0, "/00000000" m "/")) { print n - 1; exit } }' "$work/trace")
echo "runtime: ${count:-?} instructions from the root task's entry to main" \
    "(TLS, IPC buffer, boot info, constructors; $(grep -c . "$work/trace") logged in all)"
