#!/usr/bin/env bash
# Volumes of 4096-byte sectors (mkfs.fat -S 4096) on a device of 4096-byte sectors: an
# mcopy-filled image lists as mdir lists it and reads back byte-exact, and random operations
# leave a volume fsck.fat finds clean and mtools reads as the host's tree.
#   sector4k.sh FATTEST TYPE SIZE_KIB SEED OPERATIONS
set -eu -o pipefail
fattest=$1 type=$2 size=$3 seed=$4 ops=$5
for t in mkfs.fat fsck.fat mcopy mdir; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/out" "$work/host" "$work/mtools"
"$fattest" tree "$work/src" "$seed"
mkfs.fat -C -S 4096 -s 1 -F "$type" "$work/disk.img" "$size" >/dev/null
(shopt -s dotglob; MTOOLS_SKIP_CHECK=1 mcopy -s -i "$work/disk.img" "$work/src"/* ::/)
tests/fat/mdir-list.sh "$work/disk.img" 0 | LC_ALL=C sort >"$work/mdir.txt"
"$fattest" list "$work/disk.img" -s4096 | LC_ALL=C sort >"$work/ours.txt"
diff -u "$work/mdir.txt" "$work/ours.txt" || { echo "FAIL: listing differs from mdir's"; exit 1; }
"$fattest" extract "$work/disk.img" "$work/out" -s4096
diff -r "$work/src" "$work/out" || { echo "FAIL: files differ from the source"; exit 1; }
rm "$work/disk.img"
mkfs.fat -C -S 4096 -s 1 -F "$type" "$work/disk.img" "$size" >/dev/null
"$fattest" random "$work/disk.img" "$work/host" "$seed" "$ops" -s4096
fsck.fat -n "$work/disk.img" >"$work/fsck.log" 2>&1 || { cat "$work/fsck.log"; echo "FAIL: fsck.fat -n finds errors"; exit 1; }
(shopt -s dotglob; MTOOLS_SKIP_CHECK=1 mcopy -s -n -i "$work/disk.img" '::*' "$work/mtools/")
diff -r "$work/host" "$work/mtools" || { echo "FAIL: mtools reads a different tree"; exit 1; }
echo "FAT$type with 4096-byte sectors: read as mdir does, $ops random operations clean"
