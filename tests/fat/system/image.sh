#!/usr/bin/env bash
# The disk image fat_pd.elf carries: an MBR and a FAT12 partition holding the files whose
# contents fat_pd.c expects.   image.sh MKDISK OUT.img
set -eu -o pipefail
mkdisk=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/src/Sub Directory"
printf 'hello from a FAT volume\n' >"$work/src/hello.txt"
printf 'a file with a long name in a subdirectory\n' >"$work/src/Sub Directory/A long file name.text"
"$mkdisk" -t 12 -c 1 -s 2 -d "$work/src" "$out" >/dev/null
