#!/usr/bin/env bash
# The HTTP(S) server under QEMU, measured from the host on 127.0.0.1, as the isolated system
# (examples/http-server/http-server.system: drivers, virtualisers and server in eight PDs) and
# as one PD with its drivers linked in (examples/http-server/single). Both boot together and
# are measured in turns, ROUNDS times (HTTP_BENCH_ROUNDS, default 5), the order of the two
# swapped every round, so that the host's other load falls on both alike (the one not measured
# idles: a waiting seL4 guest costs QEMU next to nothing). Each round: requests per second for
# a small file with keep-alive (wrk, 8 connections, 4 s each for HTTP and HTTPS) and MB/s for
# the 4 MiB file (curl, 2 downloads each). Printed: the median of the rounds, their range,
# and the ratio multi/single of the medians; then for each system 10,000 requests over 64
# connections (ab) twice, with the server's memory high-water marks after each. Prints
# figures; asserts nothing.
#   measure.sh CONFIG PREFIX PD-DIR DISK CERT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7 qemu_run=$8
rounds=${HTTP_BENCH_ROUNDS:-5}
[ -f "$prefix/bin/kernel.elf" ] || { echo "bench/http-server: no kernel for $config at $prefix: skipped"; exit 0; }
work=$(mktemp -d)
boots=()
trap 'for b in "${boots[@]}"; do kill "$b" 2>/dev/null; done; rm -rf "$work"' EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
. examples/http-server/qemu-devices.sh
declare -A http_port https_port

# boot NAME SYSTEM: starts SYSTEM on a disk and ports of its own; true once it serves.
boot() {
    local name=$1 system=$2
    cp "$disk" "$work/$name.img"
    http_port[$name]=$(port) https_port[$name]=$(port)
    http_server_devices "$work/$name.img" "${http_port[$name]}" "${https_port[$name]}"
    tools/qemu-run/boot-system.sh "$prefix" "$system" "$sysbuild" "$sdk" "$qemu_run" \
        --search-path "$pds" -- --timeout 1200 --log "$work/$name.console" \
        --pass "GET /end-of-bench 404" -- "${devices[@]}" >"$work/$name.boot" 2>&1 &
    boots+=($!)
    for _ in $(seq 1500); do
        grep -q "serving HTTP" "$work/$name.console" 2>/dev/null && return 0
        kill -0 $! 2>/dev/null || break
        sleep 0.1
    done
    echo "bench/http-server: $name did not start serving: $(tail -3 "$work/$name.boot")"
    return 1
}

# round NAME: one round's four figures, appended to $work/NAME.{http,https}.{rps,mbs}.
round() {
    local name=$1 scheme port url rps start bytes failed got
    for scheme in http https; do
        if [ $scheme = http ]; then
            port=${http_port[$name]} url=http://127.0.0.1:$port
        else
            port=${https_port[$name]} url=https://localhost:$port
        fi
        rps=$(wrk -t1 -c8 -d4s "$scheme://127.0.0.1:$port/index.html" 2>/dev/null |
            sed -n 's/^Requests\/sec: *//p')
        echo "${rps:-failed}" >>"$work/$name.$scheme.rps"
        # MB/s of what arrived whole; a failed download spoils the round's figure.
        start=$(date +%s%N) bytes=0 failed=0
        for _ in 1 2; do
            got=$(curl -s --max-time 120 --cacert "$cert" --resolve "localhost:$port:127.0.0.1" \
                -o /dev/null -w '%{http_code} %{size_download}' "$url/big.bin")
            if [ "$got" = "200 4194304" ]; then bytes=$((bytes + 4194304)); else failed=$((failed + 1)); fi
        done
        if [ $failed -eq 0 ]; then
            python3 -c "print('%.2f' % ($bytes / (($(date +%s%N) - $start) / 1e9) / 1e6))"
        else
            echo failed
        fi >>"$work/$name.$scheme.mbs"
    done
}

# ab NAME: 10,000 keep-alive requests over 64 connections, twice: failures, and whether the
# server's memory high-water marks (printed when it falls idle) moved between the runs.
ab_runs() {
    local name=$1 run
    for run in 1 2; do
        ab -q -r -n 10000 -c 64 -k -s 60 "http://127.0.0.1:${http_port[$name]}/index.html" \
            >"$work/ab" 2>&1
        sleep 2
        if grep -q '^Complete requests:' "$work/ab"; then
            echo "  $name, ab run $run: $(sed -n 's/^Complete requests: *//p' "$work/ab") complete," \
                "$(sed -n 's/^Failed requests: *//p' "$work/ab") failed," \
                "$(sed -n 's/^Requests per second: *//p' "$work/ab"), 64 connections"
        else # ab gives up on some errors (a reset while connecting): what it said
            echo "  $name, ab run $run: ab stopped: $(grep -v '^$' "$work/ab" | tail -1)"
        fi
        grep "http-server: idle:" "$work/$name.console" | tail -1 | sed 's/^/    /'
    done
}

boot multi examples/http-server/http-server.system || exit 0
boot single examples/http-server/single/http-server-single.system || exit 0
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then round multi; round single; else round single; round multi; fi
done

# row LABEL FILE-SUFFIX: the median and range of each system's rounds, and the ratio of the
# medians (a round that failed counts as such, and is named).
row() {
    python3 - "$1" "$work/multi.$2" "$work/single.$2" <<'PY'
import statistics, sys
def figures(path):
    vals = [l.strip() for l in open(path)]
    good = sorted(float(v) for v in vals if v != "failed")
    if not good:
        return None, "all %d failed" % len(vals)
    m = statistics.median(good)
    s = "%.1f (%.1f-%.1f)" % (m, good[0], good[-1])
    if len(good) < len(vals):
        s += " %d failed" % (len(vals) - len(good))
    return m, s
(mm, ms), (sm, ss) = figures(sys.argv[2]), figures(sys.argv[3])
ratio = "%.2f" % (mm / sm) if mm and sm else "?"
print("  %-44s %22s %22s %6s" % (sys.argv[1], ms, ss, ratio))
PY
}
echo "bench/http-server on $config (QEMU TCG, $(nproc) host cores): median (range) of $rounds rounds"
printf '  %-44s %22s %22s %6s\n' "" multi-PD single-PD ratio
row "HTTP requests/s (759-byte page, keep-alive, 8)" http.rps
row "HTTPS requests/s (same)" https.rps
row "HTTP MB/s (4 MiB file)" http.mbs
row "HTTPS MB/s (4 MiB file)" https.mbs
for name in multi single; do
    ab_runs $name
done
for name in multi single; do
    curl -s --max-time 10 -o /dev/null "http://127.0.0.1:${http_port[$name]}/end-of-bench"
done
wait "${boots[@]}"
boots=()
for name in multi single; do
    echo "  $name: server log: $(grep -cE '^(server: )?http: ' "$work/$name.console") requests"
    grep "faulted" "$work/$name.console" | sed "s/^/  $name: /"
done
