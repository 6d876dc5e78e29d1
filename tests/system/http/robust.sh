#!/usr/bin/env bash
# The HTTP(S) server system (examples/http-server) under load and failure on a real seL4
# kernel, checked from the host on 127.0.0.1 (docs/http-server.md). One boot per mode:
#   wrk    10,000 requests over 64 keep-alive connections with wrk, twice, with no socket
#          error and no status but 200; the server's memory in use once idle (its
#          "server: http-server: idle:" line) the same after each run as after one request, and its
#          high-water marks shown; then 2,000 requests over 16 HTTPS connections, likewise.
#   slow   slowhttptest's slow-headers attack (150 connections, at most 30 s) while a loop of
#          normal requests runs: every one of them answered; the server cuts every slow
#          connection (slowhttptest ends with "No open connections left") and slowhttptest's
#          probe never finds the service down.
#   fault  the system with driver PDs linked with test code (FAULT-PD-DIR, fault_*.c):
#          virtio_rng faults on the server's first request once it serves, virtio_blk on a
#          configuration change the test causes with QEMU's block_resize; the monitor reports
#          both, and the server goes on serving every file over HTTP and HTTPS.
# Every client and wait is bounded in time.
#   robust.sh CONFIG PREFIX PD-DIR DISK SITE-DIR CERT OUT SYSBUILD SDK QEMU_RUN LUA wrk|slow|fault
#             [FAULT-PD-DIR]
set -u
config=$1 prefix=$2 pds=$3 disk=$4 site=$5 cert=$6 out=$7 sysbuild=$8 sdk=$9 qemu_run=${10}
lua=${11} mode=${12} fault_pds=${13:-}
case $mode in wrk | slow) ;; fault) [ -d "$fault_pds" ] || { echo "robust.sh: fault needs FAULT-PD-DIR"; exit 2; } ;;
    *) echo "robust.sh: unknown mode '$mode'"; exit 2 ;; esac
. tests/system/http/server.sh
server_setup
search=(--search-path "$pds")
fail_on=(--fail "faulted")
if [ "$mode" = fault ]; then
    search=(--search-path "$fault_pds" "${search[@]}")
    fail_on=()
    devices+=(-qmp "unix:$out/qmp.sock,server=on,wait=off")
fi
boot_server examples/http-server/http-server.system 420 "${search[@]}" -- "${fail_on[@]}"

idle_lines() { grep -c "^server: http-server: idle:" "$out/console"; }
# Waits (bounded) for the server's next idle line after `before` of them (it prints one once
# no connection is open and lwIP is done with the closed ones); prints it.
idle_after() {
    for _ in $(seq 300); do
        [ "$(idle_lines)" -gt "$1" ] && break
        sleep 0.1
    done
    [ "$(idle_lines)" -gt "$1" ] || return 1
    grep "^server: http-server: idle:" "$out/console" | tail -1 | sed 's/^server: http-server: idle: //'
}
in_use() { echo "$1" | sed -n 's/^in use: \([^;]*\);.*/\1/p'; }
marks() { echo "$1" | sed -n 's/.*high-water marks: \([^;]*\);.*/\1/p'; }

case $mode in
wrk)
    # The baseline: the server's memory once idle after one request.
    before=$(idle_lines)
    curl -sS --max-time 20 -o /dev/null "$base/index.html"
    idle[0]=$(idle_after "$before") || bad "no idle line from the server after one request"
    echo "after one request: ${idle[0]}"
    for run in 1 2; do
        before=$(idle_lines)
        mkdir -p "$out/wrk$run"
        # Each of 2 threads stops after 5,000 responses; wrk's own limit is 300 s.
        wrk -t2 -c64 -d300s --timeout 30s -s "$lua" "$base/index.html" -- 5000 "$out/wrk$run" \
            >"$out/wrk$run.log" 2>&1 &
        wrk=$!
        for _ in $(seq 3000); do
            [ -e "$out/wrk$run/done-1" ] && [ -e "$out/wrk$run/done-2" ] && break
            kill -0 $wrk 2>/dev/null || break
            sleep 0.1
        done
        kill -INT $wrk 2>/dev/null
        wait $wrk
        rc=$?
        line=$(grep "^wrk: " "$out/wrk$run.log")
        echo "run $run: ${line:-no result from wrk (exit $rc)}"
        [ $rc -eq 0 ] && [ -e "$out/wrk$run/done-1" ] && [ -e "$out/wrk$run/done-2" ] ||
            { bad "wrk run $run did not complete its requests (exit $rc)"; sed 's/^/  /' "$out/wrk$run.log"; }
        n=$(echo "$line" | sed -n 's/^wrk: \([0-9]*\) responses.*/\1/p')
        [ -n "$n" ] && [ "$n" -ge 10000 ] || bad "run $run: ${n:-no} responses, not 10000"
        echo "$line" | grep -q "not 200: 0, errors: connect 0 read 0 write 0 status 0 timeout 0;" ||
            bad "run $run: errors: $line"
        idle[$run]=$(idle_after "$before") || bad "run $run: no idle line from the server after it"
        echo "  after run $run: ${idle[$run]}"
    done
    # HTTPS too: 2,000 requests over 16 connections, each a TLS session the server frees when
    # wrk goes.
    before=$(idle_lines)
    mkdir -p "$out/wrk3"
    wrk -t1 -c16 -d300s --timeout 30s -s "$lua" "https://127.0.0.1:$https/index.html" -- 2000 \
        "$out/wrk3" >"$out/wrk3.log" 2>&1 &
    wrk=$!
    for _ in $(seq 3000); do
        [ -e "$out/wrk3/done-1" ] && break
        kill -0 $wrk 2>/dev/null || break
        sleep 0.1
    done
    kill -INT $wrk 2>/dev/null
    wait $wrk
    rc=$?
    line=$(grep "^wrk: " "$out/wrk3.log")
    echo "https: ${line:-no result from wrk (exit $rc)}"
    [ $rc -eq 0 ] && [ -e "$out/wrk3/done-1" ] || { bad "wrk over HTTPS did not complete (exit $rc)"; sed 's/^/  /' "$out/wrk3.log"; }
    echo "$line" | grep -q "not 200: 0, errors: connect 0 read 0 write 0 status 0 timeout 0;" ||
        bad "https: errors: $line"
    idle[3]=$(idle_after "$before") || bad "no idle line from the server after the HTTPS run"
    echo "  after the HTTPS run: ${idle[3]}"
    code=$(curl -sS --max-time 20 --cacert "$cert" --resolve "localhost:$https:127.0.0.1" -o /dev/null \
        -w '%{http_code}' "https://localhost:$https/index.html")
    [ "$code" = 200 ] && echo "HTTPS still serving" || bad "HTTPS after the run: $code"
    # Nothing leaked: once idle, the memory in use is what it was after one request. The
    # high-water marks are shown: connections, PCBs and lwIP's heap depend on how many of
    # wrk's 64 connections are open at once, which QEMU's user networking decides (its
    # listening socket has a backlog of 1), so run 2 may peak above run 1 with nothing leaked.
    u0=$(in_use "${idle[0]}") u1=$(in_use "${idle[1]}") u2=$(in_use "${idle[2]}") u3=$(in_use "${idle[3]}")
    [ -n "$u0" ] && [ "$u0" = "$u1" ] && [ "$u1" = "$u2" ] && [ "$u2" = "$u3" ] &&
        echo "memory in use once idle, the same after one request and after each run: $u0" ||
        bad "memory in use once idle moved: '$u0', '$u1', '$u2', '$u3'"
    m1=$(marks "${idle[1]}") m2=$(marks "${idle[2]}")
    [ "$m1" = "$m2" ] && echo "the same high-water marks after both runs" ||
        echo "high-water marks after run 1: $m1; after run 2: $m2"
    ;;
slow)
    # slowhttptest -H: 150 connections at 50 a second, each sending a header line of up to
    # 24 bytes every 5 s, for 30 s; it probes the service every second (10 s to answer).
    timeout 90 slowhttptest -H -c 150 -r 50 -i 5 -x 24 -l 30 -p 10 -t GET -u "$base/index.html" \
        -g -o "$out/slow" >"$out/slow.log" 2>&1 &
    slow=$!
    ok=0 n=0
    sleep 2
    for i in $(seq 25); do
        code=$(curl -sS --max-time 10 -o "$out/got" -w '%{http_code}' "$base/index.html" 2>>"$out/curl.err")
        n=$((n + 1))
        [ "$code" = 200 ] && cmp -s "$out/got" "$site/index.html" && ok=$((ok + 1))
        sleep 1
    done
    wait $slow
    rc=$?
    echo "normal requests during the attack: $ok of $n answered"
    [ $ok -eq $n ] || { bad "normal requests failed during the attack"; sort "$out/curl.err" | uniq -c | head -5; }
    verdict=$(sed 's/\x1b\[[0-9;]*m//g' "$out/slow.log" | sed -n 's/^Exit status: *//p')
    echo "slowhttptest (exit $rc): ${verdict:-no verdict}"
    # The server cuts every slow connection (its head deadline is 10 s), so slowhttptest runs
    # out of connections before its 30 s.
    [ $rc -eq 0 ] && [ "$verdict" = "No open connections left" ] || bad "slowhttptest: exit $rc, '$verdict'"
    # Its CSV: seconds, closed, pending, connected, service available (0: down).
    if [ -f "$out/slow.csv" ]; then
        awk -F, 'NR > 2 && $5 == 0 { down++ } NR > 1 { rows++; if ($2 > closed) closed = $2 }
                 END { printf "slowhttptest: %d seconds sampled, service down in %d, %d connections closed by the server\n", rows, down, closed }' \
            "$out/slow.csv"
        awk -F, 'NR > 2 && $5 == 0 { exit 1 }' "$out/slow.csv" || bad "slowhttptest found the service down"
        awk -F, 'NR > 1 && $2 > 0 { c = 1 } END { exit !c }' "$out/slow.csv" ||
            bad "the server closed none of the slow connections"
    else
        bad "slowhttptest wrote no CSV"
    fi
    code=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "$base/index.html")
    [ "$code" = 200 ] && echo "serving after the attack" || bad "after the attack: $code"
    ;;
fault)
    every_file() {
        check_site_files "$1"
        echo "$1: every file of the site ($n) byte-exact over HTTP and HTTPS"
    }
    wait_for() {
        for _ in $(seq 300); do grep -q "$1" "$out/console" && return 0; sleep 0.1; done
        return 1
    }
    wait_for "PD 'virtio_rng' faulted" && echo "the monitor reports virtio_rng's fault" ||
        bad "no fault report for virtio_rng"
    every_file "without virtio_rng"
    # The disk grows by a megabyte: virtio-blk reports a configuration change.
    python3 - "$out/qmp.sock" "$(($(stat -c %s "$out/disk.img") + 1048576))" <<'PY' || bad "QMP block_resize failed"
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(20)
s.connect(sys.argv[1])
f = s.makefile("rw")
def call(cmd, **args):
    f.write(json.dumps({"execute": cmd, "arguments": args}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r
json.loads(f.readline())  # the greeting
call("qmp_capabilities")
r = call("block_resize", device="hd0", size=int(sys.argv[2]))
if "error" in r:
    sys.exit("block_resize: %s" % r["error"])
PY
    wait_for "PD 'virtio_blk' faulted" && echo "the monitor reports virtio_blk's fault" ||
        bad "no fault report for virtio_blk"
    every_file "without virtio_blk and virtio_rng"
    grep -A2 "faulted" "$out/console" | sed 's/^/  /'
    ;;
esac

curl -s --max-time 20 -o /dev/null "$base/end-of-test" # QEMU stops on its log line
wait $boot
rc=$?
cat "$out/boot.log" | tail -3
echo "access log lines: $(grep -c '^server: http: ' "$out/console") (the serial PD drops lines rather than wait)"
[ $rc -eq 0 ] || bad "the console's sentinels"
[ $fail -eq 0 ] && echo PASS
exit $fail
