#!/usr/bin/env bash
# The whole API (hand-written and generated headers) of configuration CONFIG compiles
# warning-free with the cross compiler, and on the host with the system-call primitives
# replaced by the recorder.
#   headers.sh CONFIG CROSS_CC "CROSS_FLAGS" "INCLUDES"
set -eu
config=$1 cross=$2 cross_flags=$3 includes=$4
for src in tests/compile/all_headers.c tests/compile/abi_probe.c; do
    [ -f "$src" ] || continue
    # shellcheck disable=SC2086
    $cross $cross_flags $includes -c "$src" -o /dev/null
    # shellcheck disable=SC2086
    gcc -std=gnu11 -Wall -Wextra -Werror -I tests/recorder/include $includes -c "$src" -o /dev/null
    echo "$src: compiles for $config (cross and host)"
done
