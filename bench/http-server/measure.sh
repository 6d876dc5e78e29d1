#!/usr/bin/env bash
# The HTTP(S) server system under QEMU, measured from the host on 127.0.0.1: requests per
# second for a small file with keep-alive (wrk, 8 connections, 10 s) and MB/s for the 4 MiB
# file (curl, 5 downloads), over HTTP and HTTPS; 10,000 requests over 64 connections (ab) twice,
# with the server's memory high-water marks after each. Prints figures; asserts nothing.
#   measure.sh CONFIG PREFIX PD-DIR DISK CERT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7 qemu_run=$8
[ -f "$prefix/bin/kernel.elf" ] || { echo "bench/http-server: no kernel for $config at $prefix: skipped"; exit 0; }
work=$(mktemp -d)
trap 'kill $boot 2>/dev/null; rm -rf "$work"' EXIT
cp "$disk" "$work/disk.img"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(port) https=$(port)
. examples/http-server/qemu-devices.sh
http_server_devices "$work/disk.img" "$http" "$https"
tools/qemu-run/boot-system.sh "$prefix" examples/http-server/http-server.system "$sysbuild" "$sdk" \
    "$qemu_run" --search-path "$pds" -- --timeout 300 --log "$work/console" \
    --pass "GET /end-of-bench 404" -- "${devices[@]}" >"$work/boot.log" 2>&1 &
boot=$!
for _ in $(seq 1500); do grep -q "serving HTTP" "$work/console" 2>/dev/null && break; sleep 0.1; done
echo "bench/http-server on $config (QEMU TCG, $(nproc) host cores)"
for scheme in http https; do
    if [ $scheme = http ]; then url=http://127.0.0.1:$http; else url=https://localhost:$https; fi
    rps=$(wrk -t1 -c8 -d10s "$scheme://127.0.0.1:$([ $scheme = http ] && echo $http || echo $https)/index.html" \
        2>/dev/null | sed -n 's/^Requests\/sec: *//p')
    start=$(date +%s%N)
    for _ in 1 2 3 4 5; do
        curl -s --max-time 120 --cacert "$cert" --resolve "localhost:$https:127.0.0.1" -o /dev/null "$url/big.bin"
    done
    mbs=$(python3 -c "print('%.2f' % (5 * 4194304 / (($(date +%s%N) - $start) / 1e9) / 1e6))")
    echo "  $scheme: ${rps:-?} requests/s (759-byte page, keep-alive, 8 connections); $mbs MB/s (4 MiB file)"
done
# 10,000 keep-alive requests over 64 connections, twice: failures, and whether the server's
# memory high-water marks (printed when it falls idle) moved between the runs.
for run in 1 2; do
    ab -q -r -n 10000 -c 64 -k -s 60 "http://127.0.0.1:$http/index.html" >"$work/ab$run" 2>&1
    sleep 2
    echo "  ab run $run: $(sed -n 's/^Complete requests: *//p' "$work/ab$run") complete," \
        "$(sed -n 's/^Failed requests: *//p' "$work/ab$run") failed," \
        "$(sed -n 's/^Requests per second: *//p' "$work/ab$run"), 64 connections"
    grep "http-server: idle:" "$work/console" | tail -1 | sed 's/^/    /'
done
curl -s --max-time 10 -o /dev/null "http://127.0.0.1:$http/end-of-bench"
wait $boot
echo "  server log: $(grep -c '^server: http: ' "$work/console") requests"
