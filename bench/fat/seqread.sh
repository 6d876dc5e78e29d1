#!/usr/bin/env bash
# bench/fat: sequential reads through lib/fat from images in memory (bench/fat/seqread.c), on
# FAT16 with 4 KiB clusters and FAT32 with 512-byte and 4 KiB clusters.   seqread.sh SEQREAD
set -eu -o pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # LABEL MKFS-ARGS... SIZE_KIB
    local label=$1
    shift
    mkfs.fat -C "$@" >/dev/null
    "$bin" "$work/img" "$label"
    rm -f "$work/img"
}
run "FAT16 4K clusters" -F 16 -s 8 "$work/img" $((100 * 1024))
run "FAT32 512B clusters" -F 32 -s 1 "$work/img" $((100 * 1024))
run "FAT32 4K clusters" -F 32 -s 8 "$work/img" $((300 * 1024))
