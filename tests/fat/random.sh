#!/usr/bin/env bash
# A seeded random sequence of operations (create, append, overwrite, truncate, mkdir, rmdir,
# unlink, rename, remount) through our library, mirrored on a host directory: afterwards
# fsck.fat -n finds nothing to fix, and mtools and our reader both read back the host's tree.
#   random.sh FATTEST MKDISK TYPE SECTORS_PER_CLUSTER SIZE_MIB SEED OPERATIONS
set -eu -o pipefail
fattest=$1 mkdisk=$2 type=$3 spc=$4 size=$5 seed=$6 ops=$7
for t in mkfs.fat fsck.fat mcopy; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/host" "$work/mtools" "$work/ours" "$work/empty"
offset=$("$mkdisk" -t "$type" -c "$spc" -s "$size" "$work/disk.img")
"$fattest" random "$work/disk.img" "$work/host" "$seed" "$ops" -p
dd if="$work/disk.img" of="$work/part.img" bs=512 skip=$((offset / 512)) status=none
if ! fsck.fat -n "$work/part.img" >"$work/fsck.log" 2>&1; then
    cat "$work/fsck.log"
    echo "FAIL: seed $seed: fsck.fat -n finds errors after our writes"
    exit 1
fi
if [ -n "$(ls -A "$work/host")" ]; then
    MTOOLS_SKIP_CHECK=1 mcopy -s -n -i "$work/disk.img@@$offset" '::*' '::.*' "$work/mtools/" 2>/dev/null ||
        MTOOLS_SKIP_CHECK=1 mcopy -s -n -i "$work/disk.img@@$offset" '::*' "$work/mtools/"
fi
diff -r "$work/host" "$work/mtools" || { echo "FAIL: seed $seed: mtools reads a different tree"; exit 1; }
"$fattest" extract "$work/disk.img" "$work/ours" -p
diff -r "$work/host" "$work/ours" || { echo "FAIL: seed $seed: our reader reads a different tree"; exit 1; }
echo "FAT$type seed $seed: $ops operations; fsck.fat clean; mtools and our reader read the host's tree"
