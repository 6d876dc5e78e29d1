#!/usr/bin/env bash
# Instructions per request by component, in the isolated HTTP(S) system and in the same
# server as one PD, counted in QEMU's execution log (bench/trace): each system boots with
# -icount shift=0; once it serves, QEMU's monitor turns on single-stepping and the log of
# every instruction (-d exec,nochain, streamed through a fifo into bench/trace/count.awk)
# while a client fetches the 759-byte page N times on a keep-alive connection over HTTP, then
# over HTTPS, then N times on each of 8 HTTP connections at once (each connection's first
# request, and the TLS handshake, are not logged). A window runs from one call of the
# server's access_log (once per request) to the next: everything the system executes for one
# request in the steady state, its TCP acknowledgements and the wait for the client's next
# request included. Printed: the window of median total per protocol on one connection (each
# request alone: what its latency costs), and the mean of the windows with 8 connections
# (requests waiting for the system, as in a saturated guest: what throughput costs), split
# by the PC of each instruction:
#   virtio_net, net_virt_rx, net_virt_tx, virtio_blk, virtio_rng, timer, rtc, serial  (the PDs)
#   lwip (libsel4c_net.a: lwIP and its glue), http (libsel4c_http.a, llhttp), tls
#   (libsel4c_tls.a, mbedTLS), fat+blk (libsel4c_fat.a, libsel4c_blkclient.a), drivers (in
#   the single PD: libsel4c_virtio.a and the timer and RTC libraries), rest (the rest of the
#   server's PD: server.c, conn.c, site.c, event loop, queues, libc, the Microkit runtime)
#   kernel (seL4: system calls, interrupts, scheduling, idle)
# and how often the kernel returned to user code, and how often into another PD than the one
# that ran before (a change of address space, for which QEMU flushes its TLB).
# Single-core kernels only (count.awk). Prints figures; asserts nothing.
#   instructions.sh CONFIG PREFIX TRACED-DIR DISK CERT SYSBUILD SDK
#   (TRACED-DIR: multi/ and single/, the PDs relinked by bench/http-server/http-server.mk)
set -u
config=$1 prefix=$2 traced=$3 disk=$4 cert=$5 sysbuild=$6 sdk=$7
n=${HTTP_BENCH_REQUESTS:-31}
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
[ -f "$prefix/bin/kernel.elf" ] || { echo "bench/http-server: no kernel for $config at $prefix: instructions not counted"; exit 0; }
. "$top/bench/qemu-guest.sh"
cores=$(kernel_cores "$prefix")
[ "${cores:-1}" = 1 ] || { echo "bench/http-server: $config has $cores cores: instructions not counted"; exit 0; }
work=$(mktemp -d)
qpid= apid=
trap 'for p in $qpid $apid; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
. "$top/tools/qemu-run/qemu-machine.sh"
. "$top/examples/http-server/qemu-devices.sh"
qemu_machine "$prefix" "$work"
args=() # without the console and monitor: the script gives its own
skip=0
for a in "${qemu[@]}"; do
    if [ $skip = 1 ]; then skip=0; continue; fi
    case $a in -serial | -monitor) skip=1 ;; *) args+=("$a") ;; esac
done
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# client MONITOR HTTP-PORT HTTPS-PORT CERT N: per protocol, one keep-alive connection; after
# its first request (and the TLS handshake) QEMU's monitor turns on single-stepping and the
# log, N requests follow, and the log is turned off again.
client() {
    python3 - "$@" <<'PY'
import http.client, socket, ssl, sys, threading
mon_path, http_port, https_port, cert, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
mon = socket.socket(socket.AF_UNIX)
mon.connect(mon_path)
mon.settimeout(60)
def prompt():
    buf = b""
    while not buf.endswith(b"(qemu) "):
        buf += mon.recv(4096)
def monitor(*cmds):
    for c in cmds:
        mon.sendall(c.encode() + b"\n")
        prompt()
def get(conn):
    conn.request("GET", "/index.html")
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit("status %d" % r.status)
prompt()
ctx = ssl.create_default_context(cafile=cert)
for conn in (http.client.HTTPConnection("127.0.0.1", http_port, timeout=900),
             http.client.HTTPSConnection("localhost", https_port, timeout=900, context=ctx)):
    if isinstance(conn, http.client.HTTPSConnection):
        conn._create_connection = lambda addr, *a, **k: socket.create_connection(("127.0.0.1", https_port), *a, **k)
    get(conn)
    monitor("singlestep on", "log exec,nochain")
    for _ in range(n):
        get(conn)
    monitor("log none", "singlestep off")
    conn.close()
# Under load: 8 keep-alive connections, each with a request always outstanding. The logged
# system runs so slowly that requests wait for it, as when a guest is saturated: what one
# request costs when the drivers and virtualisers take many frames per wake-up.
conns = [http.client.HTTPConnection("127.0.0.1", http_port, timeout=900) for _ in range(8)]
for conn in conns:
    get(conn)
monitor("singlestep on", "log exec,nochain")
failed = []
def requests(conn):
    try:
        for _ in range(n):
            get(conn)
    except BaseException as e: # get's sys.exit included: a thread's exit ends only the thread
        failed.append(repr(e))
threads = [threading.Thread(target=requests, args=(conn,)) for conn in conns]
for t in threads:
    t.start()
for t in threads:
    t.join()
monitor("log none", "singlestep off")
for conn in conns:
    conn.close()
if failed:
    sys.exit("8 connections: %d failed: %s" % (len(failed), failed[0]))
PY
}
# count NAME SYSTEM PD-DIR SERVER-ELF RANGES-ARGS...: prints NAME's figures.
count() {
    local name=$1 system=$2 pds=$3 server=$4 http https mark
    shift 4
    "$top/bench/trace/ranges.sh" "$@" >"$work/ranges" || return
    mark=$(aarch64-linux-gnu-nm "$server" | awk '$3 == "access_log" { print $1; exit }')
    [ -n "$mark" ] || { echo "  $name: no access_log in $server"; return; }
    "$sysbuild" "$system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds" \
        --dtb "$work/machine.dtb" -o "$work/image" -r "$work/report" >/dev/null || return
    cp "$disk" "$work/disk.img"
    http=$(port) https=$(port)
    http_server_devices "$work/disk.img" "$http" "$https"
    rm -f "$work/log" "$work/mon" "$work/console"
    mkfifo "$work/log"
    awk -f "$top/bench/trace/count.awk" -v ranges="$work/ranges" -v start="$mark" \
        -v stop="$mark" <"$work/log" >"$work/$name.counts" &
    apid=$!
    "${args[@]}" "${devices[@]}" -snapshot -serial "file:$work/console" \
        -monitor "unix:$work/mon,server,nowait" -icount shift=0 -d nochain -D "$work/log" \
        -kernel "$work/image" >/dev/null 2>&1 &
    qpid=$!
    if ! wait_for "$work/console" "serving HTTP on port 80 and HTTPS" 900; then
        echo "  $name: the system did not start serving (console: $(tail -1 "$work/console"))"
    else
        client "$work/mon" "$http" "$https" "$cert" "$n" || echo "  $name: the client failed"
    fi
    kill "$qpid" 2>/dev/null
    wait "$qpid" 2>/dev/null
    qpid=
    wait "$apid"
    apid=
    # Windows 1..n-1 are HTTP's, n spans the change of connection, n+1..2n-1 are HTTPS's, 2n
    # spans the change to 8 connections, 2n+1..10n-1 are theirs.
    awk -v n="$n" -v name="$name" '
        $1 == "window" { k = $2; tot[k] = $3; line[k] = $0 }
        function median(lo, hi, what,    i, j, m, idx, tmp, c, s, f) {
            c = 0
            for (i = lo; i <= hi; i++) if (i in tot) idx[++c] = i
            if (!c) { printf "  %s, %s: no requests counted\n", name, what; return }
            for (i = 2; i <= c; i++)
                for (j = i; j > 1 && tot[idx[j - 1]] > tot[idx[j]]; j--) { tmp = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = tmp }
            m = idx[int((c + 1) / 2)]
            split(line[m], f, " ")
            s = ""
            for (i = 4; i <= length(f); i++) {
                split(f[i], kv, "=")
                if (kv[1] == "exits" || kv[1] == "switches") sw[kv[1]] = kv[2]
                else if (kv[2] > 0) s = s " " f[i]
            }
            printf "  %s, %s (median of %d): %d:%s; %d returns to user code, %d into another PD\n",
                name, what, c, tot[m], s, sw["exits"], sw["switches"]
        }
        # the windows from lo on, together: their mean by component
        function mean(lo, what,    i, j, c, t, f, kv, part, order, np, s) {
            for (i = lo; i in tot; i++) {
                c++; t += tot[i]
                split(line[i], f, " ")
                for (j = 4; j <= length(f); j++) {
                    split(f[j], kv, "=")
                    if (!(kv[1] in part)) order[++np] = kv[1]
                    part[kv[1]] += kv[2]
                }
            }
            if (!c) { printf "  %s, %s: no requests counted\n", name, what; return }
            s = ""
            for (j = 1; j <= np; j++)
                if (order[j] != "exits" && order[j] != "switches" && part[order[j]] > 0)
                    s = s sprintf(" %s=%d", order[j], part[order[j]] / c)
            printf "  %s, %s (mean of %d): %d:%s; %.1f returns to user code, %.1f into another PD\n",
                name, what, c, t / c, s, part["exits"] / c, part["switches"] / c
        }
        END {
            median(1, n - 1, "HTTP request")
            median(n + 1, 2 * n - 1, "HTTPS request")
            mean(2 * n + 1, "HTTP request, 8 connections")
        }' \
        "$work/$name.counts"
}

echo "bench/http-server on $config: instructions per request (index.html, keep-alive), by component"
parts=(--part lwip 'libsel4c_net\.a' --part http 'libsel4c_http\.a' --part tls 'libsel4c_tls\.a'
       --part fat+blk 'libsel4c_(fat|blkclient)\.a')
m=$traced/multi
pd_args=()
for pd in virtio_net net_virt_rx net_virt_tx virtio_blk virtio_rng timer rtc serial; do
    pd_args+=(--pd "$pd" "$m/$pd.elf")
done
count multi "$top/examples/http-server/http-server.system" "$m" "$m/server.elf" \
    --pd rest "$m/server.elf" "$m/server.elf.map" "${parts[@]}" "${pd_args[@]}"
s=$traced/single
count single "$top/examples/http-server/single/http-server-single.system" "$s" \
    "$s/server_single.elf" --pd rest "$s/server_single.elf" "$s/server_single.elf.map" \
    "${parts[@]}" --part drivers 'libsel4c_(virtio|driver_timer|driver_rtc)\.a'
