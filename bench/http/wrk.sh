#!/usr/bin/env bash
# The HTTP core's throughput on the host: sel4c-http-serve built with -O2 (no sanitizers) on
# 127.0.0.1, wrk -t2 -c64 for 3 seconds per file size, keep-alive. Also the memory of a
# connection and the core's code size on the target. Prints figures; asserts nothing.
#   wrk.sh SERVE TARGET_LIB TARGET_SIZE
set -u
serve=$1 lib=$2 size=$3
command -v wrk >/dev/null || { echo "skip: wrk is not installed"; exit 0; }
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/site"
head -c 1024 /dev/urandom >"$work/site/1k.bin"
head -c 65536 /dev/urandom >"$work/site/64k.bin"
head -c 1048576 /dev/urandom >"$work/site/1m.bin"
"$serve" "$work/site" --port-file "$work/port" --seconds 60 --max-conns 256 2>/dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
echo "bench/http: sel4c-http-serve -O2, wrk -t2 -c64 -d3s, keep-alive, 127.0.0.1 (2 cores shared with wrk)"
for f in 1k.bin 64k.bin 1m.bin; do
    out=$(timeout 30 wrk -t2 -c64 -d3s "http://127.0.0.1:$port/$f" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    tps=$(awk '/Transfer\/sec/ {print $2}' <<<"$out")
    errs=$(grep -E 'Socket errors|Non-2xx' <<<"$out" | tr -s ' ' | tr '\n' ' ')
    printf '  %-8s %10s requests/s %10s/s %s\n' "$f" "$rps" "$tps" "${errs:-no errors}"
done
echo "  memory per connection: SEL4C_HTTP_CONN_SIZE = $(sed -n 's/^#define SEL4C_HTTP_CONN_SIZE \([0-9]*\).*/\1/p' include/sel4c/http.h) bytes"
echo "  code on the target (aarch64, -O2, all of libsel4c_http.a with llhttp): $("$size" -t "$lib" | awk 'END {print $1 " bytes text, " $2 " data, " $3 " bss"}')"
