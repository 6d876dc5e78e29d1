#!/usr/bin/env bash
# fattest ioerr on a fresh image: for every N, a device that fails each write after the first
# N; only IO errors (and what they explain) come back, and the mounted volume's view stays the
# disk's.   ioerr.sh FATTEST MKDISK TYPE SPC SIZE_MIB
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5
command -v mkfs.fat >/dev/null || { echo "skip: mkfs.fat not installed (dosfstools)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mkdisk" -t "$type" -c "$spc" -s "$size" "$work/disk.img" >/dev/null
"$fattest" ioerr "$work/disk.img" 1 -p
