#!/usr/bin/env bash
# The serial driver's console: boots serial.system (boot.sh's arguments) and checks that
# each of serial_a, serial_b and serial_c printed "line K of 500" for every K exactly once,
# each line whole (prefix, text, nothing else), and then "done".
#   serial.sh BOOT.SH-ARGS...
set -u
out=$5
tests/system/microkit/boot.sh "$@"
rc=$?
[ $rc = 0 ] || exit $rc # 77: no kernel, skipped
fail=0
for c in serial_a serial_b serial_c; do
    want=$(for k in $(seq 0 499); do echo "$c: line $k of 500"; done; echo "$c: done")
    got=$(grep -a "^$c: \(line\|done\)" "$out/console" | tr -d '\r')
    if [ "$got" != "$want" ]; then
        echo "FAILED: $c's lines are not each whole, once and in order:"
        diff <(echo "$want") <(echo "$got") | head -10
        fail=1
    fi
done
# no line of a client's may be cut into by another's
if grep -a 'line [0-9]* of 500.' "$out/console" | grep -av '^serial_[abc]: line [0-9]* of 500$'; then
    echo "FAILED: the lines above are mixed"
    fail=1
fi
[ $fail = 0 ] && echo "every line of the three clients arrived whole and once"
exit $fail
