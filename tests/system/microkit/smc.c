/*
 * An SMC call through libmicrokit's microkit_arm_smc_call (kernels with ALLOW_SMC_CALLS):
 * PSCI_VERSION, which QEMU's virt machine answers itself when its PSCI conduit is SMC (as
 * with virtualization=on). Success: "smc: PASS PSCI version <major>.<minor>" with major >= 1.
 */
#include <microkit.h>
#include <stdio.h>

#define PSCI_VERSION 0x84000000u

void init(void)
{
#ifdef CONFIG_ALLOW_SMC_CALLS
    seL4_ARM_SMCContext args = {.x0 = PSCI_VERSION}, response = {0};
    microkit_arm_smc_call(&args, &response);
    unsigned major = (unsigned)(response.x0 >> 16) & 0x7fff, minor = response.x0 & 0xffff;
    printf("smc: %s PSCI version %u.%u\n", major >= 1 ? "PASS" : "FAIL", major, minor);
#else
    printf("smc: FAIL this kernel makes no SMC calls (ALLOW_SMC_CALLS)\n");
#endif
}

void notified(microkit_channel ch)
{
    (void)ch;
}
