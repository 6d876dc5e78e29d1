#!/usr/bin/env bash
# Fills DIR with the files the storage tests put on a FAT partition: several sizes (empty,
# under a sector, around a cluster, some MiB), nested directories, long and short names.
# Prints each file's path below DIR (with a leading /), its size and CRC-32, sorted by path:
#   make_tree.sh DIR [BIG_MIB]
set -eu
dir=$1 big=${2:-3}
mkdir -p "$dir/Long Directory Name/second level dir/third" "$dir/SHORT"
python3 - "$dir" "$big" <<'PY'
import os, sys, zlib
d, big = sys.argv[1], int(sys.argv[2])
def put(path, n, seed):
    data = bytes((i * seed + (i >> 8) + seed) & 255 for i in range(n))
    with open(os.path.join(d, path), "wb") as f:
        f.write(data)
put("empty.txt", 0, 1)
put(".hidden", 10, 19)
put("README.TXT", 300, 3)
put("SHORT/ONE.BIN", 4096, 5)
put("Long Directory Name/a file with a long name.dat", 4097, 7)
put("Long Directory Name/second level dir/cluster-plus-one.bin", 32769, 11)
put("Long Directory Name/second level dir/third/deep file in the tree.bin", 123457, 13)
put("big file of several MiB.bin", big * 1048576 + 513, 17)
for root, _, files in os.walk(d):
    pass
rows = []
for root, _, files in os.walk(d):
    for f in files:
        p = os.path.join(root, f)
        rows.append(("/" + os.path.relpath(p, d), os.path.getsize(p),
                     zlib.crc32(open(p, "rb").read()) & 0xffffffff))
for p, n, c in sorted(rows):
    print("%s\t%d\t%08x" % (p, n, c))
PY
