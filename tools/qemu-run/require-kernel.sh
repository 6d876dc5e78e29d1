# Sourced by make run's scripts: stops with what to do when there is no seL4 kernel.
#   require_kernel PREFIX CONFIG
require_kernel() {
    [ -f "$1/bin/kernel.elf" ] && return 0
    cat >&2 <<MSG
make run: no seL4 kernel at $1/bin/kernel.elf.
sel4c builds everything else; the kernel comes from your seL4 build. Either
  - point at an install:   make run SEL4_PREFIX=/path/to/seL4/install
  - or install one per configuration under SEL4_INSTALLS (default /opt/sel4), e.g.
    /opt/sel4/$2, built with the settings of ../shared/sel4/$2/libsel4/include/kernel/gen_config.json
    and sel4/gen_config.json (qemu-arm-virt, AArch64, cortex-a53, debug, 2 GiB), installed
    with CMAKE_INSTALL_PREFIX.
MSG
    exit 2
}
