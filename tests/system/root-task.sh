#!/usr/bin/env bash
# Boots a root task of ours on a real seL4 kernel through the loader and judges its console.
#   root-task.sh CONFIG PREFIX IMAGE ADD_PAYLOAD LOADER QEMU_RUN [SENTINEL ARGS...]
# SEL4C_CONSOLE_LOG, if set, receives the console. Skips (77) without a kernel.
set -u
config=$1 prefix=$2 app=$3 add_payload=$4 loader=$5 qemu_run=$6
shift 6
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
tools/qemu-run/boot-sel4.sh "$prefix" "$app" "$add_payload" "$loader" "$qemu_run" -- \
    --timeout 60 --log "${SEL4C_CONSOLE_LOG:-/dev/stdout}" --fail "sel4c: panic" \
    --fail "seL4 called fail" "$@"
