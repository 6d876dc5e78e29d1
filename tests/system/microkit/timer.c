/*
 * A timer driver on the EL1 physical timer (timer.system): its interrupt is PPI 30, which
 * seL4 leaves to user level on kernels with EXPORT_PTMR_USER (the kernel itself uses the
 * hypervisor timer there). It ticks every millisecond; each tick acknowledges the IRQ with
 * microkit_deferred_irq_ack (done by the event loop's next receive), every 5th tick stops
 * the timer and tells the client with microkit_deferred_notify instead, acknowledging the
 * IRQ directly. The client asks for the next round by notifying back; it PP-calls for the
 * tick count. Prints nothing unless something fails.
 */
#include <stdint.h>

#include <microkit.h>

#define IRQ    0
#define CLIENT 1
#define TICKS  5

static unsigned ticks;

static void arm(void)
{
    /* the kernel's configured frequency: CNTFRQ_EL0 is not readable at EL0 unless the
     * counter is exported too */
    __asm__ volatile("msr cntp_tval_el0, %0" ::"r"((uint64_t)CONFIG_TIMER_FREQUENCY / 1000));
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(1ul)); /* enabled, not masked */
}

static void stop(void)
{
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(0ul));
}

void init(void)
{
    arm();
}

void notified(microkit_channel ch)
{
    if (ch == CLIENT) {
        arm();
        return;
    }
    if (ch != IRQ) {
        microkit_dbg_puts("timer: FAIL notified on channel ");
        microkit_dbg_put32(ch);
        microkit_dbg_putc('\n');
        return;
    }
    if (++ticks % TICKS) {
        arm(); /* rearming clears the level-triggered interrupt */
        microkit_deferred_irq_ack(IRQ);
        return;
    }
    stop();
    microkit_irq_ack(IRQ);
    microkit_deferred_notify(CLIENT);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    (void)msginfo;
    microkit_mr_set(0, ticks);
    return microkit_msginfo_new(0, 1);
}
