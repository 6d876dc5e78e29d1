#!/usr/bin/env bash
# Boots a real seL4 kernel through the sel4c loader with the minimal root task, on a given
# machine and core count, and checks the console: the kernel's "Booting all finished" then
# the root task's greeting. The device tree is that of the very machine booted.
#   loader-boot.sh CONFIG MACHINE CORES PREFIX ROOTTASK ADD_PAYLOAD LOADER QEMU_RUN [LOAD]
# LOAD: absent, the ELF image through QEMU -kernel; "image", the binary image through QEMU
# -kernel (its arm64 Image header); "uboot", the binary image through U-Boot for QEMU (its
# distro boot runs booti on QEMU's -kernel); an address, the binary image loaded there and
# jumped to.
set -u
config=$1 machine=$2 cores=$3 prefix=$4 roottask=$5 add_payload=$6 loader=$7 qemu_run=$8
load=${9:-}
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
sentinels=(--timeout 60 --pass "Booting all finished, dropped to user space"
           --pass "sel4c root task: hello, node 0 of $cores" --fail "sel4c loader: error"
           --fail "seL4 called fail" --fail "Caught cap fault" --fail "sel4c root task: error")
uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
if [ "$load" = uboot ] && [ ! -f "$uboot" ]; then
    echo "no U-Boot for QEMU at $uboot (Debian package u-boot-qemu)"
    exit 77
fi
if [ -z "$load" ]; then
    exec tools/qemu-run/boot-sel4.sh "$prefix" "$roottask" "$add_payload" "$loader" "$qemu_run" \
        "$machine" "$cores" -- "${sentinels[@]}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "$cores" -nographic
      -monitor none -serial stdio)
"${qemu[@]}" -machine dumpdtb="$work/machine.dtb" >/dev/null 2>&1
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/machine.dtb" \
    --app "$roottask" --format binary -o "$work/image.bin" || exit 1
if [ "$load" = image ] || [ "$load" = uboot ]; then
    boot=(-kernel "$work/image.bin")
    sentinels+=(--pass "loaded at 0x70000000"$'\r')
    [ "$load" = uboot ] && boot+=(-bios "$uboot") && sentinels+=(--pass "Starting kernel")
else
    boot=(-device loader,file="$work/image.bin",addr="$load" -device loader,addr="$load",cpu-num=0)
    sentinels+=(--pass "loaded at $load, moved to")
fi
echo "booting on: ${qemu[*]} ${boot[*]}"
"$qemu_run" "${sentinels[@]}" -- "${qemu[@]}" "${boot[@]}"
