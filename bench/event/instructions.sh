#!/usr/bin/env bash
# Instructions of lib/event's AArch64 code: runs bench/event/count.c (built for AArch64)
# under qemu-user, which logs each instruction it executes (-singlestep -d exec,nochain),
# for two sizes of the same work, and prints the difference per unit, so the program's
# start-up cancels out. Prints figures; asserts nothing.
#   instructions.sh COUNT_BINARY
set -eu
bin=$1
if ! command -v qemu-aarch64 >/dev/null; then
    echo "bench/event: instructions not measured: no qemu-aarch64 (Debian's qemu-user)"
    exit 0
fi
count() { # WORK N
    qemu-aarch64 -L /usr/aarch64-linux-gnu -singlestep -d exec,nochain -D /dev/stdout "$bin" "$1" "$2" |
        grep -c '^Trace'
}
per() { # WORK N UNITS-PER-N
    local a b
    a=$(count "$1" "$2")
    b=$(count "$1" $(($2 * 2)))
    awk -v a="$a" -v b="$b" -v u="$(($2 * $3))" 'BEGIN { printf "%.1f", (b - a) / u }'
}
echo "bench/event: aarch64, instructions (qemu-user): task yield (two context switches and the" \
    "loop's bookkeeping) $(per yield 1000 2); timeout start and expiry in a set of 1000-2000" \
    "$(per timeouts 1000 1)"
