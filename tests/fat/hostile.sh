#!/usr/bin/env bash
# Corrupted variants of an mcopy-filled image (bad BPB fields, looping and stray cluster chains,
# impossible sizes, long names that do not match) each give CORRUPT or NOT_FAT with the reason
# the test expects, under ASan and UBSan.   hostile.sh FATTEST MKDISK TYPE SPC SIZE_MIB
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5
for t in mkfs.fat mcopy; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
"$fattest" tree "$work/src" 3
"$mkdisk" -t "$type" -c "$spc" -s "$size" -d "$work/src" "$work/disk.img" >/dev/null
"$fattest" hostile "$work/disk.img" -p
