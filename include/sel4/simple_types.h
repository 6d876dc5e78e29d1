/* Fixed-width integers, booleans and the machine word, without depending on a C library. */
#pragma once

#include <sel4/macros.h>
#include <sel4/arch/simple_types.h>

typedef signed char seL4_Int8;
typedef unsigned char seL4_Uint8;
typedef signed short seL4_Int16;
typedef unsigned short seL4_Uint16;
typedef signed int seL4_Int32;
typedef unsigned int seL4_Uint32;
#if defined(SEL4_INT64_IS_LONG)
typedef signed long seL4_Int64;
typedef unsigned long seL4_Uint64;
#define _seL4_int64_fmt l
#else
typedef signed long long seL4_Int64;
typedef unsigned long long seL4_Uint64;
#define _seL4_int64_fmt ll
#endif
SEL4_COMPILE_ASSERT(seL4_Uint8_size, sizeof(seL4_Uint8) == 1)
SEL4_COMPILE_ASSERT(seL4_Uint16_size, sizeof(seL4_Uint16) == 2)
SEL4_COMPILE_ASSERT(seL4_Uint32_size, sizeof(seL4_Uint32) == 4)
SEL4_COMPILE_ASSERT(seL4_Uint64_size, sizeof(seL4_Uint64) == 8)

#define _seL4_str2(x)      #x
#define _seL4_str1(x, y)   _seL4_str2(x##y)
#define _seL4_concat(x, y) _seL4_str1(x, y)
#define SEL4_PRId64        _seL4_concat(_seL4_int64_fmt, d)
#define SEL4_PRIi64        _seL4_concat(_seL4_int64_fmt, i)
#define SEL4_PRIu64        _seL4_concat(_seL4_int64_fmt, u)
#define SEL4_PRIx64        _seL4_concat(_seL4_int64_fmt, x)

typedef seL4_Int8 seL4_Bool;
#define seL4_True  1
#define seL4_False 0
#ifdef __cplusplus
#define seL4_Null 0L
#else
#define seL4_Null ((void *)0)
#endif

#if defined(SEL4_WORD_IS_UINT32)
typedef seL4_Uint32 seL4_Word;
#define _seL4_word_fmt
#else
typedef seL4_Uint64 seL4_Word;
#define _seL4_word_fmt _seL4_int64_fmt
#endif
#define SEL4_PRId_word _seL4_concat(_seL4_word_fmt, d)
#define SEL4_PRIi_word _seL4_concat(_seL4_word_fmt, i)
#define SEL4_PRIu_word _seL4_concat(_seL4_word_fmt, u)
#define SEL4_PRIx_word _seL4_concat(_seL4_word_fmt, x)
#define SEL4_PRI_word  SEL4_PRIu_word

/* A capability pointer: an address in the caller's CSpace. */
typedef seL4_Word seL4_CPtr;

#include <sel4/sel4_arch/constants.h>
