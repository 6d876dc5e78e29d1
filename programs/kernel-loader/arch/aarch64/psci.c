/*
 * Whether the PSCI conduit a device tree names can reach the firmware from where the loader
 * runs. An SMC is taken to EL3 and an HVC to EL2; otherwise the instruction is undefined or
 * traps to the loader itself, and the boot ends in an unexpected exception. The target level
 * must be above the loader's and must exist: implemented (ID_AA64PFR0_EL1), or the level
 * just above the highest implemented one, where an emulator's built-in firmware answers
 * (QEMU virt without secure=on: HVC on a CPU without EL2, SMC on one with EL2 but no EL3).
 */
#include "../../loader.h"

#define PFR0_EL2_SHIFT 8
#define PFR0_EL3_SHIFT 12

void arch_check_psci_conduit(bool smc)
{
    uint64_t pfr0;
    __asm__("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
    bool el2 = (pfr0 >> PFR0_EL2_SHIFT) & 15, el3 = (pfr0 >> PFR0_EL3_SHIFT) & 15;
    unsigned highest = el3 ? 3 : el2 ? 2 : 1;
    unsigned target = smc ? 3 : 2, current = arch_current_el();
    bool implemented = smc ? el3 : el2;
    const char *name = smc ? "SMC" : "HVC";
    if (target <= current)
        loader_fail("the device tree names PSCI over %s, which is taken to EL%u, but the loader "
                    "runs at EL%u, so the call would come back to the loader: use the device "
                    "tree of the machine being booted (QEMU: dump it with the -machine options "
                    "you boot with; virtualization=on uses SMC)",
                    name, (uint64_t)target, (uint64_t)current);
    if (!implemented && highest + 1 != target)
        loader_fail("the device tree names PSCI over %s, which is taken to EL%u, but this CPU "
                    "implements EL%u and not EL%u (ID_AA64PFR0_EL1 %x), so %s is undefined "
                    "here: use the device tree of the machine being booted (QEMU: dump it with "
                    "the -machine options you boot with; plain virt uses HVC)",
                    name, (uint64_t)target, (uint64_t)highest, (uint64_t)target, pfr0, name);
}
