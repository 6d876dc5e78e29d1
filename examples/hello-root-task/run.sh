#!/usr/bin/env bash
# make run: boots hello-root-task on a real seL4 kernel in QEMU and shows its console.
#   run.sh PREFIX ADD_PAYLOAD LOADER HELLO QEMU_RUN
set -eu
prefix=$1 add_payload=$2 loader=$3 hello=$4 qemu_run=$5
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
echo "make run: hello-root-task on $prefix (stops when the root task exits)"
exec "$(dirname "$0")/../../tools/qemu-run/boot-sel4.sh" "$prefix" "$hello" "$add_payload" \
    "$loader" "$qemu_run" -- --timeout 60 --pass "sel4c: exit(0)" --fail "sel4c: panic" \
    --fail "sel4c: abort"
