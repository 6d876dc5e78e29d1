#!/usr/bin/env bash
# The HTTP(S) server system under QEMU, measured from the host on 127.0.0.1: requests per
# second for a small file with keep-alive (wrk, 8 connections, 10 s) and MB/s for the 4 MiB
# file (curl, 5 downloads), over HTTP and HTTPS; 10,000 requests over 64 connections (ab) twice,
# with the server's idle line (memory in use, high-water marks) after each, and how many
# connections the host's kernel could not queue on QEMU's listening socket (its backlog is 1:
# such a connection looks open to ab but may never reach the server, and is reset by the
# host after its handshake retries, which ab counts as a failed receive). Prints figures;
# asserts nothing.
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
listen_overflows() { awk '/^TcpExt:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "ListenOverflows") c = i; n = 1 } else print $c }' /proc/net/netstat; }
for run in 1 2; do
    overflows=$(listen_overflows)
    idle_before=$(grep -c "http-server: idle:" "$work/console")
    ab -q -r -n 10000 -c 64 -k -s 60 "http://127.0.0.1:$http/index.html" >"$work/ab$run" 2>&1
    # the server's idle line comes once lwIP is done with the closed connections
    for _ in $(seq 150); do
        [ "$(grep -c "http-server: idle:" "$work/console")" -gt "$idle_before" ] && break
        sleep 0.1
    done
    echo "  ab run $run: $(sed -n 's/^Complete requests: *//p' "$work/ab$run") complete," \
        "$(sed -n 's/^Failed requests: *//p' "$work/ab$run") failed," \
        "$(sed -n 's/^Requests per second: *//p' "$work/ab$run"), 64 connections"
    grep -q "^Complete requests:" "$work/ab$run" || echo "    ab stopped: $(grep -v '^$' "$work/ab$run" | tail -2 | tr '\n' ' ')"
    echo "    host: $(($(listen_overflows) - overflows)) connections overflowed the listen queue (all ports)"
    grep "http-server: idle:" "$work/console" | tail -1 | sed 's/^/    /'
done
curl -s --max-time 10 -o /dev/null "http://127.0.0.1:$http/end-of-bench"
wait $boot
echo "  server log: $(grep -c '^server: http: ' "$work/console") requests"
grep "lent no buffer" "$work/console" | tail -1 | sed 's/^/  /'
