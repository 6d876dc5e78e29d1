#!/usr/bin/env bash
# proof/signal-spin: Spin checks the queue signalling protocol (tests/proof/signal.pml) for
# lost wake-ups and deadlocks over every interleaving, with store buffers; then it must FIND
# the lost wake-up in each mutant: without the consumer's recheck, without the consumer's
# fence, without the producer's fence. Each run's result is printed.
#   signal-spin.sh [MODEL]
set -u
model=${1:-tests/proof/signal.pml}
for tool in spin gcc; do
    if ! command -v $tool >/dev/null; then
        echo "no $tool installed (Debian package $tool; mk/deps.sh installs it)"
        exit 77
    fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# run NAME FILE [CPP FLAGS]: verifies FILE; its pan output in $work/NAME.out
run() {
    local name=$1 file=$2
    shift 2
    mkdir -p "$work/$name"
    cp "$file" "$work/$name/model.pml"
    (cd "$work/$name" && spin "$@" -a model.pml >spin.out 2>&1 &&
        gcc -O2 -DSAFETY -o pan pan.c >>spin.out 2>&1 && ./pan -m200000 >"../$name.out" 2>&1)
    local rc=$?
    if [ $rc -ne 0 ] && ! grep -q "errors:" "$work/$name.out" 2>/dev/null; then
        echo "$name: spin or pan did not run (exit $rc):"
        cat "$work/$name/spin.out" "$work/$name.out" 2>/dev/null | head -20 | sed 's/^/  | /'
        failed=1
        return 1
    fi
    local stats
    stats=$(grep -E "states, stored" "$work/$name.out" | awk '{print $1}')
    echo "$name: $(grep -o 'errors: [0-9]*' "$work/$name.out"), $stats states," \
        "$(grep -o 'depth reached [0-9]*' "$work/$name.out")$(grep -m1 -o 'assertion violated.*' "$work/$name.out" | sed 's/^/; /')"
}

# The model itself: no error, and the watchdog's checks were reached (every state of it).
if run model "$model"; then
    if ! grep -q "errors: 0" "$work/model.out"; then
        echo "model: FAIL: Spin found an error in the protocol"
        failed=1
    elif ! grep -A1 "unreached in proctype watchdog" "$work/model.out" | grep -q "(0 of"; then
        echo "model: FAIL: the watchdog's checks were never reached"
        failed=1
    else
        echo "model: PASS: no lost wake-up and no deadlock in any interleaving"
    fi
fi

# Mutants: each must differ from the model by its marked line and make Spin find the bug.
for m in recheck cfence pfence; do
    grep -v "/\* @$m \*/" "$model" >"$work/no-$m.pml"
    if [ "$(wc -l <"$work/no-$m.pml")" -ne $(($(wc -l <"$model") - 1)) ]; then
        echo "no-$m: FAIL: no single line marked @$m in $model"
        failed=1
        continue
    fi
    run "no-$m" "$work/no-$m.pml" || continue
    if grep -q "assertion violated.*asleep" "$work/no-$m.out"; then
        echo "no-$m: PASS: Spin finds the lost wake-up"
    else
        echo "no-$m: FAIL: Spin did not find the lost wake-up"
        failed=1
    fi
done

# For information: without store buffers the fence mutants look correct.
for m in cfence pfence; do
    [ -f "$work/no-$m.pml" ] && run "no-$m-sc" "$work/no-$m.pml" -DSC >/dev/null &&
        echo "no-$m under sequential consistency (no store buffers): $(grep -o 'errors: [0-9]*' "$work/no-$m-sc.out")"
done
exit $failed
