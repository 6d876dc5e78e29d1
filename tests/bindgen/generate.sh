#!/usr/bin/env bash
# sel4c-bindgen on a configuration's interface files: every header is produced, the output
# is deterministic, and the configuration is reflected where it must be.
set -eu
bindgen=$1
include=$2
config=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bindgen" -I "$include" -o "$work/a"
"$bindgen" -I "$include" -o "$work/b"
diff -r "$work/a" "$work/b" >/dev/null || { echo "output differs between two runs"; exit 1; }
for f in kernel/gen_config.h sel4/gen_config.h sel4/shared_types_gen.h sel4/sel4_arch/types_gen.h \
    sel4/syscall.h sel4/invocation.h sel4/sel4_arch/invocation.h sel4/arch/invocation.h \
    sel4c/gen/cap_types.h sel4c/gen/invocations.h interfaces/sel4_client.h; do
    [ -s "$work/a/$f" ] || { echo "missing $f"; exit 1; }
done
grep -q 'seL4_MessageInfo_new' "$work/a/sel4/shared_types_gen.h"
grep -q 'seL4_Fault_VMFault_new' "$work/a/sel4/sel4_arch/types_gen.h"
grep -q 'seL4_SysCall = -1,' "$work/a/sel4/syscall.h"
grep -q '^seL4_Untyped_Retype(' "$work/a/interfaces/sel4_client.h"
grep -q '    UntypedRetype,' "$work/a/sel4/invocation.h"
# MCS or not, as the configuration records it
mcs=no
grep -q '"KERNEL_MCS": true' "$include/kernel/gen_config.json" && mcs=yes
case $mcs in
yes)
    grep -q 'seL4_SysWait = ' "$work/a/sel4/syscall.h"
    grep -q '^#define CONFIG_KERNEL_MCS  1$' "$work/a/kernel/gen_config.h"
    grep -q '^seL4_SchedControl_ConfigureFlags(' "$work/a/interfaces/sel4_client.h"
    ! grep -q 'seL4_TCB_SetSchedParams(seL4_TCB _service, seL4_TCB authority, seL4_Word mcp, seL4_Word priority)$' \
        "$work/a/interfaces/sel4_client.h"
    ;;
*)
    ! grep -q 'seL4_SysWait' "$work/a/sel4/syscall.h"
    grep -q '^/\* disabled: CONFIG_KERNEL_MCS \*/$' "$work/a/kernel/gen_config.h"
    ! grep -q 'SchedControl' "$work/a/interfaces/sel4_client.h"
    ;;
esac
echo "generated $(cat "$work"/a/*/*.h "$work"/a/*/*/*.h | wc -l) lines for $config"
