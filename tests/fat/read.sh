#!/usr/bin/env bash
# Our reader against images made by mkfs.fat and filled by mcopy: the listing equals mdir's
# (names and sizes) and every file reads back byte-exact.
#   read.sh FATTEST MKDISK TYPE SECTORS_PER_CLUSTER SIZE_MIB
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5
for t in mkfs.fat mcopy mdir; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/out"
"$fattest" tree "$work/src" $((type * 100 + spc))
offset=$("$mkdisk" -t "$type" -c "$spc" -s "$size" -d "$work/src" "$work/disk.img")
tests/fat/mdir-list.sh "$work/disk.img" "$offset" | LC_ALL=C sort >"$work/mdir.txt"
"$fattest" list "$work/disk.img" -p | LC_ALL=C sort >"$work/ours.txt"
[ -s "$work/mdir.txt" ] || { echo "FAIL: mdir listed nothing"; exit 1; }
if ! diff -u "$work/mdir.txt" "$work/ours.txt"; then
    echo "FAIL: FAT$type, $spc sectors per cluster: listing differs from mdir's"
    exit 1
fi
"$fattest" extract "$work/disk.img" "$work/out" -p
diff -r "$work/src" "$work/out" || { echo "FAIL: FAT$type: files differ from the source"; exit 1; }
echo "FAT$type, $spc sectors per cluster: $(wc -l <"$work/ours.txt") entries listed as mdir does and read back byte-exact"
