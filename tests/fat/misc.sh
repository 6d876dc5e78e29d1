#!/usr/bin/env bash
# fattest misc on a fresh image (error codes, times, read-only mounts, a full volume, a full
# root directory), then fsck.fat -n finds nothing to fix.   misc.sh FATTEST MKDISK TYPE SPC MIB
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5
for t in mkfs.fat fsck.fat; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
offset=$("$mkdisk" -t "$type" -c "$spc" -s "$size" "$work/disk.img")
"$fattest" misc "$work/disk.img" -p
dd if="$work/disk.img" of="$work/part.img" bs=512 skip=$((offset / 512)) status=none
fsck.fat -n "$work/part.img" || { echo "FAIL: fsck.fat -n finds errors"; exit 1; }
