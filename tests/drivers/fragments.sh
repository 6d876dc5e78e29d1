#!/usr/bin/env bash
# The drivers' .system fragments (drivers/*/*.system) are systems sel4c-sysbuild accepts for
# the Microkit kernel, with the driver PDs built for it; the timer's is refused on a kernel
# that keeps the physical timer to itself, naming the option it lacks.
#   fragments.sh SYSBUILD SHARED_DIR DRIVER_ELF_DIR
set -u
sysbuild=$1 shared=$2 elves=$3 fail=0
cfg() { echo "$shared/sel4/$1/libsel4/include/kernel/gen_config.json"; }
for f in drivers/*/*.system; do
    if out=$("$sysbuild" check "$f" --kernel-config "$(cfg aarch64-microkit)" --search-path "$elves" 2>&1) &&
        [ "$out" = ok ]; then
        echo "ok   $f"
    else
        echo "FAIL $f:"
        echo "$out" | sed 's/^/    /'
        fail=1
    fi
done
out=$("$sysbuild" check drivers/timer/timer.system --kernel-config "$(cfg aarch64-mcs)" \
    --search-path "$elves" 2>&1)
if [ $? = 2 ] && echo "$out" | grep -q "timer.system:[0-9]*:[0-9]*: error: irq 30 .*EXPORT_PTMR_USER"; then
    echo "ok   drivers/timer/timer.system refused on aarch64-mcs"
else
    echo "FAIL drivers/timer/timer.system on aarch64-mcs:"
    echo "$out" | sed 's/^/    /'
    fail=1
fi
exit $fail
