/* Compiler attributes and helper macros of the libsel4 API. */
#pragma once

#include <sel4/config.h>

#ifndef CONST
#define CONST __attribute__((__const__))
#endif
#ifndef PURE
#define PURE __attribute__((__pure__))
#endif

#define SEL4_PACKED             __attribute__((packed))
#define SEL4_DEPRECATED(x)      __attribute__((deprecated(x)))
#define SEL4_DEPRECATE_MACRO(x) _Pragma("deprecated") x
#define LIBSEL4_UNUSED          __attribute__((unused))
#define LIBSEL4_WEAK            __attribute__((weak))
#define LIBSEL4_NOINLINE        __attribute__((noinline))

/* How invocations and helpers are emitted: inline by default, as the configuration says. */
#if defined(CONFIG_LIB_SEL4_INLINE_INVOCATIONS)
#define LIBSEL4_INLINE      static inline
#define LIBSEL4_INLINE_FUNC static inline
#elif defined(CONFIG_LIB_SEL4_PUBLIC_SYMBOLS)
#define LIBSEL4_INLINE      LIBSEL4_UNUSED LIBSEL4_WEAK
#define LIBSEL4_INLINE_FUNC LIBSEL4_UNUSED LIBSEL4_WEAK
#else
#define LIBSEL4_INLINE      LIBSEL4_NOINLINE LIBSEL4_UNUSED LIBSEL4_WEAK
#define LIBSEL4_INLINE_FUNC static inline
#endif

/* The IPC buffer pointer is thread-local unless the configuration says otherwise. */
#if defined(CONFIG_LIB_SEL4_USE_THREAD_LOCALS)
#define LIBSEL4_THREAD_LOCAL __thread
#else
#define LIBSEL4_THREAD_LOCAL
#endif

/* Declarations of symbols defined in C (libsel4.a, the C library): C linkage in C++ too. */
#ifdef __cplusplus
#define SEL4C_C_LINKAGE extern "C"
#else
#define SEL4C_C_LINKAGE extern
#endif

/* A file-scope assertion, in C and in C++. */
#ifdef __cplusplus
#define SEL4_COMPILE_ASSERT(name, expr) static_assert(expr, #name);
#else
#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name);
#endif
/* Checks that index bits plus entry-size bits make the object size. */
#define SEL4_SIZE_SANITY(index, entry, size)                                                       \
    SEL4_COMPILE_ASSERT(index##_##entry##_##size, (index) + (entry) == size)
/* A last enumerator that makes an enum as wide as a long, as the kernel's ABI assumes. */
#define SEL4_FORCE_LONG_ENUM(type)  _enum_pad_##type = ((1ULL << ((sizeof(long) * 8) - 1)) - 1)
#define LIBSEL4_BIT(n)              (1ul << (n))
#define SEL4_OFFSETOF(type, member) __builtin_offsetof(type, member)
