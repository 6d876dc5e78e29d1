/* The generic timer's physical counter and its frequency, readable at EL0 on the Microkit
 * kernels (EXPORT_PCNT_USER). The isb keeps the read from moving across the code measured. */
#pragma once

#include <stdint.h>

static inline uint64_t counter_now(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v)::"memory");
    return v;
}

static inline uint64_t counter_hz(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}
