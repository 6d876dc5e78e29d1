#!/usr/bin/env bash
# The HTTP(S) server under QEMU, measured from the host on 127.0.0.1, as the isolated system
# (examples/http-server/http-server.system: drivers, virtualisers and server in eight PDs) and
# as one PD with its drivers linked in (examples/http-server/single), one after the other in
# the same run: requests per second for a small file with keep-alive (wrk, 8 connections,
# 10 s) and MB/s for the 4 MiB file (curl, 5 downloads), over HTTP and HTTPS, side by side with
# the ratio multi/single; then for each, 10,000 requests over 64 connections (ab) twice, with
# the server's memory high-water marks after each. Prints figures; asserts nothing.
#   measure.sh CONFIG PREFIX PD-DIR DISK CERT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7 qemu_run=$8
[ -f "$prefix/bin/kernel.elf" ] || { echo "bench/http-server: no kernel for $config at $prefix: skipped"; exit 0; }
work=$(mktemp -d)
boot=
trap '[ -z "$boot" ] || kill $boot 2>/dev/null; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
. examples/http-server/qemu-devices.sh

# measure NAME SYSTEM: boots SYSTEM, sets NAME_{http,https}_{rps,mbs} and writes $work/NAME.ab.
measure() {
    local name=$1 system=$2 http https scheme port url rps mbs start bytes failed got
    cp "$disk" "$work/disk.img"
    http=$(port) https=$(port)
    http_server_devices "$work/disk.img" "$http" "$https"
    tools/qemu-run/boot-system.sh "$prefix" "$system" "$sysbuild" "$sdk" "$qemu_run" \
        --search-path "$pds" -- --timeout 400 --log "$work/$name.console" \
        --pass "GET /end-of-bench 404" -- "${devices[@]}" >"$work/$name.boot" 2>&1 &
    boot=$!
    for _ in $(seq 1500); do
        grep -q "serving HTTP" "$work/$name.console" 2>/dev/null && break
        kill -0 $boot 2>/dev/null || break
        sleep 0.1
    done
    for scheme in http https; do
        if [ $scheme = http ]; then port=$http url=http://127.0.0.1:$http; else port=$https url=https://localhost:$https; fi
        rps=$(wrk -t1 -c8 -d10s "$scheme://127.0.0.1:$port/index.html" 2>/dev/null |
            sed -n 's/^Requests\/sec: *//p')
        # MB/s of what arrived whole; a download that fails is named instead.
        start=$(date +%s%N) bytes=0 failed=0
        for _ in 1 2 3 4 5; do
            got=$(curl -s --max-time 120 --cacert "$cert" --resolve "localhost:$https:127.0.0.1" \
                -o /dev/null -w '%{http_code} %{size_download}' "$url/big.bin")
            if [ "$got" = "200 4194304" ]; then bytes=$((bytes + 4194304)); else failed=$((failed + 1)); fi
        done
        mbs=$(python3 -c "print('%.2f' % ($bytes / (($(date +%s%N) - $start) / 1e9) / 1e6))")
        [ $failed -eq 0 ] || mbs="$failed-failed"
        printf -v "${name}_${scheme}_rps" '%s' "${rps:-?}"
        printf -v "${name}_${scheme}_mbs" '%s' "$mbs"
    done
    # 10,000 keep-alive requests over 64 connections, twice: failures, and whether the
    # server's memory high-water marks (printed when it falls idle) moved between the runs.
    : >"$work/$name.ab"
    for run in 1 2; do
        ab -q -r -n 10000 -c 64 -k -s 60 "http://127.0.0.1:$http/index.html" >"$work/ab" 2>&1
        sleep 2
        echo "  $name, ab run $run: $(sed -n 's/^Complete requests: *//p' "$work/ab") complete," \
            "$(sed -n 's/^Failed requests: *//p' "$work/ab") failed," \
            "$(sed -n 's/^Requests per second: *//p' "$work/ab"), 64 connections" >>"$work/$name.ab"
        grep "http-server: idle:" "$work/$name.console" | tail -1 | sed 's/^/    /' >>"$work/$name.ab"
    done
    curl -s --max-time 10 -o /dev/null "http://127.0.0.1:$http/end-of-bench"
    wait $boot
    boot=
    echo "  $name: server log: $(grep -cE '^(server: )?http: ' "$work/$name.console") requests" >>"$work/$name.ab"
    grep "faulted" "$work/$name.console" | sed "s/^/  $name: /" >>"$work/$name.ab"
}

measure multi examples/http-server/http-server.system
measure single examples/http-server/single/http-server-single.system

ratio() {
    python3 -c "import sys
try: print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))
except (ValueError, ZeroDivisionError): print('?')" "$1" "$2"
}
echo "bench/http-server on $config (QEMU TCG, $(nproc) host cores)"
printf '  %-44s %10s %10s %12s\n' "" multi-PD single-PD multi/single
row() { printf '  %-44s %10s %10s %12s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }
row "HTTP requests/s (759-byte page, keep-alive, 8)" "$multi_http_rps" "$single_http_rps"
row "HTTPS requests/s (same)" "$multi_https_rps" "$single_https_rps"
row "HTTP MB/s (4 MiB file)" "$multi_http_mbs" "$single_http_mbs"
row "HTTPS MB/s (4 MiB file)" "$multi_https_mbs" "$single_https_mbs"
cat "$work/multi.ab" "$work/single.ab"
