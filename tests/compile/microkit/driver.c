/*
 * An sDDF-style device driver component, written against libmicrokit only: a timer that
 * acknowledges its IRQ and signals its client in the event loop's next receive, serves the
 * client's PP calls, and has its register and buffer addresses set by the builder (setvar).
 */
#include <stdint.h>

#include <microkit.h>

#define IRQ_CH    0
#define CLIENT_CH 1
#define GET_TIME  0
#define SET_TIME  1

uintptr_t timer_regs;   /* setvar_vaddr of the device's registers */
uintptr_t shared_vaddr; /* setvar_vaddr of a region shared with the client */
uint64_t shared_paddr;  /* setvar region_paddr, for DMA */

static uint64_t ticks;
static uint64_t timeout;

void init(void)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": driver ready\n");
}

void notified(microkit_channel ch)
{
    if (ch != IRQ_CH) {
        microkit_dbg_puts("driver: unexpected channel ");
        microkit_dbg_put32(ch);
        microkit_dbg_putc('\n');
        return;
    }
    ticks++;
    if (ticks >= timeout)
        microkit_deferred_notify(CLIENT_CH);
    microkit_deferred_irq_ack(IRQ_CH);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    switch (microkit_msginfo_get_label(msginfo)) {
    case GET_TIME: microkit_mr_set(0, ticks); return microkit_msginfo_new(0, 1);
    case SET_TIME:
        if (microkit_msginfo_get_count(msginfo) != 1)
            break;
        timeout = ticks + microkit_mr_get(0);
        return microkit_msginfo_new(0, 0);
    }
    microkit_dbg_puts("driver: bad request on channel ");
    microkit_dbg_put8((seL4_Uint8)ch);
    microkit_dbg_putc('\n');
    return microkit_msginfo_new(1, 0);
}

/* Children and the other calls, to compile every part of the API */
seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)msginfo;
    (void)reply_msginfo;
    microkit_pd_restart(child, 0x200000);
    microkit_pd_stop(child);
    microkit_pd_resume(child);
    microkit_notify(CLIENT_CH);
    microkit_irq_ack(IRQ_CH);
    microkit_ppcall(CLIENT_CH, microkit_msginfo_new(GET_TIME, 0));
    *(volatile seL4_CPtr *)shared_vaddr = microkit_cspace_root_slot_to_cptr(1);
#if defined(CONFIG_ARM_HYPERVISOR_SUPPORT)
    microkit_vcpu_restart(0, 0x80000000);
    microkit_vcpu_stop(0);
    microkit_vcpu_arm_inject_irq(0, 27, 0, 1, 0);
    microkit_vcpu_arm_ack_vppi(0, 27);
    microkit_vcpu_arm_write_reg(0, seL4_VCPUReg_SCTLR, microkit_vcpu_arm_read_reg(0, 0));
#endif
#if defined(CONFIG_ALLOW_SMC_CALLS)
    seL4_ARM_SMCContext args = {0}, response;
    microkit_arm_smc_call(&args, &response);
#endif
    return seL4_False;
}
