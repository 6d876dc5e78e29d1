#!/usr/bin/env bash
# The network test system (net.system) on a real seL4 kernel: boots it with a virtio-net
# device on QEMU's user networking (legacy or modern virtio transport), waits for the clients
# to be up (the DHCP lease printed), runs client.py against them through hostfwd on
# 127.0.0.1, and passes when both that and the console's sentinels do.
#   net.sh legacy|modern CONFIG PREFIX PD-DIR OUT SYSBUILD SDK QEMU_RUN
set -u
transport=$1 config=$2 prefix=$3 pds=$4 out=$5 sysbuild=$6 sdk=$7 qemu_run=$8
here=$(dirname "$0")
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
free_port() {
    python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_$1); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"
}
tcp=$(free_port STREAM) udp=$(free_port DGRAM)
qemu_net=(-netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$tcp-10.0.2.15:1234,hostfwd=udp:127.0.0.1:$udp-10.0.2.20:1235"
          -device virtio-net-device,netdev=net0)
[ "$transport" = modern ] && qemu_net+=(-global virtio-mmio.force-legacy=false)
tools/qemu-run/boot-system.sh "$prefix" "$here/net.system" "$sysbuild" "$sdk" "$qemu_run" \
    --search-path "$pds" --report "$out/report.txt" -- \
    --timeout 300 --log "$out/console" --fail "seL4 called fail" --fail "FAIL" \
    --fail "error:" --pass "virtio-net: virtio-mmio version $([ "$transport" = modern ] && echo 2 || echo 1)" \
    --pass "echo_tcp: DHCP lease 10.0.2.15" --pass "on 10.0.2.20 port 1235" --pass "; bye" \
    --pass "net_virt_tx: client 2 refused" --pass "net_virt_tx: client 2 corrupted its queue" \
    --pass "echo_udp: blast of 2000 datagrams sent" \
    -- "${qemu_net[@]}" >"$out/boot.log" 2>&1 &
boot=$!
# The clients are up once the lease is printed (bounded: the boot's own timeout is longer).
for _ in $(seq 1200); do
    grep -q "echo_tcp: DHCP lease" "$out/console" 2>/dev/null && grep -q "on 10.0.2.20 port 1235" "$out/console" 2>/dev/null && break
    kill -0 $boot 2>/dev/null || break
    sleep 0.1
done
timeout 280 python3 "$here/client.py" "$tcp" "$udp"
client=$?
wait $boot
rc=$?
cat "$out/boot.log"
[ -f "$out/console" ] && grep -E "^(virtio-net|net_virt|echo_|garbage)" "$out/console"
[ $client -eq 0 ] && [ $rc -eq 0 ]
