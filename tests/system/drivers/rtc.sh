#!/usr/bin/env bash
# The PL031 driver's time against the host's: boots rtc.system (boot.sh's arguments) and
# checks that the seconds the client printed lie between the host's clock before the boot
# and after it (QEMU's PL031 starts from the host's UTC time), allowing one second each way
# for the counters' rounding.
#   rtc.sh BOOT.SH-ARGS...
set -u
out=$5
start=$(date +%s)
tests/system/microkit/boot.sh "$@"
rc=$?
[ $rc = 0 ] || exit $rc # 77: no kernel, skipped
end=$(date +%s)
got=$(sed -n 's/^rtc_client: seconds \([0-9][0-9]*\).*/\1/p' "$out/console" | head -1)
if [ -z "$got" ]; then
    echo "FAILED: no 'rtc_client: seconds N' line on the console"
    exit 1
fi
if [ "$got" -lt $((start - 1)) ] || [ "$got" -gt $((end + 1)) ]; then
    echo "FAILED: the RTC said $got, the host's clock was $start..$end"
    exit 1
fi
echo; echo "the RTC said $got, the host's clock was $start..$end: within"
