#!/usr/bin/env bash
# unit/blkclient-fat: the FAT library on the block client (with the fake driver of
# test_blkclient) over an image from tools/mkdisk: every file's size and CRC-32 as the host
# has them; the file it writes read back with mtools byte-exact; fsck.fat -n clean.
#   host_fat.sh TEST_BLKCLIENT WORKDIR
set -u
test=$1 work=$2
for t in mkfs.fat mcopy fsck.fat python3; do
    command -v $t >/dev/null || { echo "skip: $t not installed"; exit 77; }
done
rm -rf "$work" && mkdir -p "$work/tree" || exit 1
tests/storage/make_tree.sh "$work/tree" 1 >"$work/want" || exit 1
offset=$(tools/mkdisk/mkdisk.sh -t 32 -c 1 -s 40 -d "$work/tree" "$work/disk.img") || exit 1
cut -f1 "$work/want" >"$work/list"
"$test" "$work/disk.img" "$offset" "$work/list" >"$work/got" || { cat "$work/got"; exit 1; }
# "path size crc" lines, paths with spaces: compare as tab-joined
python3 - "$work/want" "$work/got" <<'PY' || exit 1
import sys
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
got = open(sys.argv[2]).read().split("\n")
rows = {}
for l in got:
    if l.startswith("/"):
        p, n, c = l.rsplit(" ", 2)
        rows[p] = (n, c)
bad = 0
for p, n, c in want:
    if rows.get(p) != (n, c):
        print("FAIL %s: host %s %s, client %s" % (p, n, c, rows.get(p)))
        bad += 1
print("%d files read through the client, %d differ" % (len(want), bad))
sys.exit(1 if bad or not want else 0)
PY
MTOOLS_SKIP_CHECK=1 mcopy -n -i "$work/disk.img@@$offset" ::/NEWFILE.BIN "$work/new.bin" || exit 1
python3 -c '
import sys
want = bytes((i * 31 + (i >> 9)) & 255 for i in range(50000))
got = open(sys.argv[1], "rb").read()
print("NEWFILE.BIN: %d bytes, %s" % (len(got), "as written" if got == want else "DIFFERENT"))
sys.exit(got != want)' "$work/new.bin" || exit 1
dd if="$work/disk.img" of="$work/part.img" bs=512 skip=$((offset / 512)) status=none || exit 1
fsck.fat -n "$work/part.img" || { echo "FAIL: fsck.fat"; exit 1; }
rm -rf "$work"
