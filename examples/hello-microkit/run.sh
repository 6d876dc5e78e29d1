#!/usr/bin/env bash
# make run: builds examples/hello-microkit with sel4c-sysbuild for a real seL4 kernel and
# boots it in QEMU, showing its console.
#   run.sh PREFIX CONFIG PD-DIR SYSBUILD SDK QEMU_RUN
set -eu
prefix=$1 config=$2 pds=$3 sysbuild=$4 sdk=$5 qemu_run=$6
here=$(dirname "$0")
. "$here/../../tools/qemu-run/require-kernel.sh"
require_kernel "$prefix" "$config"
echo "make run: hello-microkit on $prefix (stops when the client is done)"
exec "$here/../../tools/qemu-run/boot-system.sh" "$prefix" "$here/hello.system" "$sysbuild" \
    "$sdk" "$qemu_run" --search-path "$pds" -- --timeout 60 --pass "hello-microkit: done" \
    --fail "sel4c monitor:" --fail "sel4c: panic"
