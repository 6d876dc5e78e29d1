/*
 * seL4_DebugAssert: checks made by generated code on debug configurations (unless NDEBUG).
 * A failure calls __assert_fail, which the C library (or sel4c's runtime) provides. As
 * with libsel4, seL4_Assert and seL4_Fail come with it unless NDEBUG.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>

#ifndef NDEBUG
#include <sel4/assert.h>
#endif

#if defined(CONFIG_DEBUG_BUILD) && !defined(NDEBUG)
SEL4C_C_LINKAGE void __assert_fail(const char *str, const char *file, int line,
                                   const char *function);
#define seL4_DebugAssert(expr)                                                                     \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#else
#define seL4_DebugAssert(expr) ((void)0)
#endif
