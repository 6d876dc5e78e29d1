#!/usr/bin/env bash
# shmem-placed.system: a region whose physical address a PD asks for, without a phys_addr, is
# placed by sel4c-sysbuild. The system must boot (the initializer creates the region's frame
# at that address) and the address the writer was given must be the one the report names.
#   placed.sh OUT BOOT-ARGS...   (OUT: boot.sh's output directory, also in BOOT-ARGS)
set -u
out=$1
shift
tests/system/microkit/boot.sh "$@"
rc=$?
[ $rc -eq 0 ] || exit $rc
given=$(sed -nE 's/.*shm_writer: paddr (0x[0-9a-f]+).*/\1/p' "$out/console" | head -n 1)
placed=$(sed -nE 's/^  buf +0x1000 bytes in 4 KiB pages, physical \[(0x[0-9a-f]+), .*chosen at build time.*/\1/p' \
    "$out/report.txt")
echo "writer was given $given; the report places buf at $placed"
[ -n "$given" ] && [ "$given" = "$placed" ] || { echo "FAIL: the addresses differ"; exit 1; }
