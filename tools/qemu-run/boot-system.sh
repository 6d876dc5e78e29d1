#!/usr/bin/env bash
# Builds a Microkit-style system with sel4c-sysbuild for a seL4 install and boots it in QEMU,
# judged by its console (make run and the system tests).
#   boot-system.sh PREFIX SYSTEM SYSBUILD SDK QEMU_RUN [SYSBUILD-ARGS...] -- RUNNER-ARGS...
#                  [-- QEMU-ARGS...]
# SYSBUILD-ARGS are sel4c-sysbuild's (--search-path, --report...); RUNNER-ARGS sel4c-qemu-run's;
# QEMU-ARGS are added to QEMU's command line (devices: -drive, -netdev, -device...).
set -eu
prefix=$1 system=$2 sysbuild=$3 sdk=$4 qemu_run=$5
shift 5
args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    args+=("$1")
    shift
done
shift # --
runner=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    runner+=("$1")
    shift
done
[ $# -eq 0 ] || shift # --
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/qemu-machine.sh"
qemu_machine "$prefix" "$work"
"$sysbuild" "$system" --sel4-prefix "$prefix" --sdk "$sdk" --dtb "$work/machine.dtb" \
    -o "$work/loader.img" -r "$work/report.txt" "${args[@]}"
qemu+=("$@")
echo "booting on: ${qemu[*]}"
"$qemu_run" "${runner[@]}" -- "${qemu[@]}" -kernel "$work/loader.img"
