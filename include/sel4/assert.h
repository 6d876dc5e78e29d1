/* seL4_Assert and seL4_Fail: assertions of libsel4 code, reported through __assert_fail. */
#pragma once

#include <sel4/debug_assert.h>

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *function);

#define seL4_Fail(msg) __assert_fail(msg, __FILE__, __LINE__, __func__)
#ifdef NDEBUG
#define seL4_Assert(expr) ((void)0)
#else
#define seL4_Assert(expr) ((expr) ? (void)0 : seL4_Fail(#expr))
#endif
#define seL4_CompileTimeAssert(expr) _Static_assert(expr, #expr)
