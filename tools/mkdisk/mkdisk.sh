#!/usr/bin/env bash
# Builds a disk image with an MBR partition table and one FAT partition, filled from a
# directory, with dosfstools and mtools.
#
#   mkdisk.sh [-t 12|16|32] [-c SECTORS_PER_CLUSTER] [-s SIZE_MIB] [-d DIR] [--no-mbr] OUT.img
#
# The partition starts at 1 MiB and fills the disk; its type byte says the FAT type (0x01,
# 0x06, 0x0C). --no-mbr makes a bare filesystem image instead. Prints the partition's byte
# offset (0 with --no-mbr), which mtools takes as `-i OUT.img@@OFFSET`.
set -eu -o pipefail
usage() {
    echo "usage: mkdisk.sh [-t 12|16|32] [-c SECTORS_PER_CLUSTER] [-s SIZE_MIB] [-d DIR] [--no-mbr] OUT.img" >&2
    exit 2
}
type=32 spc="" size=64 dir="" mbr=1 out=""
while [ $# -gt 0 ]; do
    case $1 in
    -t) type=$2; shift 2 ;;
    -c) spc=$2; shift 2 ;;
    -s) size=$2; shift 2 ;;
    -d) dir=$2; shift 2 ;;
    --no-mbr) mbr=0; shift ;;
    -*) usage ;;
    *) [ -z "$out" ] || usage; out=$1; shift ;;
    esac
done
[ -n "$out" ] || usage
case $type in 12) ptype=01 ;; 16) ptype=06 ;; 32) ptype=0c ;; *) echo "mkdisk.sh: error: FAT type $type is not 12, 16 or 32" >&2; exit 2 ;; esac
case $size in '' | *[!0-9]*) echo "mkdisk.sh: error: size '$size' is not a number of MiB" >&2; exit 2 ;; esac
[ -z "$dir" ] || [ -d "$dir" ] || { echo "mkdisk.sh: error: $dir is not a directory" >&2; exit 2; }
for tool in mkfs.fat mcopy; do
    command -v $tool >/dev/null || { echo "mkdisk.sh: error: $tool not found (Debian packages dosfstools, mtools)" >&2; exit 2; }
done

disk_sectors=$((size * 2048))
if [ $mbr = 1 ]; then start=2048; else start=0; fi
part_sectors=$((disk_sectors - start))
[ $part_sectors -gt 0 ] || { echo "mkdisk.sh: error: $size MiB leaves no room for a partition" >&2; exit 2; }

part=$(mktemp)
trap 'rm -f "$part"' EXIT
rm -f "$part"
# mkfs.fat -C takes the size in KiB
mkfs.fat -C -F "$type" ${spc:+-s "$spc"} -n SEL4C "$part" $((part_sectors / 2)) >/dev/null
if [ $mbr = 1 ]; then
    truncate -s 0 "$out"
    truncate -s $((disk_sectors * 512)) "$out"
    le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
    # one entry: not bootable, CHS fields saying "use LBA", type, first sector, sector count
    entry="\\x00\\xfe\\xff\\xff\\x$ptype\\xfe\\xff\\xff$(le32 $start)$(le32 $part_sectors)"
    printf '%b' "$entry" | dd of="$out" bs=1 seek=446 conv=notrunc status=none
    printf '\x55\xaa' | dd of="$out" bs=1 seek=510 conv=notrunc status=none
    dd if="$part" of="$out" bs=1M seek=1 conv=notrunc status=none
else
    mv "$part" "$out"
fi
offset=$((start * 512))
if [ -n "$dir" ]; then
    # every entry of the directory, dot files included, in one copy
    shopt -s dotglob nullglob
    entries=("$dir"/*)
    # mtools checks geometry against its own idea of a disk; the image's boot sector is ours
    [ ${#entries[@]} = 0 ] || MTOOLS_SKIP_CHECK=1 mcopy -s -Q -i "$out@@$offset" "${entries[@]}" ::/
fi
echo $offset
