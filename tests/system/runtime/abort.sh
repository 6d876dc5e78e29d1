#!/usr/bin/env bash
# abort() prints a backtrace that sel4c-symbolize resolves to the right functions, in order.
#   abort.sh SYMBOLIZE IMAGE ROOT_TASK_ARGS...   (the arguments of tests/system/root-task.sh)
set -u
symbolize=$1 image=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SEL4C_CONSOLE_LOG=$work/console tests/system/root-task.sh "$@" --pass "sel4c: thread suspended"
rc=$?
# a skip: root-task.sh has printed what is missing as its last line, and there is no console
[ $rc -eq 77 ] && exit 77
[ -f "$work/console" ] && cat "$work/console"
[ $rc -eq 0 ] || exit 1
"$symbolize" "$image" "$work/console" >"$work/symbolized" || { cat "$work/symbolized"; exit 1; }
grep -A8 'sel4c backtrace:' "$work/symbolized"
funcs=$(grep -oE '^  0x[0-9a-f]+ [a-z_0-9]+' "$work/symbolized" | awk '{ print $2 }' | tr '\n' ' ')
case "$funcs" in
*"abort_level2 abort_level1 main "*) echo "backtrace resolves to: $funcs" ;;
*) echo "FAILED: backtrace resolves to: $funcs"; exit 1 ;;
esac
grep -q 'abort.c:' "$work/symbolized" || { echo "FAILED: no source lines"; exit 1; }
grep -qE 'sel4c build-id: [0-9a-f]{40}' "$work/console" || { echo "FAILED: no build id"; exit 1; }
