#!/usr/bin/env bash
# An SMP kernel booted with its install's own device tree on the machine whose PSCI conduit
# is the other one (an "hvc" tree on virt,virtualization=on, where the loader runs at EL2;
# an "smc" tree on plain virt, which has no EL2 or EL3): the loader must refuse before it
# starts a core, naming the conduit and what to do, instead of taking an exception.
#   loader-wrong-dtb.sh CONFIG PREFIX ROOTTASK ADD_PAYLOAD LOADER QEMU_RUN
set -u
config=$1 prefix=$2 roottask=$3 add_payload=$4 loader=$5 qemu_run=$6
if [ ! -f "$prefix/bin/kernel.elf" ]; then
    echo "no seL4 kernel for $config at $prefix (build one, or set SEL4_INSTALLS)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
method=$(dtc -q -I dtb -O dts "$prefix/support/kernel.dtb" |
    sed -nE '/psci/,/}/ s/.*method = "([a-z]+)".*/\1/p' | head -n 1)
case $method in
hvc) machine=virt,virtualization=on expect="names PSCI over HVC, which is taken to EL2, but the loader runs at EL2" ;;
smc) machine=virt expect="names PSCI over SMC, which is taken to EL3, but this CPU implements EL1 and not EL3" ;;
*) echo "FAILED: $prefix/support/kernel.dtb names no PSCI method ('$method')"; exit 1 ;;
esac
cores=$(sed -nE 's/.*"MAX_NUM_NODES": "([0-9]+)".*/\1/p' "$prefix/libsel4/include/kernel/gen_config.json")
"$add_payload" --loader "$loader" --sel4-prefix "$prefix" --app "$roottask" -o "$work/image.elf" ||
    exit 1
echo "the install's tree says $method; booting on -machine $machine"
"$qemu_run" --timeout 30 --pass "sel4c loader: error: the device tree $expect" \
    --pass "use the device tree of the machine being booted" --pass "sel4c loader: halted" \
    --fail "started $cores cores" --fail "unexpected exception" -- qemu-system-aarch64 \
    -machine "$machine" -cpu cortex-a53 -m 2G -smp "$cores" -nographic -monitor none \
    -serial stdio -kernel "$work/image.elf"
