#!/usr/bin/env bash
# make install for configuration CONFIG gives one include directory that is a drop-in for
# libsel4's (the libsel4 client and the test program compile with it alone, as C and C++)
# and a libsel4.a the program links with.
#   install.sh CONFIG CROSS_PREFIX
set -eu
config=$1 cross=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make -s --no-print-directory install SEL4_CONFIG="$config" PREFIX="$work" >/dev/null
inc=$work/$config/include lib=$work/$config/lib/libsel4.a
[ -f "$lib" ] || { echo "make install did not install libsel4.a"; exit 1; }
flags=(-ffreestanding -O2 -Wall -Werror -I"$inc")
"${cross}gcc" -std=gnu11 "${flags[@]}" -Wextra -c tests/compile/libsel4_client.c -o "$work/client.o"
# (as C++ without -Wextra: the client itself zero-initialises structs with {0})
"${cross}g++" -std=c++17 "${flags[@]}" -x c++ -c tests/compile/libsel4_client.c -o "$work/client-cxx.o"
d=tests/system/libsel4
"${cross}gcc" -std=gnu11 "${flags[@]}" -fno-tree-loop-distribute-patterns -nostdlib -static \
    $d/crt0.S $d/start.c $d/program.c "$lib" -lgcc -o "$work/program.elf"
echo "$config: installed headers ($(find "$inc" -name '*.h' | wc -l)) and libsel4.a build and link a libsel4 client"
