#!/usr/bin/env bash
# make run-clock: the clock example on a real seL4 kernel, until it has ticked five times.
#   run.sh PREFIX CONFIG PD-DIR SYSBUILD SDK QEMU_RUN
set -eu
prefix=$1 config=$2 pds=$3 sysbuild=$4 sdk=$5 qemu_run=$6
here=$(dirname "$0")
. "$here/../../tools/qemu-run/require-kernel.sh"
require_kernel "$prefix" "$config"
echo "make run-clock: the time every second from the timer and the RTC on $prefix"
exec "$here/../../tools/qemu-run/boot-system.sh" "$prefix" "$here/clock.system" "$sysbuild" \
    "$sdk" "$qemu_run" --search-path "$pds" -- --timeout 60 --pass "clock: done after 5 ticks" \
    --fail "sel4c monitor: PD 'clock' faulted" --fail "sel4c: panic"
