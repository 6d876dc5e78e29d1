#!/usr/bin/env bash
# The device tree reader on our fixture and on QEMU's trees for the machines sel4c boots:
# plain virt (PSCI over hvc) and virt with virtualization=on and 4 cores (PSCI over smc).
#   fdt.sh TEST_FDT
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dtc -q -I dts -O dtb tests/fixtures/fdt/small.dts -o "$work/small.dtb"
qemu-system-aarch64 -machine virt,dumpdtb="$work/virt.dtb" -cpu cortex-a53 -m 2G -nographic >/dev/null 2>&1
qemu-system-aarch64 -machine virt,virtualization=on,dumpdtb="$work/hyp.dtb" -cpu cortex-a53 -m 2G \
    -smp 4 -nographic >/dev/null 2>&1
"$1" "$work/small.dtb" "$work/virt.dtb" hvc 1 "$work/hyp.dtb" smc 4
