# Sourced by the boot scripts: the QEMU command line for a seL4 install's kernel, and that
# machine's device tree.
#   qemu_machine PREFIX WORKDIR [MACHINE CORES]
# sets the array `qemu` (without -kernel) and dumps the machine's tree to WORKDIR/machine.dtb.
# The machine and the core count come from the kernel's configuration unless given.
qemu_machine() {
    local prefix=$1 work=$2 machine=virt cores
    local config=$prefix/libsel4/include/kernel/gen_config.json
    grep -q '"ARM_HYPERVISOR_SUPPORT": true' "$config" && machine=virt,virtualization=on
    cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$config")
    if [ $# -ge 4 ]; then
        machine=$3 cores=$4
    fi
    qemu=(qemu-system-aarch64 -machine "$machine" -cpu cortex-a53 -m 2G -smp "${cores:-1}"
          -nographic -monitor none -serial stdio)
    "${qemu[@]}" -machine dumpdtb="$work/machine.dtb" >/dev/null 2>&1
}
