#!/usr/bin/env bash
# The HTTP(S) server under QEMU, measured from the host on 127.0.0.1, as the isolated system
# (examples/http-server/http-server.system: drivers, virtualisers and server in eight PDs) and
# as one PD with its drivers linked in (examples/http-server/single). Both boot together (the
# one not measured idles: a waiting seL4 guest costs QEMU next to nothing) and every figure is
# taken from both, one right after the other, ROUNDS times (HTTP_BENCH_ROUNDS, default 9; the
# order swapped every round): requests per second for a small file with keep-alive (wrk, 8
# connections, 3 s), the same requests per second of QEMU's CPU time (user + system time of
# its threads: what a request costs the host), each over HTTP and HTTPS, and MB/s for the
# 4 MiB file (curl, 2 downloads). Printed: each system's median and range, and the median
# and range of the rounds' ratios multi/single: the host's speed drifts by several times
# within minutes on a shared machine, and a ratio of figures taken seconds apart cancels
# that. Then for each system 10,000 requests over 64 connections (ab) twice, with the
# server's memory high-water marks after each. Prints figures; asserts nothing.
#   measure.sh CONFIG PREFIX PD-DIR DISK CERT SYSBUILD SDK QEMU_RUN
set -u
config=$1 prefix=$2 pds=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7 qemu_run=$8
rounds=${HTTP_BENCH_ROUNDS:-9}
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

# qemu_ticks NAME: the user and system time of NAME's QEMU so far, in clock ticks.
qemu_ticks() {
    local pid
    pid=$(pgrep -f "^qemu-system.*hostfwd=tcp:127.0.0.1:${http_port[$1]}-" | head -n 1)
    awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0
}

# port_of NAME SCHEME: the host's port for NAME's SCHEME; url NAME SCHEME: its URL (HTTPS by
# the certificate's name, which curl resolves to 127.0.0.1).
port_of() {
    if [ "$2" = http ]; then echo "${http_port[$1]}"; else echo "${https_port[$1]}"; fi
}
url() {
    if [ "$2" = http ]; then echo "http://127.0.0.1:$(port_of "$@")"; else echo "https://localhost:$(port_of "$@")"; fi
}

# requests NAME SCHEME: requests/s and requests per second of QEMU's CPU time (its threads'
# user + system time), appended to $work/NAME.SCHEME.{rps,cpu}.
requests() {
    local name=$1 scheme=$2 ticks
    ticks=$(qemu_ticks "$name")
    wrk -t1 -c8 -d3s "$scheme://127.0.0.1:$(port_of "$name" "$scheme")/index.html" >"$work/wrk" 2>&1
    ticks=$(($(qemu_ticks "$name") - ticks))
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v out="$work/$name.$scheme" '
        / requests in / { r = $1 } /^Requests\/sec:/ { rps = $2 }
        END {
            print (rps > 0 ? rps : "failed") >> (out ".rps")
            if (r > 0 && t > 0) printf "%.1f\n", r / (t / hz) >> (out ".cpu")
            else print "failed" >> (out ".cpu")
        }' "$work/wrk"
}

# download NAME SCHEME: MB/s of 2 downloads of the 4 MiB file, appended to
# $work/NAME.SCHEME.mbs (a download that fails or arrives short spoils the figure).
download() {
    local name=$1 scheme=$2 start bytes=0 failed=0 got
    start=$(date +%s%N)
    for _ in 1 2; do
        got=$(curl -s --max-time 120 --cacert "$cert" \
            --resolve "localhost:${https_port[$name]}:127.0.0.1" \
            -o /dev/null -w '%{http_code} %{size_download}' "$(url "$name" "$scheme")/big.bin")
        if [ "$got" = "200 4194304" ]; then bytes=$((bytes + 4194304)); else failed=$((failed + 1)); fi
    done
    if [ $failed -eq 0 ]; then
        python3 -c "print('%.2f' % ($bytes / (($(date +%s%N) - $start) / 1e9) / 1e6))"
    else
        echo failed
    fi >>"$work/$name.$scheme.mbs"
}

# round FIRST SECOND: each figure of the round from both systems, one right after the other.
round() {
    local scheme name
    for scheme in http https; do
        for name in "$@"; do requests "$name" $scheme; done
        for name in "$@"; do download "$name" $scheme; done
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
cpu_before=$(head -n 1 /proc/stat)
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then round multi single; else round single multi; fi
done
cpu_after=$(head -n 1 /proc/stat)

# row LABEL FILE-SUFFIX: the median and range of each system's rounds, and the median of the
# rounds' ratios multi/single (each from figures taken one right after the other, so that a
# slow spell of the host falls on both; a round that failed counts as such, and is named).
row() {
    python3 - "$1" "$work/multi.$2" "$work/single.$2" <<'PY'
import statistics, sys
def figures(path):
    vals = [None if l.strip() == "failed" else float(l) for l in open(path)]
    good = sorted(v for v in vals if v is not None)
    if not good:
        return vals, "all %d failed" % len(vals)
    s = "%.1f (%.1f-%.1f)" % (statistics.median(good), good[0], good[-1])
    if len(good) < len(vals):
        s += " %d failed" % (len(vals) - len(good))
    return vals, s
(mv, ms), (sv, ss) = figures(sys.argv[2]), figures(sys.argv[3])
ratios = sorted(m / s for m, s in zip(mv, sv) if m and s)
ratio = "%.2f (%.2f-%.2f)" % (statistics.median(ratios), ratios[0], ratios[-1]) if ratios else "?"
print("  %-44s %22s %22s %17s" % (sys.argv[1], ms, ss, ratio))
PY
}
echo "bench/http-server on $config (QEMU TCG, $(nproc) host cores): median (range) of $rounds rounds"
printf '  %-44s %22s %22s %17s\n' "" multi-PD single-PD ratio
row "HTTP requests/s (759-byte page, keep-alive, 8)" http.rps
row "HTTPS requests/s (same)" https.rps
row "HTTP requests per second of QEMU's CPU" http.cpu
row "HTTPS requests per second of QEMU's CPU" https.cpu
row "HTTP MB/s (4 MiB file)" http.mbs
row "HTTPS MB/s (4 MiB file)" https.mbs
# The host's cores while the rounds ran (/proc/stat; a virtual machine's "steal" is time its
# hypervisor gave to others). Slow spells of a shared host need not show in it: they can be
# contention for caches and memory.
python3 - "$cpu_before" "$cpu_after" <<'PY'
import sys
a, b = ([int(x) for x in arg.split()[1:9]] for arg in sys.argv[1:3])
d = [y - x for x, y in zip(a, b)]
total = sum(d) or 1
user, nice, system, idle, iowait, irq, softirq, steal = (100.0 * x / total for x in d)
print("  host cores during the rounds: %.0f%% user, %.0f%% system, %.0f%% idle, %.0f%% stolen"
      % (user + nice, system + irq + softirq, idle + iowait, steal))
PY
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
