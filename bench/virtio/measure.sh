#!/usr/bin/env bash
# The virtio-blk driver under QEMU (bench.system: the driver PD and bench_client.c, a 64 MiB
# disk image): sequential read throughput, 4 KiB request rates, and the instructions one 4 KiB
# request costs from the client's request to its next (client, kernel and driver; counted in
# QEMU's execution log, -singlestep -d exec,nochain, between calls of bench_client's marker;
# single-core kernels only, as in bench/microkit). Throughput is QEMU's emulation on this
# machine, not a device's: compare runs on one machine only.
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR   (PD_DIR: virtio_blk.elf, bench_client.elf)
# Prints figures; asserts nothing about them.
set -eu
config=$1 prefix=$2 sysbuild=$3 sdk=$4 pds_dir=$5
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "virtio ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
qpid= apid=
trap 'for p in $qpid $apid; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
# shellcheck source=../../tools/qemu-run/qemu-machine.sh
. "$here/../../tools/qemu-run/qemu-machine.sh"
# shellcheck source=../qemu-guest.sh
. "$here/../qemu-guest.sh"
qemu_machine "$prefix" "$work"
args=() # the machine's command line without its -serial: the console goes to a file
for a in "${qemu[@]}"; do
    [ "$a" = -serial ] || [ "$a" = stdio ] || args+=("$a")
done
truncate -s 64M "$work/disk.img"
qemu=("${args[@]}" -drive "file=$work/disk.img,if=none,format=raw,id=hd"
      -device virtio-blk-device,drive=hd)
"$sysbuild" "$here/bench.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds_dir" \
    --dtb "$work/machine.dtb" -o "$work/image" -r "$work/report" >/dev/null


"${qemu[@]}" -serial "file:$work/console" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_for "$work/console" "bench_blk: done" 120 || echo "virtio ($config): the benchmark did not finish"
stop_qemu
grep -a "^bench_blk: \|^virtio-blk: " "$work/console" | grep -v "markers done" | sed "s/^/virtio ($config): /"

cores=$(kernel_cores "$prefix")
if [ "$cores" != 1 ]; then
    echo "virtio ($config): instructions not counted: QEMU cannot log an SMP kernel's boot in" \
        "bounded time (bench/microkit/measure.sh says why)"
    exit 0
fi
marker=$(sym "$pds_dir/bench_client.elf" mark_request)
# The marker must be an address the driver never executes.
driver_end=0
while read -r vaddr size; do
    [ $((vaddr + size)) -le $driver_end ] || driver_end=$((vaddr + size))
done < <(aarch64-linux-gnu-readelf -lW "$pds_dir/virtio_blk.elf" | awk '$1 == "LOAD" { print $3, $6 }')
if [ $((0x$marker)) -lt $driver_end ]; then
    echo "virtio ($config): error: the marker at 0x$marker is within the driver's code"
    exit 1
fi
mkfifo "$work/log"
awk -v marker="$marker" '
    BEGIN { FS = "[][/]"; m = "x" marker }
    { n++ }
    ("x" $3) == m { if (last) d[++k] = n - last; last = n }
    END {
        if (k == 0) { print "no request was logged"; exit }
        for (i = 1; i <= k; i++)  # insertion sort: k is small
            for (j = i; j > 1 && d[j - 1] > d[j]; j--) { t = d[j]; d[j] = d[j - 1]; d[j - 1] = t }
        printf "instructions per 4 KiB read request (client to driver to device and back, " \
               "kernel included): median %d, min %d, max %d over %d requests\n",
               d[int((k + 1) / 2)], d[1], d[k], k
    }' <"$work/log" >"$work/figures" &
apid=$!
"${qemu[@]}" -serial "file:$work/console2" -icount shift=0 -singlestep \
    -d exec,nochain -D "$work/log" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_for "$work/console2" "bench_blk: markers done" 300 || echo "virtio ($config): the logged run did not finish"
stop_qemu
wait "$apid" || true
apid=
sed "s/^/virtio ($config): /" "$work/figures"
