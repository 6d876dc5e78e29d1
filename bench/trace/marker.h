/*
 * Marker functions for bench/trace/count.awk: a call to one is an instruction at a known
 * address (the function's symbol) in QEMU's execution log, so the log can be cut into the
 * windows a benchmark measures. SEL4C_TRACE_MARKER(name) defines `void name(void)`, never
 * inlined or merged with another, and kept even when unused.
 */
#ifndef SEL4C_TRACE_MARKER_H
#define SEL4C_TRACE_MARKER_H

#define SEL4C_TRACE_MARKER(name)                                                                   \
    __attribute__((noinline, noipa, used)) void name(void)                                         \
    {                                                                                              \
        __asm__ volatile("" ::: "memory");                                                         \
    }

#endif
