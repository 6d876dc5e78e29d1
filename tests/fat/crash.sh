#!/usr/bin/env bash
# Crash consistency (fattest crash): a workload's sector writes cut after k of them, for up to
# MAXCUTS values of k; fsck.fat -a repairs each cut so that fsck.fat -n is clean, and every
# file flushed before the cut is intact.   crash.sh FATTEST MKDISK TYPE SPC SIZE_MIB SEED MAXCUTS
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5 seed=$6 maxcuts=$7
for t in mkfs.fat fsck.fat; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$mkdisk" -t "$type" -c "$spc" -s "$size" "$work/disk.img" >/dev/null
TMPDIR=$work "$fattest" crash "$work/disk.img" "$seed" "$maxcuts" -p
