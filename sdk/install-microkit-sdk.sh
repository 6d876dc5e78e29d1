#!/bin/sh
# Lays out one configuration of the installed SDK as a Microkit SDK does, so Microkit projects
# build with MICROKIT_SDK pointing here (make install-microkit-sdk; docs/sdk.md):
#   MSDK/bin/microkit, MSDK/bin/sel4c-sysbuild
#   MSDK/board/BOARD/CONFIG/include   the configuration's one include directory (microkit.h,
#                                     kernel/gen_config.h as Microkit's Makefiles read it)
#   MSDK/board/BOARD/CONFIG/lib       libmicrokit.a, microkit.ld (and sel4c's other libraries)
#   MSDK/board/BOARD/CONFIG/elf       the loader, CapDL initializer and monitor; sel4.elf
#   MSDK/board/BOARD/CONFIG/sel4      the seL4 install the kernel comes from (its kernel,
#                                     gen_config.json files and platform description)
# BOARD and CONFIG are Microkit's names, from the kernel's own configuration: qemu_virt_aarch64
# for qemu-arm-virt on AArch64 (else the platform's name), and debug, release or benchmark,
# smp- before it on multicore kernels.
#   install-microkit-sdk.sh CONFIG-DIR KERNEL-PREFIX MSDK SYSBUILD MICROKIT VERSION
set -eu
cfgdir=$1 kernel=$2 msdk=$3 sysbuild=$4 microkit=$5 version=$6
json=$kernel/libsel4/include/kernel/gen_config.json
[ -f "$kernel/bin/kernel.elf" ] && [ -f "$json" ] ||
    { echo "install-microkit-sdk: error: no seL4 install at $kernel" >&2; exit 2; }
setting() { sed -nE "s/^ *\"$1\": *\"?([^\",]*)\"?,? *\$/\\1/p" "$json"; }
plat=$(setting PLAT) arch=$(setting SEL4_ARCH)
board=$(echo "$plat" | tr - _)
[ "$plat-$arch" = qemu-arm-virt-aarch64 ] && board=qemu_virt_aarch64
config=release
[ "$(setting DEBUG_BUILD)" = true ] && config=debug
[ "$(setting ENABLE_BENCHMARKS)" = true ] && config=benchmark
[ "$(setting MAX_NUM_NODES)" != 1 ] && config=smp-$config

dest=$msdk/board/$board/$config
tmp=$dest.tmp.$$
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$tmp/sel4/bin" "$tmp/sel4/libsel4/include" "$msdk/bin"
cp -R "$cfgdir/include" "$cfgdir/lib" "$cfgdir/elf" "$tmp/"
cp "$kernel/bin/kernel.elf" "$tmp/sel4/bin/"
cp "$kernel/bin/kernel.elf" "$tmp/elf/sel4.elf"
cp -R "$kernel/support" "$tmp/sel4/"
(cd "$kernel/libsel4/include" && find . -name gen_config.json) | while read -r f; do
    mkdir -p "$tmp/sel4/libsel4/include/$(dirname "$f")"
    cp "$kernel/libsel4/include/$f" "$tmp/sel4/libsel4/include/$f"
done
sed "s/@VERSION@/$version/" "$microkit" >"$msdk/bin/microkit.tmp"
chmod 755 "$msdk/bin/microkit.tmp"
mv "$msdk/bin/microkit.tmp" "$msdk/bin/microkit"
install -m 755 "$sysbuild" "$msdk/bin/"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
echo "$dest"
