#!/usr/bin/env bash
# The storage stack under QEMU (bench.system: the virtio-blk driver PD and bench_fs.c, FAT on
# lib/blkclient's cache, over a disk image of tools/mkdisk with a 64 MiB file in a FAT32
# partition of 4 KiB clusters): sequential read MB/s through FAT, cache and driver (with
# read-ahead), and the instructions of the phases bench_fs.c lists (without read-ahead),
# counted in QEMU's execution log (-singlestep -d exec,nochain) from one call of a phase's
# marker to the next, split by layer by the PC of each instruction:
#   fat     the FAT library (libsel4c_fat.a)
#   cache   the block client's cache and requests (libsel4c_blkclient.a)
#   copy    memcpy (the PD's libc)
#   client  the queues, event loop and tasks (libsel4c_queue.a, _event.a, _shmem.a)
#   pd      the rest of the client PD (its program, the Microkit runtime)
#   driver  the virtio-blk driver PD
#   kernel  seL4 (notifications, the IRQ, scheduling)
# The figure of each phase is its median iteration. Single-core kernels only for the counts
# (bench/microkit/measure.sh says why). Throughput is QEMU's emulation on this machine:
# compare runs on one machine only.
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR
#   (PD_DIR: virtio_blk.elf, bench_fs.elf and its link map bench_fs.elf.map)
# Prints figures; asserts nothing about them.
set -eu
config=$1 prefix=$2 sysbuild=$3 sdk=$4 pds_dir=$5
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "storage ($config): not measured: no seL4 kernel at $prefix"
    exit 0
fi
work=$(mktemp -d)
qpid= apid=
trap 'for p in $qpid $apid; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
# shellcheck source=../../tools/qemu-run/qemu-machine.sh
. "$top/tools/qemu-run/qemu-machine.sh"
# shellcheck source=../qemu-guest.sh
. "$top/bench/qemu-guest.sh"
qemu_machine "$prefix" "$work"
args=() # the machine's command line without its -serial: the console goes to a file
for a in "${qemu[@]}"; do
    [ "$a" = -serial ] || [ "$a" = stdio ] || args+=("$a")
done
mkdir "$work/tree"
head -c 64M /dev/urandom >"$work/tree/BIG.BIN"
"$top/tools/mkdisk/mkdisk.sh" -t 32 -c 8 -s 320 -d "$work/tree" "$work/disk.img" >/dev/null
rm -rf "$work/tree"
qemu=("${args[@]}" -drive "file=$work/disk.img,if=none,format=raw,id=hd"
      -device virtio-blk-device,drive=hd)
"$sysbuild" "$here/bench.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds_dir" \
    --dtb "$work/machine.dtb" -o "$work/image" -r "$work/report" >/dev/null


"${qemu[@]}" -serial "file:$work/console" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_for "$work/console" "bench_fs: done" 300 || echo "storage ($config): the benchmark did not finish"
stop_qemu
grep -a "^bench_fs: " "$work/console" | grep -v "markers done\|: done" | sed "s/^/storage ($config): /"

cores=$(kernel_cores "$prefix")
if [ "$cores" != 1 ]; then
    echo "storage ($config): instructions not counted: QEMU cannot log an SMP kernel's boot in" \
        "bounded time (bench/microkit/measure.sh says why)"
    exit 0
fi
# bench_fs is linked at 0x1100000 (storage.mk), above the whole driver: user PCs below it are
# the driver's. Its link map gives each function's library, hence its layer.
base=0x1100000
driver_end=0
while read -r vaddr size; do
    [ $((vaddr + size)) -le $driver_end ] || driver_end=$((vaddr + size))
done < <(aarch64-linux-gnu-readelf -lW "$pds_dir/virtio_blk.elf" | awk '$1 == "LOAD" { print $3, $6 }')
if [ $driver_end -gt $((base)) ]; then
    echo "storage ($config): error: the driver reaches 0x$(printf %x $driver_end), above bench_fs"
    exit 1
fi
awk '
    function hex(h,    i, v) { # (mawk has no strtonum)
        sub(/^0x/, "", h); v = 0
        for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
        return v
    }
    /^Linker script and memory map/ { on = 1 }
    !on { next }
    /^ \.text/ { name = $1; if (NF < 4) next; $0 = substr($0, length(name) + 2) }
    name != "" && $1 ~ /^0x/ && $2 ~ /^0x/ && $3 != "" {
        addr = hex($1); size = hex($2)
        if (addr && size) {
            layer = "pd"
            if ($3 ~ /libsel4c_fat\.a/) layer = "fat"
            else if ($3 ~ /libsel4c_blkclient\.a/) layer = "cache"
            else if ($3 ~ /libsel4c_(event|queue|shmem)\.a/) layer = "client"
            else if (name == ".text.memcpy") layer = "copy"
            printf "%d %d %s\n", addr, addr + size, layer
        }
        name = ""
    }' "$pds_dir/bench_fs.elf.map" | sort -n >"$work/ranges"
markers=
for p in fat miss io hit sect byte; do
    markers="$markers $p=$(sym "$pds_dir/bench_fs.elf" mark_$p)"
done
mkfifo "$work/log"
# Each line of the log is one instruction; its PC is field 3. Kernel PCs are the kernel
# window's, at 0x8000000000 and up; user PCs below bench_fs's base are the driver's.
awk -v markers="$markers" -v ranges="$work/ranges" -v base=$((base)) '
    BEGIN {
        FS = "[][/]"
        n = split(markers, ms, " ")
        for (i = 1; i <= n; i++) { split(ms[i], kv, "="); name["x" kv[2]] = kv[1] }
        while ((getline line < ranges) > 0) { split(line, f, " "); rs[++nr] = f[1]; re[nr] = f[2]; rl[nr] = f[3] }
        nl = split("fat cache copy client pd driver kernel", layers, " ")
    }
    function hex(h,    i, v) { # (mawk has no strtonum)
        sub(/^0x/, "", h); v = 0
        for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
        return v
    }
    function classify(pc,    v, lo, hi, mid) {
        if (pc in memo) return memo[pc]
        v = hex(pc)
        if (v >= 549755813888) return memo[pc] = "kernel"
        if (v < base) return memo[pc] = "driver"
        lo = 1; hi = nr
        while (lo < hi) { mid = int((lo + hi + 1) / 2); if (rs[mid] <= v) lo = mid; else hi = mid - 1 }
        return memo[pc] = (nr && rs[lo] <= v && v < re[lo]) ? rl[lo] : "pd"
    }
    {
        total++
        if (started) cur[classify($3)]++
        p = name["x" $3]
        if (p == "") next
        if (p == prev) {
            k = ++cnt[p]
            t[p, k] = total - last
            for (i = 1; i <= nl; i++) l[p, k, layers[i]] = cur[layers[i]] + 0
        }
        started = 1; prev = p; last = total
        for (i = 1; i <= nl; i++) cur[layers[i]] = 0
    }
    function report(p, what,    i, j, k, idx, tmp, s) {
        if (!cnt[p]) { print "no instructions logged for " p; return }
        k = cnt[p]
        for (i = 1; i <= k; i++) idx[i] = i
        for (i = 1; i <= k; i++)  # insertion sort by total: k is small
            for (j = i; j > 1 && t[p, idx[j - 1]] > t[p, idx[j]]; j--) { tmp = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = tmp }
        m = idx[int((k + 1) / 2)]
        s = ""
        for (i = 1; i <= nl; i++) s = s sprintf("%s%s %d", i > 1 ? ", " : "", layers[i], l[p, m, layers[i]])
        printf "instructions of %s (the median of %d): %d: %s\n", what, k, t[p, m], s
    }
    END {
        report("fat", "a 4 KiB sel4c_fat_read, cluster not cached")
        report("miss", "a 4 KiB sel4c_blk_client_read, block not cached")
        report("io", "a 4 KiB sel4c_blk_client_io (no cache)")
        report("hit", "a 4 KiB sel4c_blk_client_read, cache hit")
        report("sect", "a 512-byte sector read through the sel4c_blk_t, cache hit")
        report("byte", "a 1-byte sel4c_blk_client_read, cache hit")
    }' <"$work/log" >"$work/figures" &
apid=$!
"${qemu[@]}" -serial "file:$work/console2" -icount shift=0 -singlestep \
    -d exec,nochain -D "$work/log" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_for "$work/console2" "bench_fs: markers done" 600 || echo "storage ($config): the logged run did not finish"
stop_qemu
wait "$apid" || true
apid=
sed "s/^/storage ($config): /" "$work/figures"
