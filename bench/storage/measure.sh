#!/usr/bin/env bash
# The storage stack under QEMU (bench.system: the virtio-blk driver PD and bench_fs.c, FAT on
# lib/blkclient's cache, over a disk image of tools/mkdisk with a 64 MiB file in a FAT32
# partition of 4 KiB clusters): sequential read MB/s through FAT, cache and driver, and the
# instructions of 4 KiB by layer, counted in QEMU's execution log (-singlestep -d
# exec,nochain) between calls of each phase's marker (bench_fs.c lists the phases):
#   FAT           fat - miss        the filesystem's work for a cluster
#   cache         miss - io         lookup, replacement and the copy out of the line
#   client+driver io, user level    the client's queues, event loop and task switch, and
#                                   the driver PD (both PDs' user-level instructions)
#   kernel        io, kernel level  notifications, IRQ and scheduling (PCs in the kernel)
# and the cache-hit path (hit: 4 KiB; sect: one 512-byte sector through the sel4c_blk_t;
# byte: 1 byte, the lookup without the copy). The sequential read uses read-ahead (16 blocks);
# the counted phases do not.
# Single-core kernels only for the counts (bench/microkit/measure.sh says why). Throughput is
# QEMU's emulation on this machine: compare runs on one machine only.
#   measure.sh CONFIG PREFIX SYSBUILD SDK_DIR PD_DIR   (PD_DIR: virtio_blk.elf, bench_fs.elf)
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
qemu_machine "$prefix" "$work"
args=() # the machine's command line without its -serial: the console goes to a file
for a in "${qemu[@]}"; do
    [ "$a" = -serial ] || [ "$a" = stdio ] || args+=("$a")
done
mkdir "$work/tree"
head -c 64M /dev/urandom >"$work/tree/BIG.BIN"
# (tools/mkdisk copies dot files by a glob that fails the copy when it matches none)
echo "a 64 MiB file of random bytes" >"$work/tree/.about"
"$top/tools/mkdisk/mkdisk.sh" -t 32 -c 8 -s 320 -d "$work/tree" "$work/disk.img" >/dev/null
rm -rf "$work/tree"
qemu=("${args[@]}" -drive "file=$work/disk.img,if=none,format=raw,id=hd"
      -device virtio-blk-device,drive=hd)
"$sysbuild" "$here/bench.system" --sel4-prefix "$prefix" --sdk "$sdk" --search-path "$pds_dir" \
    --dtb "$work/machine.dtb" -o "$work/image" -r "$work/report" >/dev/null

wait_for() { # CONSOLE LINE SECONDS
    local i
    for i in $(seq $(($3 * 10))); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$qpid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
stop_qemu() {
    kill "$qpid" 2>/dev/null || true
    wait "$qpid" 2>/dev/null || true
    qpid=
}

"${qemu[@]}" -serial "file:$work/console" -kernel "$work/image" >/dev/null 2>&1 &
qpid=$!
wait_for "$work/console" "bench_fs: done" 300 || echo "storage ($config): the benchmark did not finish"
stop_qemu
grep -a "^bench_fs: " "$work/console" | grep -v "markers done\|: done" | sed "s/^/storage ($config): /"

cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$prefix/libsel4/include/kernel/gen_config.json")
if [ "$cores" != 1 ]; then
    echo "storage ($config): instructions not counted: QEMU cannot log an SMP kernel's boot in" \
        "bounded time (bench/microkit/measure.sh says why)"
    exit 0
fi
sym() { aarch64-linux-gnu-nm "$1" | awk -v s="$2" '$3 == s { print $1; exit }'; }
# The markers must be at addresses the driver never executes.
driver_end=0
while read -r vaddr size; do
    [ $((vaddr + size)) -le $driver_end ] || driver_end=$((vaddr + size))
done < <(aarch64-linux-gnu-readelf -lW "$pds_dir/virtio_blk.elf" | awk '$1 == "LOAD" { print $3, $6 }')
markers=
for p in fat miss io hit sect byte; do
    a=$(sym "$pds_dir/bench_fs.elf" mark_$p)
    if [ $((0x$a)) -lt $driver_end ]; then
        echo "storage ($config): error: the marker of $p at 0x$a is within the driver's code"
        exit 1
    fi
    markers="$markers $p=$a"
done
mkfifo "$work/log"
# Each line of the log is one instruction; its PC is field 3. Kernel PCs are the kernel
# window's, at 0x8000000000 and up (user addresses are below).
awk -v markers="$markers" '
    BEGIN {
        FS = "[][/]"
        n = split(markers, ms, " ")
        for (i = 1; i <= n; i++) { split(ms[i], kv, "="); name["x" kv[2]] = kv[1] }
    }
    function median(a, k,    i, j, t) {
        for (i = 1; i <= k; i++)
            for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return a[int((k + 1) / 2)]
    }
    {
        total++
        pc = $3
        sub(/^0+/, "", pc)
        if (length(pc) >= 10 && pc >= "8000000000") kern++
        p = name["x" $3]
        if (p != "") {
            if (p in last) {
                k = ++cnt[p]
                d[p, k] = total - last[p]
                kd[p, k] = kern - lastk[p]
            }
            last[p] = total; lastk[p] = kern
        }
    }
    END {
        split("fat miss io hit sect byte", order, " ")
        for (i = 1; i <= 6; i++) {
            p = order[i]
            if (!cnt[p]) { print "no instructions logged for " p; continue }
            for (j = 1; j <= cnt[p]; j++) { a[j] = d[p, j]; b[j] = kd[p, j] }
            m[p] = median(a, cnt[p]); mk[p] = median(b, cnt[p])
        }
        if (!cnt["fat"] || !cnt["miss"] || !cnt["io"]) exit
        printf "instructions per 4 KiB read through FAT (median of %d): %d in all: FAT %d, cache %d, " \
               "client+driver %d, kernel %d\n", cnt["fat"], m["fat"], m["fat"] - m["miss"],
               m["miss"] - m["io"], m["io"] - mk["io"], mk["io"]
        printf "instructions of a cache hit: 4 KiB read %d (copy included), 512-byte sector through " \
               "the sel4c_blk_t %d, 1 byte %d (the hit path without the copy)\n", m["hit"], m["sect"],
               m["byte"]
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
