/*
 * The ARM generic timer's EL1 physical counter read at EL0, in nanoseconds: the time base of
 * sel4c's timer driver (drivers/timer) and, through sel4c_timer_use_counter, of its clients,
 * which then read the same nanoseconds without a call. seL4 lets EL0 read the counter with
 * EXPORT_PCNT_USER (CNTKCTL_EL1.EL0PCTEN); without it, the read traps.
 */
#ifndef SEL4C_GENERIC_COUNTER_H
#define SEL4C_GENERIC_COUNTER_H

#include <stdint.h>

/* The counter's ticks per second (CNTFRQ_EL0, readable whenever the counter is). */
static inline uint64_t sel4c_generic_counter_frequency(void)
{
    uint64_t freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    return freq;
}

/* Nanoseconds since the counter started, rounded down. */
static inline uint64_t sel4c_generic_counter_ns(void)
{
    uint64_t ticks;
    /* the isb keeps the read from being taken early, before earlier instructions */
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(ticks));
    return (uint64_t)((unsigned __int128)ticks * 1000000000u / sel4c_generic_counter_frequency());
}

#endif
