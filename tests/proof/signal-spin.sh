#!/usr/bin/env bash
# proof/signal-spin: Spin checks the queue signalling protocol over every interleaving, with
# store buffers, for lost wake-ups and deadlocks: the consumer side (signal.pml) and both
# sides of a bounded queue (signal-both.pml). Then it must FIND the lost wake-up in each
# mutant, made by deleting one marked line: without the consumer's recheck, without the
# consumer's fence, without the producer's fence, without the producer's recheck for space.
# Each run's result is printed. The verifiers are compiled without optimisation: the state
# spaces are small and compiling dominates.
#   signal-spin.sh [DIR]   (DIR holds the models: tests/proof)
set -u
dir=${1:-tests/proof}
for tool in spin gcc; do
    if ! command -v $tool >/dev/null; then
        echo "no $tool installed (Debian package $tool; mk/deps.sh installs it)"
        exit 77
    fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# verify NAME FILE [SPIN FLAGS]: runs Spin's verifier on FILE, prints a summary line; its
# output is in $work/NAME.out. Fails only when Spin or the verifier could not run.
verify() {
    local name=$1 file=$2
    shift 2
    mkdir -p "$work/$name"
    cp "$file" "$work/$name/model.pml"
    (cd "$work/$name" && spin "$@" -a model.pml >spin.out 2>&1 &&
        gcc -O0 -DSAFETY -o pan pan.c >>spin.out 2>&1 && ./pan -m500000 >"../$name.out" 2>&1)
    local rc=$?
    if [ $rc -ne 0 ] && ! grep -q "errors:" "$work/$name.out" 2>/dev/null; then
        echo "$name: FAIL: spin or its verifier did not run (exit $rc):"
        cat "$work/$name/spin.out" "$work/$name.out" 2>/dev/null | head -20 | sed 's/^/  | /'
        failed=1
        return 1
    fi
    echo "$name: $(grep -o 'errors: [0-9]*' "$work/$name.out")," \
        "$(grep 'states, stored' "$work/$name.out" | awk '{print $1}') states," \
        "$(grep -o 'depth reached [0-9]*' "$work/$name.out")$(grep -m1 -o 'assertion violated.*' "$work/$name.out" | sed 's/^/; /')"
}

# correct NAME FILE: no error, and the watchdog's checks were reached (all its states)
correct() {
    verify "$1" "$2" || return
    if ! grep -q "errors: 0" "$work/$1.out"; then
        echo "$1: FAIL: Spin found an error in the protocol"
        failed=1
    elif ! grep -A1 "unreached in proctype watchdog" "$work/$1.out" | grep -q "(0 of"; then
        echo "$1: FAIL: the watchdog's checks were never reached"
        failed=1
    else
        echo "$1: PASS: no lost wake-up and no deadlock in any interleaving"
    fi
}

# mutant FILE TAG WHO: FILE without its one line marked /* @TAG */; Spin must find WHO
# asleep with work left (the watchdog's assertion naming WHO's asleep flag)
mutant() {
    local file=$1 tag=$2 who=$3 name=no-$2
    grep -v "/\* @$tag \*/" "$file" >"$work/$name.pml"
    if [ "$(wc -l <"$work/$name.pml")" -ne $(($(wc -l <"$file") - 1)) ]; then
        echo "$name: FAIL: no single line marked @$tag in $file"
        failed=1
        return
    fi
    verify "$name" "$work/$name.pml" || return
    if grep -q "assertion violated.*$who" "$work/$name.out"; then
        echo "$name: PASS: Spin finds the lost wake-up"
    else
        echo "$name: FAIL: Spin did not find the lost wake-up"
        failed=1
    fi
}

correct consumer-side "$dir/signal.pml"
mutant "$dir/signal.pml" recheck asleep
mutant "$dir/signal.pml" cfence asleep
mutant "$dir/signal.pml" pfence asleep
correct both-sides "$dir/signal-both.pml"
mutant "$dir/signal-both.pml" precheck p_asleep

# For information: without store buffers the fence mutants look correct.
for m in cfence pfence; do
    [ -f "$work/no-$m.pml" ] && verify "no-$m-sc" "$work/no-$m.pml" -DSC >/dev/null &&
        echo "no-$m under sequential consistency (no store buffers): $(grep -o 'errors: [0-9]*' "$work/no-$m-sc.out")"
done
exit $failed
