#!/bin/sh
# Microkit components (tests/compile/microkit/*.c, using only <microkit.h>) compile with
# Microkit's own flags and link two ways: as Microkit project Makefiles do, with plain ld,
# -L<libdir> -lmicrokit -Tmicrokit.ld and nothing else; and with sel4c's make rules
# (PD_LDFLAGS, microkit_link). Each image is then checked: entry _start, the symbols the
# system builder patches present with libmicrokit's sizes and file contents (also a
# component's own setvar variable), the stack and IPC buffer constants of the configuration,
# _start at 0x200000 as with libmicrokit.
#
#   microkit_link.sh CONFIG LIBDIR CC "INCLUDES" "MAKE_CFLAGS PD_LDFLAGS" "MICROKIT_LINK" CROSS OUT
set -u
config=$1 libdir=$2 cc=$3 includes=$4 make_flags=$5 make_link=$6 cross=$7 out=$8
src=$(dirname "$0")/microkit
mkdir -p "$out"
fail=0
say() { echo "microkit-link-$config: $*"; }
bad() { say "FAIL: $*"; fail=1; }

# Microkit's example Makefiles: CFLAGS and the link line
mk_cflags="-mcpu=cortex-a53 -mstrict-align -nostdlib -ffreestanding -g -O3 -Wall -Wno-unused-function -Werror"

# seL4_UserTop of the configuration, from its headers
user_top=$(printf '#include <sel4/sel4.h>\nUSER_TOP seL4_UserTop\n' |
    $cc $includes -E -P -x c - | sed -n 's/^USER_TOP //p')
[ -n "$user_top" ] || { say "cannot read seL4_UserTop"; exit 1; }
ipc_expected=$(printf '%x' $((user_top & ~0xfff)))
stack_expected=$(printf "%x" $(((user_top & ~0xfff) - 0x1000)))

# The 8-byte little-endian word at symbol $2 of image $1, in hex without leading zeros
word_at() {
    addr=$(${cross}nm "$1" | awk -v s="$2" '$3 == s { print $1 }')
    [ -n "$addr" ] || return 1
    start=$((0x$addr))
    ${cross}objdump -s --start-address=$start --stop-address=$((start + 8)) "$1" |
        awk '/^ [0-9a-f]+ / { print $2 $3 }' | head -1 |
        sed 's/\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)/\8\7\6\5\4\3\2\1/' |
        sed 's/^0*//'
}

check_image() { # image
    img=$1
    entry=$(${cross}readelf -h "$img" | awk '/Entry point/ { print $4 }')
    start=$(${cross}nm "$img" | awk '$3 == "_start" { print "0x" $1 }')
    [ -n "$start" ] && [ $((entry)) -eq $((start)) ] || bad "$img: entry $entry is not _start ($start)"
    # libmicrokit's _start is at 0x200000, which parents restarting a child may rely on
    [ $((entry)) -eq $((0x200000)) ] || bad "$img: entry $entry, not 0x200000"
    ${cross}objdump -d --start-address=$((start)) --stop-address=$((start + 16)) "$img" |
        grep -q 'mov[[:space:]]*sp, x0' || bad "$img: _start does not set sp"
    for s in microkit_name:64 microkit_passive:1 microkit_irqs:8 microkit_notifications:8 \
        microkit_pps:8 microkit_ioports:8 sel4c_heap_vaddr:8 sel4c_heap_size:8 \
        sel4c_microkit_children:8; do
        name=${s%:*} size=${s#*:}
        line=$(${cross}readelf -sW "$img" | awk -v n="$name" '$8 == n && $7 != "UND"')
        [ -n "$line" ] || { bad "$img: no symbol $name"; continue; }
        got=$(echo "$line" | awk '{ print $3 }')
        [ "$got" -eq "$size" ] || bad "$img: $name is $got bytes, not $size"
        ndx=$(echo "$line" | awk '{ print $7 }')
        type=$(${cross}readelf -SW "$img" | sed 's/^ *\[ *\([0-9]*\)\]/\1/' |
            awk -v i="$ndx" '$1 == i { print $3 }')
        [ "$type" = PROGBITS ] || bad "$img: $name is in a $type section, not file contents"
    done
    got=$(word_at "$img" sel4c_microkit_stack_top)
    [ "$got" = "$stack_expected" ] || bad "$img: stack top 0x$got, expected 0x$stack_expected"
    got=$(word_at "$img" sel4c_microkit_ipc_buffer)
    [ "$got" = "$ipc_expected" ] || bad "$img: IPC buffer 0x$got, expected 0x$ipc_expected"
}

for c in hello driver; do
    obj=$out/$c.o
    $cc $mk_cflags $includes -c "$src/$c.c" -o "$obj" || { bad "$c.c does not compile"; continue; }
    # 1. as Microkit's Makefiles link: objects, then the library and the script through -L
    ${cross}ld -L"$libdir" "$obj" -lmicrokit -Tmicrokit.ld -o "$out/$c-ld.elf" ||
        { bad "$c: plain ld link failed"; continue; }
    check_image "$out/$c-ld.elf"
    # 2. sel4c's make rules
    $cc $make_flags -Wno-unused-parameter "$src/$c.c" $make_link -o "$out/$c-make.elf" ||
        { bad "$c: link with PD_LDFLAGS failed"; continue; }
    check_image "$out/$c-make.elf"
done
# with NDEBUG (no reports) the header still compiles cleanly under -Wextra
$cc $mk_cflags -Wextra -DNDEBUG $includes -c "$src/driver.c" -o "$out/driver-ndebug.o" ||
    bad "driver.c does not compile with -DNDEBUG -Wextra"
[ $fail -eq 0 ] || exit 1
# a setvar variable of a component (zero-initialised, so .bss) has file contents to patch
ndx=$(${cross}readelf -sW "$out/driver-ld.elf" | awk '$8 == "shared_vaddr" { print $7 }')
type=$(${cross}readelf -SW "$out/driver-ld.elf" | sed 's/^ *\[ *\([0-9]*\)\]/\1/' |
    awk -v i="$ndx" '$1 == i { print $3 }')
[ "$type" = PROGBITS ] || bad "driver: setvar variable shared_vaddr has no file contents ($type)"
# the make-rule link carries a build id for sel4c-symbolize
${cross}readelf -n "$out/hello-make.elf" | grep -q 'Build ID' || bad "hello-make.elf: no build id"

[ $fail -eq 0 ] && say "PASS (stack top 0x$stack_expected, IPC buffer 0x$ipc_expected)"
exit $fail
