/*
 * The EL1 physical counter and timer of the ARM generic timer, used from EL0. seL4 opens
 * them to EL0 (CNTKCTL_EL1.EL0PCTEN, EL0PTEN) with EXPORT_PCNT_USER and EXPORT_PTMR_USER;
 * CNTFRQ_EL0 is readable at EL0 whenever the counter is. System register accesses need no
 * memory barrier; the isb after a write makes the new compare value or control take effect
 * before the driver goes on (and so before it acknowledges the interrupt).
 */
#include <sel4c/drivers/timer.h>
#include <sel4c/generic_counter.h>

#define NS_PER_S 1000000000u

static uint64_t freq;

uint64_t sel4c_generic_timer_frequency(void)
{
    if (!freq)
        freq = sel4c_generic_counter_frequency();
    return freq;
}

uint64_t sel4c_generic_timer_now(void)
{
    return sel4c_generic_counter_ns();
}

void sel4c_generic_timer_set(uint64_t deadline)
{
    /* rounded up, so that the interrupt never comes before the deadline */
    unsigned __int128 f = sel4c_generic_timer_frequency();
    unsigned __int128 ticks = ((unsigned __int128)deadline * f + NS_PER_S - 1) / NS_PER_S;
    uint64_t cval = ticks > UINT64_MAX ? UINT64_MAX : (uint64_t)ticks;
    __asm__ volatile("msr cntp_cval_el0, %0" ::"r"(cval));
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(UINT64_C(1))); /* enabled, unmasked */
}

void sel4c_generic_timer_stop(void)
{
    __asm__ volatile("msr cntp_ctl_el0, %0; isb" ::"r"(UINT64_C(0)));
}
