#!/usr/bin/env bash
# The kernel loader in QEMU with a test kernel of our own (test_kernel.c) that checks what
# it was handed and exits QEMU through semihosting with status 0 only if all was right.
#   loader.sh CASE ADD_PAYLOAD LOADER TEST_KERNEL USER_ELF SHARED QEMU_RUN [GO_FIRMWARE]
# CASE: el1-on-el1 | el1-on-el2 | el2 | smp-hvc | smp-smc, and cases the loader must refuse:
# el2-on-el1 (a hypervisor kernel entered at EL1), bad-magic (a damaged payload header),
# no-payload (the loader as built, with nothing appended), smc-on-el1 and hvc-on-el2 (the
# device tree of the other machine, whose PSCI conduit cannot work here).
# Binary images (--format binary): bin-at-link (QEMU -kernel places it by its Image header
# where the loader is linked: nothing moves but the payload), bin-smp-elsewhere (loaded at
# 0x48000000: the loader moves itself, four cores), bin-up and bin-down (loaded across the
# kernel's destination, so that regions move up, resp. down, over their own and each
# other's bytes), bin-unaligned (the same as bin-up at an address that is not a multiple of
# 16: byte copies), bin-go-el1 and bin-go-el2 (entered from GO_FIRMWARE, which turns the MMU
# and caches on as U-Boot's go leaves them), and bin-over-loader (loaded over the loader's
# own place: refused). uboot-el1 and uboot-el2: a binary image booted by U-Boot for QEMU
# (Debian's u-boot-qemu; its distro boot takes QEMU's -kernel over fw_cfg and runs booti,
# which moves the image to where its Image header asks).
set -u
case_=$1 add_payload=$2 loader=$3 kernel=$4 user=$5 shared=$6 qemu_run=$7 firmware=${8:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

machine=virt smp=1 config=el1 platform=aarch64 expect=pass dtb_machine=
format=elf load= console=
case $case_ in
el1-on-el1) ;;
el1-on-el2) machine=virt,virtualization=on ;;
el2) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp ;;
smp-hvc) smp=4 config=smp ;;
smp-smc) machine=virt,virtualization=on smp=4 config=smp ;;
el2-on-el1) config=el2 platform=aarch64-mcs-hyp expect="must start at EL2" ;;
bad-magic) expect="bad payload magic" ;;
no-payload) expect="no payload" ;;
smc-on-el1) smp=4 config=smp dtb_machine=virt,virtualization=on
    expect="names PSCI over SMC, which is taken to EL3, but this CPU implements EL1 and not EL3" ;;
hvc-on-el2) machine=virt,virtualization=on smp=4 config=smp dtb_machine=virt,virtualization=off
    expect="names PSCI over HVC, which is taken to EL2, but the loader runs at EL2" ;;
bin-at-link) format=binary console="loaded at 0x70000000"$'\r' ;;
bin-smp-elsewhere) smp=4 config=smp format=binary load=0x48000000
    console="loaded at 0x48000000, moved to 0x70000000 where it is linked" ;;
bin-up) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp format=binary
    load=0x5ffeb000 ;;
bin-down) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp format=binary
    load=0x5fff0000 ;;
bin-unaligned) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp format=binary
    load=0x5ffeb004 console="is not a multiple of 16: the payload is copied byte by byte" ;;
bin-go-el1) format=binary load=go ;;
bin-go-el2) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp format=binary
    load=go ;;
bin-over-loader) format=binary load=0x6ffff000 expect="was loaded over where the loader runs" ;;
uboot-el1) format=binary load=uboot console="loaded at 0x70000000"$'\r' ;;
uboot-el2) machine=virt,virtualization=on config=el2 platform=aarch64-mcs-hyp format=binary
    load=uboot console="loaded at 0x70000000"$'\r' ;;
*) echo "unknown case $case_"; exit 2 ;;
esac

uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
if [ "$load" = uboot ] && [ ! -f "$uboot" ]; then
    echo "no U-Boot for QEMU at $uboot (Debian package u-boot-qemu)"
    exit 77
fi
qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "$smp" -nographic
      -monitor none -serial stdio)
"${qemu[@]}" -machine "${dtb_machine:-$machine}",dumpdtb="$work/virt.dtb" >/dev/null 2>&1 ||
    { echo "cannot dump the DTB"; exit 1; }
"$add_payload" --loader "$loader" --kernel "$kernel" --kernel-config \
    "tests/fixtures/loader/config-$config.json" --app "$user" --dtb "$work/virt.dtb" \
    --platform "$shared/sel4/$platform/support/platform_gen.yaml" --format $format \
    -o "$work/image.elf" >"$work/summary" || exit 1
cat "$work/summary"
# QEMU's tree is 1 MiB, mostly free space after its strings block: placed packed, it ends there
be32() { od -An -tu1 -j"$2" -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
strings_end=$(($(be32 "$work/virt.dtb" 12) + $(be32 "$work/virt.dtb" 32)))
placed=$(sed -nE 's/.*device tree at 0x[0-9a-f]+ \(([0-9]+) bytes\).*/\1/p' "$work/summary")
if [ "$placed" != "$strings_end" ]; then
    echo "FAILED: the device tree ($(stat -c %s "$work/virt.dtb") bytes, blocks end at" \
        "$strings_end) was placed with $placed bytes"
    exit 1
fi
case $case_ in
bad-magic) # damage the first byte of the payload header, found through its loadable segment
    addr=$(sed -E 's/.*payload at (0x[0-9a-f]+).*/\1/' "$work/summary")
    off=
    while read -r type o v _; do
        [ "$type" = LOAD ] && [ $((v)) -eq $((addr)) ] && off=$((o))
    done < <(aarch64-linux-gnu-readelf -lW "$work/image.elf")
    [ -n "$off" ] || { echo "no segment holds the payload header"; exit 1; }
    printf '\377' | dd of="$work/image.elf" bs=1 seek="$off" conv=notrunc status=none ;;
no-payload) cp "$loader" "$work/image.elf" ;;
esac

# how the image gets into memory: QEMU's -kernel (ELF, or binary by its Image header), at an
# address with a jump there, or through the go stand-in, which jumps to 0x48000000
case $load in
'') boot=(-kernel "$work/image.elf") ;;
go) boot=(-kernel "$firmware" -device loader,file="$work/image.elf",addr=0x48000000) ;;
uboot) boot=(-bios "$uboot" -kernel "$work/image.elf") ;;
*) boot=(-device loader,file="$work/image.elf",addr=$load -device loader,addr=$load,cpu-num=0) ;;
esac
if [ "$expect" = pass ]; then
    "$qemu_run" --timeout 30 --exit-status 0 --fail "test kernel: FAILED" \
        --fail "sel4c loader: error" --log "$work/console" -- "${qemu[@]}" \
        -semihosting-config enable=on,target=native "${boot[@]}"
    rc=$?
    cat "$work/console"
    [ $rc -eq 0 ] || exit 1
    if [ -n "$console" ] && ! grep -qF "$console" "$work/console"; then
        echo "FAILED: the console does not say \"$console\""
        exit 1
    fi
else
    # a refused boot: the loader says why and halts
    "$qemu_run" --timeout 30 --pass "sel4c loader: error: " --pass "$expect" \
        --pass "sel4c loader: halted" -- "${qemu[@]}" "${boot[@]}"
fi
