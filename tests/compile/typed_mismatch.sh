#!/usr/bin/env bash
# A wrong capability type is a compile error in the typed API (and the right one is not).
#   typed_mismatch.sh CC "FLAGS"
set -u
cc=$1 flags=$2
src=tests/compile/typed_mismatch.c
# shellcheck disable=SC2086
$cc $flags -c $src -o /dev/null || { echo "the correct call does not compile"; exit 1; }
# shellcheck disable=SC2086
if out=$($cc $flags -DWRONG_CAP_TYPE -c $src -o /dev/null 2>&1); then
    echo "passing a notification as a TCB compiled"; exit 1
fi
echo "$out" | grep -q "incompatible type for argument 1 of 'sel4c_tcb_bind_notification'" || {
    echo "unexpected diagnostic:"; echo "$out"; exit 1; }
echo "rejected: $(echo "$out" | grep -m1 'error:')"
