#!/usr/bin/env bash
# make run: boots hello-root-task on a real seL4 kernel in QEMU and shows its console.
#   run.sh PREFIX CONFIG ADD_PAYLOAD LOADER HELLO QEMU_RUN
set -eu
prefix=$1 config=$2 add_payload=$3 loader=$4 hello=$5 qemu_run=$6
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    cat >&2 <<MSG
make run: no seL4 kernel at $prefix/bin/kernel.elf.
sel4c builds everything else; the kernel comes from your seL4 build. Either
  - point at an install:   make run SEL4_PREFIX=/path/to/seL4/install
  - or install one per configuration under SEL4_INSTALLS (default /opt/sel4), e.g.
    /opt/sel4/aarch64, built with the settings of ../shared/sel4/aarch64/libsel4/include/kernel/gen_config.json
    (qemu-arm-virt, AArch64, cortex-a53, debug, 2 GiB) and installed with CMAKE_INSTALL_PREFIX.
MSG
    exit 2
fi
machine=virt cores=1
grep -q '"ARM_HYPERVISOR_SUPPORT": true' "$prefix/libsel4/include/kernel/gen_config.json" &&
    machine=virt,virtualization=on
cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$prefix/libsel4/include/kernel/gen_config.json")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "${cores:-1}" -nographic
      -monitor none -serial stdio)
"${qemu[@]}" -machine dumpdtb="$work/machine.dtb" >/dev/null 2>&1
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --dtb "$work/machine.dtb" \
    --app "$hello" -o "$work/image.elf"
echo "make run: booting $config on ${qemu[*]} (stops when the root task exits)"
"$qemu_run" --timeout 60 --pass "sel4c: exit(0)" --fail "sel4c: panic" --fail "sel4c: abort" \
    -- "${qemu[@]}" -kernel "$work/image.elf"
