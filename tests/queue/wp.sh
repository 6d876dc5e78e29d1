#!/bin/sh
# proof/queue-wp: Frama-C's WP proves the ACSL contracts of the queues' index logic
# (lib/queue/index.h) and of the generic queue's index steps, length, full and empty
# (lib/queue/queue.c), with the absence of run-time errors (-wp-rte), using Z3 and Qed. Prints
# the count of proved goals; fails if any goal is not proved.
#   wp.sh OUT-DIR
set -u
out=$1
mkdir -p "$out" || exit 1
for tool in frama-c why3 z3; do
    command -v $tool >/dev/null 2>&1 || { echo "queue-wp: $tool is not installed (make deps)"; exit 1; }
done
export WHY3CONFIG="$out/why3.conf"
# Debian 12 has no Alt-Ergo: a Why3 configuration that knows the installed Z3.
if [ ! -f "$WHY3CONFIG" ]; then
    why3 config detect >"$out/why3-detect.log" 2>&1 || { cat "$out/why3-detect.log"; exit 1; }
fi
functions=q_dist16,q_dist32,q_slot,q_is_pow2,q_used32,q_used16,q_full32,q_full16,q_min
functions=$functions,q_advance32,q_room32,q_take32,q_runs,producer_used,consumer_avail
functions=$functions,producer_room,producer_publish,consumer_take,consumer_release
functions=$functions,sel4c_queue_producer_length,sel4c_queue_consumer_length
functions=$functions,sel4c_queue_full,sel4c_queue_empty
frama-c -cpp-extra-args="-Iinclude" -wp -wp-rte -wp-prover z3,qed -wp-timeout 20 -wp-par 2 \
    -wp-fct "$functions" lib/queue/queue.c >"$out/wp.log" 2>&1
rc=$?
grep -E 'Failed|Timeout|Unknown|Error|error' "$out/wp.log" | grep -v 'Callers assumptions'
summary=$(grep 'Proved goals:' "$out/wp.log")
proved=$(echo "$summary" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1/p')
total=$(echo "$summary" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\2/p')
if [ $rc -ne 0 ] || [ -z "$proved" ] || [ "$total" -eq 0 ]; then
    tail -20 "$out/wp.log"
    echo "queue-wp: FAILED: frama-c exited $rc (log: $out/wp.log)"
    exit 1
fi
echo "queue-wp: $proved of $total goals proved (log: $out/wp.log)"
[ "$proved" -eq "$total" ]
