/*
 * seL4_DebugAssert: checks made by generated code on debug configurations (unless NDEBUG).
 * A failure calls __assert_fail, which the C library (or sel4c's runtime) provides.
 */
#pragma once

#include <sel4/config.h>

#if defined(CONFIG_DEBUG_BUILD) && !defined(NDEBUG)
void __assert_fail(const char *expr, const char *file, unsigned int line, const char *function);
#define seL4_DebugAssert(expr)                                                                     \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#else
#define seL4_DebugAssert(expr) ((void)0)
#endif
