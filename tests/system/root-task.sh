#!/usr/bin/env bash
# Boots a root task of ours on a real seL4 kernel through the loader and judges its console.
#   root-task.sh CONFIG PREFIX IMAGE ADD_PAYLOAD LOADER QEMU_RUN [RUNNER ARGS (sentinels)...]
set -u
config=$1 prefix=$2 app=$3 add_payload=$4 loader=$5 qemu_run=$6
shift 6
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
machine=virt
grep -q '"ARM_HYPERVISOR_SUPPORT": true' "$prefix/libsel4/include/kernel/gen_config.json" &&
    machine=virt,virtualization=on
cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$prefix/libsel4/include/kernel/gen_config.json")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "${cores:-1}" -nographic
      -monitor none -serial stdio)
"${qemu[@]}" -machine dumpdtb="$work/machine.dtb" >/dev/null 2>&1
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/machine.dtb" \
    --app "$app" -o "$work/image.elf" >/dev/null || exit 1
"$qemu_run" --timeout 60 --log "${SEL4C_CONSOLE_LOG:-/dev/stdout}" \
    --fail "sel4c: panic" --fail "seL4 called fail" "$@" -- "${qemu[@]}" -kernel "$work/image.elf"
