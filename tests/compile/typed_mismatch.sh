#!/usr/bin/env bash
# A wrong capability type is a compile error in the typed API (and the right one is not).
#   typed_mismatch.sh CC "FLAGS"
set -u
cc=$1 flags=$2
export LC_ALL=C
src=tests/compile/typed_mismatch.c
# shellcheck disable=SC2086
$cc $flags -c $src -o /dev/null || { echo "the correct call does not compile"; exit 1; }
for wrong in 1 2; do
    # shellcheck disable=SC2086
    if out=$($cc $flags -DWRONG_CAP_TYPE=$wrong -c $src -o /dev/null 2>&1); then
        echo "case $wrong: a wrong capability type compiled"; exit 1
    fi
    echo "$out" | grep -q "incompatible type for argument $wrong of 'sel4c_tcb_bind_notification'" || {
        echo "case $wrong: unexpected diagnostic:"; echo "$out"; exit 1; }
    echo "rejected: $(echo "$out" | grep -m1 'error:')"
done
