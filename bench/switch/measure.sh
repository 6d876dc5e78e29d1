#!/usr/bin/env bash
# What a change of PD costs on this machine under QEMU (switch.c, switch.system): nanoseconds
# of host time per signal (no switch), per PP call and per notification to a PD that runs at
# once, and with 64 pages touched. A switch under QEMU's TCG costs far more than on hardware
# (the emulator empties its TLB and its cache of jumps at each change of address space; on
# MCS kernels each change of scheduling context reprograms the timer, which wakes QEMU's main
# loop): these are the figures to read bench/http-server's cost of isolation against.
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR QEMU_RUN   (PD_DIR: switch.elf)
# Prints figures; asserts nothing about them.
set -eu
config=$1 prefix=$2 sysbuild=$3 sdk=$4 pds=$5 qemu_run=$6
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "switch ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$here/../../tools/qemu-run/boot-system.sh" "$prefix" "$here/switch.system" "$sysbuild" \
    "$sdk" "$qemu_run" --search-path "$pds" -- --timeout 300 --log "$work/console" \
    --pass "switch: done" >"$work/boot" 2>&1; then
    echo "switch ($config): the benchmark did not finish: $(tail -n 1 "$work/boot")"
    exit 0
fi
echo "switch ($config, $(qemu-system-aarch64 --version | head -n 1), $(nproc) host cores):"
grep -a "^switch: " "$work/console" | grep -v "switch: done" | sed "s/^switch: /  /"
