#!/usr/bin/env bash
# Seeds for fuzz/fat: small FAT12 images filled by mcopy, and the first 64 KiB (everything but
# most file data) of FAT16 and FAT32 images.   fuzz-seeds.sh OUTDIR
set -eu -o pipefail
out=$1
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/src/sub dir"
echo hello >"$work/src/hello.txt"
echo "a long name" >"$work/src/A file with a long name.text"
head -c 3000 /dev/zero | tr '\0' x >"$work/src/sub dir/three thousand"
: >"$work/src/EMPTY"
mkfs.fat -C -F 12 "$out/fat12.img" 64 >/dev/null
MTOOLS_SKIP_CHECK=1 mcopy -s -i "$out/fat12.img" "$work/src"/* ::/
for t in 16:3 32:34; do
    mkfs.fat -C -F "${t%:*}" -s 1 "$work/fat.img" $((${t#*:} * 1024)) >/dev/null
    MTOOLS_SKIP_CHECK=1 mcopy -s -i "$work/fat.img" "$work/src"/* ::/
    head -c 65536 "$work/fat.img" >"$out/fat${t%:*}.img"
    rm "$work/fat.img"
done
