#!/usr/bin/env bash
# Builds tests/system/libsel4/program.c with HEADERS (libsel4: the real install's; sel4c:
# ours; sel4c-c++: ours, the program compiled as C++17 by the cross g++), the test's own
# start-up and sel4c's libsel4.a, checks that the link used nothing
# but those, and boots it as the root task of configuration CONFIG's real kernel.
# (libsel4 marks its boot info functions deprecated; the program uses them all the same.)
# Skips (77) without the install.
#   program.sh HEADERS CONFIG PREFIX CC "CFLAGS" "SEL4C_INCLUDES" LIBSEL4_A ADD_PAYLOAD LOADER QEMU_RUN
set -eu
headers=$1 config=$2 prefix=$3 cc=$4 cflags=$5 sel4c=$6 lib=$7
shift 7
if [ ! -f "$prefix/bin/kernel.elf" ] || [ ! -d "$prefix/libsel4/include" ]; then
    echo "no seL4 install for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
includes=$sel4c
[ "$headers" = libsel4 ] && includes="-I$prefix/libsel4/include"
dir=tests/system/libsel4
program=$dir/program.c
if [ "$headers" = sel4c-c++ ]; then
    # shellcheck disable=SC2086
    ${cc%gcc}g++ -std=c++17 -ffreestanding -fno-exceptions -fno-rtti -O2 -Wall -Wextra -Werror \
        $includes -x c++ -c $dir/program.c -o "$work/program.o"
    program=$work/program.o
fi
# shellcheck disable=SC2086
$cc $cflags -fno-tree-loop-distribute-patterns -Wno-deprecated-declarations $includes -nostdlib \
    -static -Wl,--build-id=none -Wl,-Map="$work/map" $dir/crt0.S $dir/start.c "$program" "$lib" \
    -lgcc -o "$work/program.elf"
# libsel4.a gave the program libsel4's state (-nostdlib: nothing but it and libgcc came in)
grep -qF "$lib(ipc_buffer.o)" "$work/map" || { echo "libsel4.a's IPC buffer pointer was not linked"; exit 1; }
echo "built with $headers headers and $lib"
tests/system/root-task.sh "$config" "$prefix" "$work/program.elf" "$@" \
    --pass "libsel4-program: all passed" --fail "libsel4-program: FAIL"
