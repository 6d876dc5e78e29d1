#!/usr/bin/env bash
# tools/mkdisk: a bare filesystem image (--no-mbr) of each FAT type reads back as its source,
# the partition table of an MBR image is what the options say, and bad options are refused.
#   mkdisk.sh FATTEST MKDISK
set -eu -o pipefail
fattest=$1 mkdisk=$2
for t in mkfs.fat mcopy; do
    command -v $t >/dev/null || { echo "skip: $t not installed (dosfstools, mtools)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/src/sub"
echo one >"$work/src/one.txt"
echo "a longer name" >"$work/src/sub/A longer name.txt"
for ts in 12:2 16:32 32:40; do
    t=${ts%:*}
    rm -rf "$work/out" && mkdir "$work/out"
    offset=$("$mkdisk" -t "$t" -c 1 -s "${ts#*:}" -d "$work/src" --no-mbr "$work/bare.img")
    [ "$offset" = 0 ] || { echo "FAIL: --no-mbr offset $offset"; exit 1; }
    "$fattest" extract "$work/bare.img" "$work/out"
    diff -r "$work/src" "$work/out" || { echo "FAIL: FAT$t bare image differs"; exit 1; }
done
# the partition entry: type 0x0C, LBA 2048, 40 MiB - 1 MiB of sectors, and the signature
"$mkdisk" -t 32 -c 1 -s 40 "$work/mbr.img" >/dev/null
entry=$(od -An -tx1 -j446 -N16 "$work/mbr.img" | tr -d ' \n')
sig=$(od -An -tx1 -j510 -N2 "$work/mbr.img" | tr -d ' \n')
if [ "$entry" != "00feffff0cfeffff0008000000380100" ] || [ "$sig" != 55aa ]; then
    echo "FAIL: partition entry $entry, signature $sig"
    exit 1
fi
for bad in "-t 13" "-s x" "-d $work/nonexistent" "-q"; do
    # shellcheck disable=SC2086
    if "$mkdisk" $bad "$work/bad.img" >/dev/null 2>"$work/err"; then
        echo "FAIL: mkdisk $bad succeeded"
        exit 1
    fi
    grep -q "error\|usage" "$work/err" || { echo "FAIL: mkdisk $bad: no message"; exit 1; }
done
echo "mkdisk: bare images of each type read back, the MBR entry is right, bad options refused"
