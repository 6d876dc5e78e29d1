#!/usr/bin/env bash
# The ELF library's unit test (under sanitizers) on built-in images and on a real ELF, then
# readelf on the image it wrote: binutils must accept it without a warning.
#   elf.sh TEST_ELF REAL.elf READELF
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$1" "$2" "$work/out.elf"
"$3" -a -W "$work/out.elf" >"$work/readelf.txt" 2>&1
if grep -E '^(readelf: )?(Warning|Error)' "$work/readelf.txt"; then
    echo "readelf complains about the written image"
    exit 1
fi
grep -q 'LOOS+0x534c001' "$work/readelf.txt" || { echo "the sel4c program header is missing"; exit 1; }
echo "readelf accepts the written image"
