#!/usr/bin/env bash
# make run: builds examples/hello-microkit with sel4c-sysbuild for a real seL4 kernel and
# boots it in QEMU, showing its console.
#   run.sh PREFIX CONFIG PD-DIR SYSBUILD SDK QEMU_RUN
set -eu
prefix=$1 config=$2 pds=$3 sysbuild=$4 sdk=$5 qemu_run=$6
here=$(dirname "$0")
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    cat >&2 <<MSG
make run: no seL4 kernel at $prefix/bin/kernel.elf.
sel4c builds everything else; the kernel comes from your seL4 build. Either
  - point at an install:   make run SEL4_PREFIX=/path/to/seL4/install
  - or install one per configuration under SEL4_INSTALLS (default /opt/sel4), e.g.
    /opt/sel4/$config, built with the settings of ../shared/sel4/$config/libsel4/include/kernel/gen_config.json
    and sel4/gen_config.json (qemu-arm-virt, AArch64, cortex-a53, debug, 2 GiB), installed
    with CMAKE_INSTALL_PREFIX.
MSG
    exit 2
fi
echo "make run: hello-microkit on $prefix (stops when the client is done)"
exec "$here/../../tools/qemu-run/boot-system.sh" "$prefix" "$here/hello.system" "$sysbuild" \
    "$sdk" "$qemu_run" --search-path "$pds" -- --timeout 60 --pass "hello-microkit: done" \
    --fail "sel4c monitor:" --fail "sel4c: panic"
