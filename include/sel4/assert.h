/*
 * seL4_Assert and seL4_Fail: assertions of libsel4 code, reported through __assert_fail
 * (declared as the C library declares it, so both headers may be included). seL4_Assert
 * checks always, as libsel4's does; seL4_DebugAssert only on debug configurations.
 */
#pragma once

#include <sel4/macros.h>
#include <sel4/debug_assert.h>

SEL4C_C_LINKAGE void __assert_fail(const char *str, const char *file, int line,
                                   const char *function);

#define seL4_Fail(s)                 __assert_fail(s, __FILE__, __LINE__, __func__)
#define seL4_Assert(expr)            ((expr) ? (void)0 : seL4_Fail(#expr))
#define seL4_CompileTimeAssert(expr) SEL4_COMPILE_ASSERT(seL4_CompileTimeAssert, expr)
