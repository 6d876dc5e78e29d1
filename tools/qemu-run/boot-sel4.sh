#!/usr/bin/env bash
# Boots a root task on a seL4 install in QEMU and judges it by its console: takes the machine
# and core count from the kernel's configuration (unless given), dumps that machine's device
# tree, builds the image with sel4c-add-payload and runs it under sel4c-qemu-run.
#   boot-sel4.sh PREFIX APP ADD_PAYLOAD LOADER QEMU_RUN [MACHINE CORES] -- RUNNER-ARGS...
# RUNNER-ARGS are sel4c-qemu-run's (sentinels, --timeout, --log). Exits with its status.
set -eu
prefix=$1 app=$2 add_payload=$3 loader=$4 qemu_run=$5
shift 5
config=$prefix/libsel4/include/kernel/gen_config.json
machine=virt
grep -q '"ARM_HYPERVISOR_SUPPORT": true' "$config" && machine=virt,virtualization=on
cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$config")
if [ "${1:-}" != -- ]; then
    machine=$1 cores=$2
    shift 2
fi
shift # --
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "${cores:-1}" -nographic
      -monitor none -serial stdio)
"${qemu[@]}" -machine dumpdtb="$work/machine.dtb" >/dev/null 2>&1
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/machine.dtb" \
    --app "$app" -o "$work/image.elf"
echo "booting on: ${qemu[*]}"
"$qemu_run" "$@" -- "${qemu[@]}" -kernel "$work/image.elf"
