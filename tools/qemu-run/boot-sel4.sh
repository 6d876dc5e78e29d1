#!/usr/bin/env bash
# Boots a root task on a seL4 install in QEMU and judges it by its console: takes the machine
# and core count from the kernel's configuration (unless given), dumps that machine's device
# tree, builds the image with sel4c-add-payload and runs it under sel4c-qemu-run.
#   boot-sel4.sh PREFIX APP ADD_PAYLOAD LOADER QEMU_RUN [MACHINE CORES] -- RUNNER-ARGS...
# RUNNER-ARGS are sel4c-qemu-run's (sentinels, --timeout, --log). Exits with its status.
set -eu
prefix=$1 app=$2 add_payload=$3 loader=$4 qemu_run=$5
shift 5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/qemu-machine.sh"
if [ "${1:-}" != -- ]; then
    qemu_machine "$prefix" "$work" "$1" "$2"
    shift 2
else
    qemu_machine "$prefix" "$work"
fi
shift # --
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/machine.dtb" \
    --app "$app" -o "$work/image.elf"
echo "booting on: ${qemu[*]}"
"$qemu_run" "$@" -- "${qemu[@]}" -kernel "$work/image.elf"
