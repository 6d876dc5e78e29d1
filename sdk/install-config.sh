#!/bin/sh
# Installs one configuration of the SDK (make install; docs/sdk.md describes the layout):
#   DEST/include  one include directory laid out as libsel4 installs it (the architecture's
#                 headers merged into sel4/arch, sel4/sel4_arch and sel4/mode), with sel4c's
#                 headers, microkit.h and the kernel configuration (kernel/, sel4/gen_config.*)
#   DEST/lib      the target libraries and their linker scripts
#   DEST/elf      the kernel loader, the CapDL initializer and the monitor (sysbuild's --sdk)
#   DEST/sel4c-config.mk  the compiler flags of this configuration, for share/sel4c/sel4c.mk
# and PCDIR/sel4c-NAME.pc, sel4c-process-NAME.pc, sel4c-microkit-NAME.pc.
#
#   install-config.sh NAME DEST PCDIR TOP GENERATED CONFIG_INCLUDE "ARCH_INCLUDES" "CFLAGS"
#                     CROSS_COMPILE VERSION -- LIB... -- ELF...
# GENERATED is build/<config>/include; CONFIG_INCLUDE the interface files it came from.
# Installs into a fresh directory next to DEST, then renames it: no half-installed DEST.
set -eu
name=$1 dest=$2 pcdir=$3 top=$4 gen=$5 cfg=$6 arch_includes=$7 cflags=$8 cross=$9
shift 9
version=$1
shift 2 # VERSION --
libs=
while [ "$1" != -- ]; do libs="$libs $1"; shift; done
shift
elfs=$*

tmp=$dest.tmp.$$
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$tmp/include" "$tmp/lib" "$tmp/elf" "$tmp/pkgconfig" "$pcdir"

# Headers: generic, then each architecture directory merged in, then the generated ones.
(cd "$top/include" && tar cf - --exclude=./arch .) | (cd "$tmp/include" && tar xf -)
for a in $arch_includes; do
    dup=$(cd "$top/include/arch/$a" && find . -type f | while read -r f; do
        if [ -e "$tmp/include/$f" ]; then echo "$f"; fi; done)
    if [ -n "$dup" ]; then
        echo "install: error: include/arch/$a would overwrite $dup" >&2
        exit 2
    fi
    cp -R "$top/include/arch/$a/." "$tmp/include/"
done
cp -R "$gen/." "$tmp/include/"
rm -f "$tmp/include/.stamp"
cp "$cfg/kernel/gen_config.json" "$tmp/include/kernel/"
cp "$cfg/sel4/gen_config.json" "$tmp/include/sel4/"

for f in $libs; do cp "$f" "$tmp/lib/"; done
for f in $elfs; do cp "$f" "$tmp/elf/"; done
chmod -R u+w,go-w "$tmp"

cat >"$tmp/sel4c-config.mk" <<MK
# sel4c $version, configuration $name: written by make install, read by share/sel4c/sel4c.mk.
SEL4C_CROSS_COMPILE ?= $cross
SEL4C_ARCH_CFLAGS := $cflags
MK

# pkg-config files: the prefix is found from the file's own place, so the install can move.
pc() { # file description cflags libs
    cat >"$tmp/pkgconfig/$1.pc" <<PC
prefix=\${pcfiledir}/../..
sdk=\${prefix}/$name
Name: $1
Description: $2
Version: $version
Cflags: $cflags -ffreestanding --specs=picolibc.specs -I\${sdk}/include
Libs: -nostartfiles -static -Wl,--build-id=sha1 $4
PC
}
rt_link='-Wl,--whole-archive ${sdk}/lib/libsel4c_runtime.a -Wl,--no-whole-archive ${sdk}/lib/libsel4.a'
pc "sel4c-$name" "sel4c root task, seL4 configuration $name" "" \
    "-T \${sdk}/lib/runtime.ld $rt_link"
pc "sel4c-process-$name" "sel4c process started by a CapDL system, seL4 configuration $name" "" \
    "-T \${sdk}/lib/runtime.ld -Wl,-e,_sel4c_process_start -Wl,--defsym=__sel4c_heap_size=0x4000 -Wl,--defsym=__sel4c_stack_size=0x4000 $rt_link"
pc "sel4c-microkit-$name" "sel4c Microkit protection domain (libmicrokit API), seL4 configuration $name" "" \
    "-T \${sdk}/lib/microkit.ld -L\${sdk}/lib -lmicrokit"

mv "$tmp"/pkgconfig/*.pc "$pcdir/"
rmdir "$tmp/pkgconfig"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
