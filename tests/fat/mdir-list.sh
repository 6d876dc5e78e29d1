#!/usr/bin/env bash
# Lists a FAT image with mtools' mdir in fattest's format ("D /path", "F /path size"), for
# comparison with our reader.   mdir-list.sh IMG OFFSET
# An entry line is "SHORT EXT  SIZE|<DIR> YYYY-MM-DD  HH:MM  [long name]"; short names may hold
# multi-byte characters, so the line is split around its date, not by columns.
set -eu -o pipefail
MTOOLS_SKIP_CHECK=1 mdir -/ -a -i "$1@@$2" ::/ | awk '
    /^Directory for ::/ { dir = substr($0, 17); sub(/\/$/, "", dir); next }
    match($0, / [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]  [ 0-9][0-9]:[0-9][0-9]/) {
        pre = substr($0, 1, RSTART - 1)
        name = substr($0, RSTART + RLENGTH + 2)
        n = split(pre, f, " ")
        size = f[n]
        if (name == "") name = n == 3 ? f[1] "." f[2] : f[1]
        if (name == "." || name == "..") next
        if (size == "<DIR>") print "D " dir "/" name
        else print "F " dir "/" name " " size
    }'
