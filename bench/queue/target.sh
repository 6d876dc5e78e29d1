#!/usr/bin/env bash
# The queues on seL4 under QEMU: instructions per enqueue+dequeue pair (qbench.system, booted
# with -icount shift=0 so that the counter the PD reads counts instructions), and how many
# notifications the signalling protocol sends per 1,000 messages in the 1,000,000-entry
# exchange of tests/system/queue (on one core; on two cores with SMP). Prints figures; asserts
# nothing.
#   target.sh CONFIG PREFIX SYSBUILD SDK QEMU_RUN BENCH_PDS TEST_PDS OUT SYSTEM
# (SYSTEM: queue on one core, queue-smp on SMP kernels)
set -u
config=$1 prefix=$2 sysbuild=$3 sdk=$4 qemu_run=$5 bench_pds=$6 test_pds=$7 out=$8 system=$9
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "queue ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
cd "$top" || exit 1
boot() { # SYSTEM PDS NAME SENTINEL [RUNNER ARGS...] [-- QEMU ARGS...]
    local system=$1 pds=$2 name=$3 pass=$4
    shift 4
    tests/system/microkit/boot.sh "$config" "$prefix" "$system" "$pds" "$out/$name" "$sysbuild" \
        "$sdk" "$qemu_run" --pass "$pass" "$@" >"$out/$name.log" 2>&1
}
mkdir -p "$out"
if [ $system = queue ]; then
    if boot "$here/qbench.system" "$bench_pds" qbench "qbench: done" -- -icount shift=0; then
        grep -o 'qbench: instructions.*' "$out/qbench/console" | sed "s/^qbench:/queue ($config):/"
    else
        echo "queue ($config): qbench did not finish (log: $out/qbench.log)"
    fi
fi
if boot "$top/tests/system/queue/$system.system" "$test_pds" "$system" "qproducer: end" --timeout 600; then
    prod=$(sed -n 's/.*qproducer: done, [0-9]* entries, \([0-9]*\) notifications sent.*/\1/p' "$out/$system/console")
    cons=$(sed -n 's/.*qconsumer: \([0-9]*\) wake-ups, \([0-9]*\) notifications sent.*/\1 \2/p' "$out/$system/console")
    set -- $cons
    where=$([ $system = queue ] && echo "one core" || echo "two cores")
    awk -v p="$prod" -v w="$1" -v c="$2" -v where="$where" -v cfg="$config" 'BEGIN {
        printf "queue (%s): 1,000,000 entries on %s: producer to consumer %.2f notifications per 1,000 messages (consumer woke %.2f times), consumer to producer %.2f\n",
            cfg, where, p / 1000, w / 1000, c / 1000 }'
else
    echo "queue ($config): the exchange did not finish (log: $out/$system.log)"
fi
