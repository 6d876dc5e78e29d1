#!/usr/bin/env bash
# bench/drivers: the timer and serial drivers' figures on one configuration, printed with it.
#   timer:  booted with -icount shift=0 (one instruction per virtual nanosecond): instructions
#           from a timeout's deadline to the client's notified(), and timeouts per second
#           (bench_timer.c)
#   serial: booted in real time (the host's load shows): bytes per second one client gets through the multiplexer to
#           QEMU's UART (bench_serial.c)
#   run.sh CONFIG PREFIX SYSBUILD SDK_DIR QEMU_RUN PD_DIR
# PD_DIR holds timer.elf, serial.elf, bench_timer.elf and bench_serial.elf for CONFIG.
# Prints figures; asserts nothing about them.
set -u
config=$1 prefix=$2 sysbuild=$3 sdk=$4 qemu_run=$5 pds=$6
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "drivers ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
boot() { # system, sentinel, QEMU args...
    local system=$1 pass=$2
    shift 2
    tools/qemu-run/boot-system.sh "$prefix" "$here/$system.system" "$sysbuild" "$sdk" "$qemu_run" \
        --search-path "$pds" -- --timeout 300 --log "$work/$system.console" --pass "$pass" \
        --fail FAIL -- "$@" >"$work/$system.out" 2>&1 ||
        { echo "drivers ($config): $system: no figures (the run failed):"; tail -5 "$work/$system.out"; }
}
# sleep=off: while every thread waits, virtual time jumps to the next deadline instead of
# following the host's clock, so waiting costs no "instructions"
# (on SMP kernels QEMU's -icount, which runs the cores in turn, does not finish in bounded
# time: no timer figures there)
if grep -q '"MAX_NUM_NODES": "1"' "$prefix/libsel4/include/kernel/gen_config.json"; then
    boot timer "bench_timer: done" -icount shift=0,sleep=off
    grep -a "^bench_timer: " "$work/timer.console" | grep -v done | sed "s/^/drivers ($config): /"
else
    echo "drivers ($config): timer: not measured (QEMU's -icount does not finish with several cores)"
fi
# (the client has the driver's default name, client0)
boot serial "client0: done"
grep -a "^client0: [0-9]* bytes" "$work/serial.console" | sed "s/^client0/serial/; s/^/drivers ($config): /"
exit 0
