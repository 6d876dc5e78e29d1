/*
 * A minimal timer service for the event loop's system test (not a driver: sel4c's timer
 * driver lives with the drivers). It speaks <sel4c/protocol/timer.h> on the EL1 physical
 * timer (PPI 30, exported to user level on aarch64-microkit kernels) for one client: up to
 * MAX deadlines, the earliest programmed into CNTP_CVAL; when the interrupt comes, the
 * client is notified if any deadline has passed. Prints nothing unless something fails.
 */
#include <stdint.h>

#include <microkit.h>
#include <sel4c/protocol/timer.h>

#define IRQ    0
#define CLIENT 1
#define MAX    8
#define FREQ   ((uint64_t)CONFIG_TIMER_FREQUENCY)
#define NS     UINT64_C(1000000000)

static uint64_t deadlines[MAX]; /* in counter ticks */
static unsigned count;

static uint64_t ticks_now(void)
{
    uint64_t c;
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(c));
    return c;
}

static uint64_t ns_of(uint64_t ticks)
{
    return ticks / FREQ * NS + ticks % FREQ * NS / FREQ;
}

/* rounded up, so that the deadline is never early */
static uint64_t ticks_of(uint64_t ns)
{
    return ns / NS * FREQ + (ns % NS * FREQ + NS - 1) / NS;
}

static void program(void)
{
    if (!count) {
        __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(0ul));
        return;
    }
    uint64_t first = deadlines[0];
    for (unsigned i = 1; i < count; i++)
        if (deadlines[i] < first)
            first = deadlines[i];
    __asm__ volatile("msr cntp_cval_el0, %0" ::"r"(first));
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(1ul)); /* enabled, not masked */
}

void init(void)
{
    program();
}

void notified(microkit_channel ch)
{
    if (ch != IRQ) {
        microkit_dbg_puts("timer_server: FAIL notified on channel ");
        microkit_dbg_put32(ch);
        microkit_dbg_putc('\n');
        return;
    }
    uint64_t now = ticks_now();
    unsigned passed = 0;
    for (unsigned i = 0; i < count;) {
        if (deadlines[i] <= now) {
            deadlines[i] = deadlines[--count];
            passed++;
        } else {
            i++;
        }
    }
    program(); /* moves or disables the comparison: the level-triggered line drops */
    microkit_irq_ack(IRQ);
    if (passed)
        microkit_notify(CLIENT);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    if (ch != CLIENT)
        return microkit_msginfo_new(SEL4C_TIMER_ERROR, 0);
    switch (microkit_msginfo_get_label(msginfo)) {
    case SEL4C_TIMER_GET_TIME:
        microkit_mr_set(0, ns_of(ticks_now()));
        return microkit_msginfo_new(0, 1);
    case SEL4C_TIMER_SET_TIMEOUT:
        if (count == MAX || microkit_msginfo_get_count(msginfo) < 1)
            return microkit_msginfo_new(SEL4C_TIMER_ERROR, 0);
        deadlines[count++] = ticks_now() + ticks_of(microkit_mr_get(0));
        program();
        return microkit_msginfo_new(0, 0);
    default: return microkit_msginfo_new(SEL4C_TIMER_ERROR, 0);
    }
}
