#!/usr/bin/env bash
# Networking under QEMU (bench.system: the virtio-net driver, the receive and transmit
# virtualisers, the timer and bench_net.c, lwIP at 10.0.2.15, on QEMU's user networking),
# measured from the host through hostfwd on 127.0.0.1 (host.py):
#   TCP host -> guest   iperf 2's client (10 s) against lwIP's lwiperf server
#   TCP guest -> host   lwiperf's client (10 s) against iperf 2's server, started through
#                       bench_net's control port (the guest reaches the host at 10.0.2.2)
#   UDP                 datagrams/s the guest's sink counted while the host offered more;
#                       UDP echo round trips/s, one datagram at a time
# Mbit/s and packets/s are the guest's own figures (lwiperf's report, the sink's clock).
# Then, on single-core kernels, the instructions per packet by component, counted in QEMU's
# execution log (-icount shift=0 -singlestep -d exec,nochain, streamed through a fifo into
# bench/trace/count.awk) between bench_net's trace_begin and trace_end, for three bounded
# workloads: UDP echo round trips, a TCP stream into the guest, a TCP stream out of it.
# Components (every PD linked at its own base, net.mk; bench_net split by its link map):
#   driver   the virtio-net driver PD       virt_rx, virt_tx  the virtualisers
#   lwip     lwIP in bench_net (its own objects, checksums included)
#   client   the rest of bench_net: sel4c's network API, the queues' client, the event loop,
#            the timer client, the benchmark's code, the runtime
#   copy     memcpy and memmove, in every PD (split by PD: the virtualisers' copies of
#            frames, the client's into and out of lwIP)
#   timer    the timer PD     kernel  seL4     monitor, other  (next to nothing)
# Throughput is QEMU's emulation on this machine: compare runs on one machine only.
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR
#   (PD_DIR: the PDs' ELF files, with link maps ELF.map)
# Prints figures; asserts nothing about them.
set -u
config=$1 prefix=$2 sysbuild=$3 sdk=$4 pds=$5
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
tag="net ($config)"
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "$tag: not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
qpid= apid= ipid=
trap 'for p in $qpid $apid $ipid; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
# shellcheck source=../../tools/qemu-run/qemu-machine.sh
. "$top/tools/qemu-run/qemu-machine.sh"
# shellcheck source=../qemu-guest.sh
. "$top/bench/qemu-guest.sh"
qemu_machine "$prefix" "$work"
args=() # the machine's command line without its -serial: the console goes to a file
for a in "${qemu[@]}"; do
    [ "$a" = -serial ] || [ "$a" = stdio ] || args+=("$a")
done
"$sysbuild" "$here/bench.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds" \
    --dtb "$work/machine.dtb" -o "$work/image" -r "$work/report" >/dev/null || {
    echo "$tag: error: the system did not build"
    exit 1
}
free_port() {
    python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_$1); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"
}
# host ports for the guest's 5001 (lwiperf), 5002 (control), 5003 (UDP sink), 5004 (UDP
# echo), 5005 (TCP sink), 5006 (TCP source)
p1=$(free_port STREAM) p2=$(free_port STREAM) p3=$(free_port DGRAM) p4=$(free_port DGRAM)
p5=$(free_port STREAM) p6=$(free_port STREAM)
fwd="hostfwd=tcp:127.0.0.1:$p1-10.0.2.15:5001,hostfwd=tcp:127.0.0.1:$p2-10.0.2.15:5002"
fwd="$fwd,hostfwd=udp:127.0.0.1:$p3-10.0.2.15:5003,hostfwd=udp:127.0.0.1:$p4-10.0.2.15:5004"
fwd="$fwd,hostfwd=tcp:127.0.0.1:$p5-10.0.2.15:5005,hostfwd=tcp:127.0.0.1:$p6-10.0.2.15:5006"
qemu=("${args[@]}" -netdev "user,id=net0,$fwd" -device virtio-net-device,netdev=net0)

host() { timeout 120 python3 "$here/host.py" "$@"; }
mbits() { sed -n "s/^bench_net: lwiperf $1 \([0-9]*\) bytes in \([0-9]*\) ms: \([0-9]*\) kbit\/s/\1 \2 \3/p" "$work/console" | tail -1 |
    awk '{ printf "%.1f Mbit/s (%d bytes in %d ms)", $3 / 1000, $1, $2 }'; }

cores=$(kernel_cores "$prefix")
echo "$tag: QEMU TCG ($cores guest core(s), $(nproc) host cores), virtio-net on QEMU's user network, lwIP 2.1.3"
"${qemu[@]}" -serial "file:$work/console" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
if ! wait_for "$work/console" "bench_net: ready" 120; then
    echo "$tag: error: bench_net did not come up"
    grep -a "error\|FAIL" "$work/console"
    exit 1
fi
# TCP host -> guest: iperf 2 against lwiperf's server
timeout 60 iperf -c 127.0.0.1 -p "$p1" -t 10 -f m >"$work/iperf-c" 2>&1
wait_for "$work/console" "bench_net: lwiperf received" 20
echo "$tag: TCP host -> guest: $(mbits received) (iperf 2 client: $(grep -o '[0-9.]* Mbits/sec' "$work/iperf-c" | tail -1))"
# TCP guest -> host: lwiperf's client against iperf 2's server
ip=$(free_port STREAM)
timeout 60 iperf -s -B 127.0.0.1 -p "$ip" -f m >"$work/iperf-s" 2>&1 &
ipid=$!
sleep 1
if host control "$p2" "$ip" >"$work/control"; then
    wait_for "$work/console" "bench_net: lwiperf sent" 30
    echo "$tag: TCP guest -> host: $(mbits sent) (iperf 2 server: $(grep -o '[0-9.]* Mbits/sec' "$work/iperf-s" | tail -1))"
else
    echo "$tag: TCP guest -> host: not measured: $(cat "$work/control")"
fi
kill $ipid 2>/dev/null
wait $ipid 2>/dev/null
ipid=
# UDP: the sink's rate while the host offers more, and echo round trips
for size in 64 1472; do
    r=$(host udp-flood "$p3" $size 5 40000)
    echo "$r" | awk -v tag="$tag" -v size=$size '/^sent/ {
        # "sent N in S s (R/s); received M in MS ms; B bytes"
        rate = $10 > 0 ? $8 / ($10 / 1000) : 0
        printf "%s: UDP host -> guest, %d-byte datagrams: %.0f datagrams/s received (%.1f Mbit/s of payload; %d of %d received, offered at %s)\n",
            tag, size, rate, rate * size * 8 / 1e6, $8, $2, substr($6, 2, length($6) - 3) }
        /^error/ { print tag ": UDP: " $0 }'
done
echo "$tag: UDP echo: $(host udp-echo "$p4" 64 2000 10)"
stop_qemu

if [ "$cores" != 1 ]; then
    echo "$tag: instructions not counted: QEMU cannot log an SMP kernel's boot in bounded time" \
        "(bench/microkit/measure.sh says why)"
    exit 0
fi
copy='^\.text\.mem(cpy|move) '
# memcpy in each PD is "copy.PD"; the monitor (at its own base) only to tell it apart
"$top/bench/trace/ranges.sh" \
    --pd driver "$pds/virtio_net.elf" "$pds/virtio_net.elf.map" --part copy.driver "$copy" \
    --pd virt_rx "$pds/net_virt_rx.elf" "$pds/net_virt_rx.elf.map" --part copy.virt_rx "$copy" \
    --pd virt_tx "$pds/net_virt_tx.elf" "$pds/net_virt_tx.elf.map" --part copy.virt_tx "$copy" \
    --pd timer "$pds/timer.elf" "$pds/timer.elf.map" --part copy.timer "$copy" \
    --pd client "$pds/bench_net.elf" "$pds/bench_net.elf.map" --part copy.client "$copy" \
    --part lwip 'libsel4c_net\.a\((core|netif|apps)_' --pd monitor "$sdk/monitor.elf" >"$work/ranges" || exit 1
# which memcpy the PDs have (libc's may be a byte-at-a-time loop)
memcpy=$(awk '/^ \.text\.memcpy/ { if (NF < 4) { getline l; $0 = $0 " " l }; sub(/.*\(/, ""); sub(/\).*/, ""); print; exit }' "$pds/bench_net.elf.map")
mkfifo "$work/log"
awk -f "$top/bench/trace/count.awk" -v ranges="$work/ranges" \
    -v start="$(sym "$pds/bench_net.elf" trace_begin)" -v stop="$(sym "$pds/bench_net.elf" trace_end)" \
    <"$work/log" >"$work/counts" &
apid=$!
"${qemu[@]}" -serial "file:$work/console2" -icount shift=0 -singlestep \
    -d exec,nochain -D "$work/log" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
n=100 bytes=262144
# (the boot alone is some minutes of logging)
if ! wait_for "$work/console2" "bench_net: ready" 900; then
    echo "$tag: the logged run did not come up"
elif ! host udp-echo "$p4" 64 $n 60 >"$work/h1"; then
    echo "$tag: the logged run's UDP echo did not finish: $(cat "$work/h1")"
elif ! host tcp-send "$p5" $bytes 300 >"$work/h2" || ! wait_for "$work/console2" "TCP sink:" 120; then
    echo "$tag: the logged run's TCP stream into the guest did not finish: $(cat "$work/h2")"
elif ! host tcp-recv "$p6" 300 >"$work/h3" || ! wait_for "$work/console2" "TCP source:" 120; then
    echo "$tag: the logged run's TCP stream out of the guest did not finish: $(cat "$work/h3")"
fi
stop_qemu
wait "$apid"
apid=
# Segments are of TCP's MSS, 1460 bytes; each window's figure is divided by its packets.
awk -v tag="$tag" -v n=$n -v segs=$(((bytes + 1459) / 1460)) -v memcpy="${memcpy:-?}" '
    $1 == "window" && $2 <= 3 {
        what[1] = sprintf("UDP echo round trip (64 bytes; one datagram in, one out), %d of them", n)
        what[2] = sprintf("TCP segment received (1460 bytes, its ACKs included), %d of them", segs)
        what[3] = sprintf("TCP segment sent (1460 bytes, the ACKs received included), %d of them", segs)
        per = $2 == 1 ? n : segs
        split("driver virt_rx virt_tx lwip client copy timer kernel monitor other", order, " ")
        split("virt_rx virt_tx client driver timer", copiers, " ")
        for (i = 4; i <= NF; i++) {
            split($i, kv, "=")
            v[kv[1]] += kv[2]
            if (kv[1] ~ /^copy\./) v["copy"] += kv[2]
        }
        s = ""; big = ""
        for (i = 1; i <= 10; i++) {
            s = s sprintf("%s%s %d", i > 1 ? ", " : "", order[i], v[order[i]] / per + 0.5)
            if (order[i] == "copy") {
                c = ""
                for (j = 1; j <= 5; j++)
                    if (v["copy." copiers[j]] > 0) c = c sprintf("%s%s %d", c == "" ? "" : ", ", copiers[j], v["copy." copiers[j]] / per + 0.5)
                s = s " (" c ")"
            }
            if (big == "" || v[order[i]] > v[big]) big = order[i]
        }
        printf "%s: instructions per %s: %d: %s; the largest: %s (%.0f%%)%s\n", tag, what[$2], $3 / per + 0.5,
            s, big, 100 * v[big] / $3, big == "copy" ? ", memcpy from " memcpy : ""
        split("", v)
    }
    END { if (NR < 2) print tag ": no instructions counted" }' "$work/counts"
