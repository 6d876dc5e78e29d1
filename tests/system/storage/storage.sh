#!/usr/bin/env bash
# storage.system on QEMU with a disk image this script builds with tools/mkdisk (MBR and a
# FAT32 partition holding tests/storage/make_tree.sh's files: several sizes, nested
# directories, long names), in one of three forms:
#   good  fs_client must print every file's size and CRC-32 as the host has them, and the
#         file it writes must read back byte-exact with mtools after QEMU exits, on a volume
#         fsck.fat -n finds clean;
#   loop  a cluster chain of one file loops back on itself: that file is refused with the
#         reason, every other file still reads right, and the PD keeps running;
#   bpb   the boot sector's sectors-per-cluster is 3 (not a power of two): the mount is
#         refused with the reason, and the PD keeps running.
#   storage.sh good|loop|bpb OUT BOOT-ARGS...   (OUT: boot.sh's output directory, in BOOT-ARGS)
set -u
mode=$1 out=$2
shift 2
for t in mkfs.fat mcopy mshowfat fsck.fat python3; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools, python3)"; exit 77; }
done
work=$out.work
rm -rf "$work" && mkdir -p "$work/tree" || exit 1
tests/storage/make_tree.sh "$work/tree" 3 >"$work/want" || exit 1
img=$work/disk.img
offset=$(tools/mkdisk/mkdisk.sh -t 32 -s 64 -d "$work/tree" "$img") || exit 1
looped="/Long Directory Name/second level dir/cluster-plus-one.bin"

# $1: a cluster, $2: the value its FAT entry gets, in every FAT of the partition
set_fat() {
    python3 - "$img" "$offset" "$1" "$2" <<'PY'
import struct, sys
img, off, cl, val = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with open(img, "r+b") as f:
    f.seek(off)
    bs = f.read(512)
    bps, res, nfats, fatsz = (struct.unpack_from("<H", bs, 11)[0], struct.unpack_from("<H", bs, 14)[0],
                              bs[16], struct.unpack_from("<I", bs, 36)[0])
    for k in range(nfats):
        f.seek(off + (res + k * fatsz) * bps + 4 * cl)
        f.write(struct.pack("<I", val))
PY
}
case $mode in
good)
    sentinels=(--pass "fs_client: PASS" --pass "fs_client: wrote /NEWFILE.BIN") ;;
loop)
    chain=$(MTOOLS_SKIP_CHECK=1 mshowfat -i "$img@@$offset" "::$looped" | sed -nE 's/.*<([0-9]+)-([0-9]+)>.*/\1 \2/p')
    read -r first last <<<"$chain"
    [ -n "$first" ] && [ $((last - first)) -gt 8 ] || { echo "FAIL: no chain for $looped: $chain"; exit 1; }
    echo "storage.sh: cluster $((first + 8)) of $looped now points back to $((first + 2))"
    set_fat $((first + 8)) $((first + 2))
    sentinels=(--pass "fs_client: refused $looped: " --pass "fs_client: done, 7 files read, 1 refused") ;;
bpb)
    printf '\x03' | dd of="$img" bs=1 seek=$((offset + 13)) conv=notrunc status=none
    sentinels=(--pass "fs_client: refused the mount: " --pass "fs_client: done, 0 files read, 1 refused") ;;
*) echo "storage.sh: unknown mode $mode"; exit 2 ;;
esac

tests/system/microkit/boot.sh "$@" --fail "error:" "${sentinels[@]}" \
    --pass "fs_client: still serving after the run" \
    -- -drive "file=$img,if=none,format=raw,id=hd" -device virtio-blk-device,drive=hd
rc=$?
[ $rc -eq 0 ] || exit $rc
echo
grep "fs_client: refused" "$out/console"
[ $mode = bpb ] && exit 0

# every file the PD read, as the host has it (the looped one is the one missing)
python3 - "$work/want" "$out/console" "$mode" "$looped" <<'PY' || exit 1
import re, sys
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
got = {}
for l in open(sys.argv[2], errors="replace"):
    m = re.search(r"fs_client: file (\d+) ([0-9a-f]{8}) (.*?)\r?$", l)
    if m:
        got[m.group(3)] = (m.group(1), m.group(2))
bad = 0
for p, n, c in want:
    if sys.argv[3] == "loop" and p == sys.argv[4]:
        if p in got:
            print("FAIL: %s read despite its looping chain" % p); bad += 1
        continue
    if got.get(p) != (n, c):
        print("FAIL: %s: host %s %s, fs_client %s" % (p, n, c, got.get(p))); bad += 1
print("%d files on the host, %d read by fs_client, %d wrong" % (len(want), len(got), bad))
sys.exit(1 if bad else 0)
PY
[ $mode = loop ] && exit 0

MTOOLS_SKIP_CHECK=1 mcopy -n -i "$img@@$offset" ::/NEWFILE.BIN "$work/new.bin" || exit 1
python3 -c '
import sys, zlib
want = bytes((i * 31 + (i >> 9)) & 255 for i in range(50000))
got = open(sys.argv[1], "rb").read()
print("NEWFILE.BIN read back with mtools: %d bytes, crc %08x, %s" % (len(got),
      zlib.crc32(got) & 0xffffffff, "as written" if got == want else "DIFFERENT"))
sys.exit(got != want)' "$work/new.bin" || exit 1
dd if="$img" of="$work/part.img" bs=512 skip=$((offset / 512)) status=none || exit 1
fsck.fat -n "$work/part.img" || { echo "FAIL: fsck.fat finds the volume unclean"; exit 1; }
rm -rf "$work"
