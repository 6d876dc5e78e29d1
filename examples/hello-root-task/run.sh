#!/usr/bin/env bash
# make run: boots hello-root-task on a real seL4 kernel in QEMU and shows its console.
#   run.sh PREFIX ADD_PAYLOAD LOADER HELLO QEMU_RUN
set -eu
prefix=$1 add_payload=$2 loader=$3 hello=$4 qemu_run=$5
. "$(dirname "$0")/../../tools/qemu-run/require-kernel.sh"
require_kernel "$prefix" "$(basename "$prefix")"
echo "make run: hello-root-task on $prefix (stops when the root task exits)"
exec "$(dirname "$0")/../../tools/qemu-run/boot-sel4.sh" "$prefix" "$hello" "$add_payload" \
    "$loader" "$qemu_run" -- --timeout 60 --pass "sel4c: exit(0)" --fail "sel4c: panic" \
    --fail "sel4c: abort"
