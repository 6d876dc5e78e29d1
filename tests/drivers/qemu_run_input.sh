#!/usr/bin/env bash
# sel4c-qemu-run's --input and --input-after, with a shell in QEMU's place: bytes are typed
# only after their text appeared, in order, escapes decoded (Ctrl-\ included); input waiting
# for text that never comes is never typed; a bad escape is refused.
#   qemu_run_input.sh QEMU_RUN
set -u
run=$1 fail=0
check() { # what, expected status, actual status, output
    if [ "$2" != "$3" ]; then
        echo "FAIL $1: exit $3, expected $2"
        echo "$4" | sed 's/^/    /'
        fail=1
    else
        echo "ok   $1"
    fi
}
# the guest: prompts, then echoes each line it reads as hex bytes
guest='echo ready; read -r a; echo "first $a"; echo more; IFS= read -r b;
       printf "%s" "$b" | od -An -tx1 | tr -s " " | sed "s/^/second/"'
out=$("$run" --timeout 10 --input-after ready --input 'hel\x6co\n' --input-after more \
    --input 'x\x1cy\\\r\n' --pass "first hello" --pass "second 78 1c 79 5c 0d" -- sh -c "$guest" 2>&1)
check "typed in order after their texts" 0 $? "$out"
out=$("$run" --timeout 3 --input-after never --input 'hello\n' --pass "first hello" \
    -- sh -c "$guest" 2>&1)
check "not typed before its text" 1 $? "$out"
out=$("$run" --timeout 3 --input 'bad\q' --pass x -- true 2>&1)
check "a bad escape refused" 2 $? "$out"
out=$("$run" --timeout 3 --input '\x1' --pass x -- true 2>&1)
check "a short \\x escape refused" 2 $? "$out"
exit $fail
