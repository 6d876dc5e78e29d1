#!/usr/bin/env bash
# Boots a real seL4 kernel through the sel4c loader with the minimal root task, on a given
# machine and core count, and checks the console: the kernel's "Booting all finished" then
# the root task's greeting. The device tree is that of the very machine booted.
#   loader-boot.sh CONFIG MACHINE CORES PREFIX ROOTTASK ADD_PAYLOAD LOADER QEMU_RUN
set -u
config=$1 machine=$2 cores=$3 prefix=$4 roottask=$5 add_payload=$6 loader=$7 qemu_run=$8
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tools/qemu-run/boot-sel4.sh "$prefix" "$roottask" "$add_payload" "$loader" "$qemu_run" \
    "$machine" "$cores" -- --timeout 60 --pass "Booting all finished, dropped to user space" \
    --pass "sel4c root task: hello, node 0 of $cores" --fail "sel4c loader: error" \
    --fail "seL4 called fail" --fail "Caught cap fault" --fail "sel4c root task: error"
