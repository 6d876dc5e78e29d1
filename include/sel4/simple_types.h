/* Fixed-width integers, booleans and the machine word, without depending on a C library. */
#pragma once

#include <sel4/macros.h>
#include <sel4/arch/simple_types.h>

/* Asserts that an integer type has the expected size (libsel4's name). */
#define seL4_integer_size_assert(_type_, _size_)                                                   \
    SEL4_COMPILE_ASSERT(sizeof_##_type_##_is_##_size_##_byte, sizeof(_type_) == _size_)

/* The C type under each width; signed and unsigned variants are made from it. */
#define _seL4_int8_type  char
#define _seL4_int16_type short int
#define _seL4_int32_type int
#if defined(SEL4_INT64_IS_LONG)
#define _seL4_int64_type long int
#define _seL4_int64_fmt  l /* printf length modifier */
#else
#define _seL4_int64_type long long int
#define _seL4_int64_fmt  ll
#endif

typedef signed _seL4_int8_type seL4_Int8;
typedef unsigned _seL4_int8_type seL4_Uint8;
typedef signed _seL4_int16_type seL4_Int16;
typedef unsigned _seL4_int16_type seL4_Uint16;
typedef signed _seL4_int32_type seL4_Int32;
typedef unsigned _seL4_int32_type seL4_Uint32;
typedef signed _seL4_int64_type seL4_Int64;
typedef unsigned _seL4_int64_type seL4_Uint64;

/* printf formats: "%" SEL4_PRIx64; the length modifier glued to the conversion. */
#define _macro_str_concat_helper2(x)    #x
#define _macro_str_concat_helper1(x, y) _macro_str_concat_helper2(x##y)
#define _macro_str_concat(x, y)         _macro_str_concat_helper1(x, y)
#define SEL4_PRId64                     _macro_str_concat(_seL4_int64_fmt, d)
#define SEL4_PRIi64                     _macro_str_concat(_seL4_int64_fmt, i)
#define SEL4_PRIu64                     _macro_str_concat(_seL4_int64_fmt, u)
#define SEL4_PRIx64                     _macro_str_concat(_seL4_int64_fmt, x)

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
#define SEL4_PRId_word _macro_str_concat(_seL4_word_fmt, d)
#define SEL4_PRIi_word _macro_str_concat(_seL4_word_fmt, i)
#define SEL4_PRIu_word _macro_str_concat(_seL4_word_fmt, u)
#define SEL4_PRIx_word _macro_str_concat(_seL4_word_fmt, x)
#define SEL4_PRI_word  SEL4_PRIu_word

/* A capability pointer: an address in the caller's CSpace. */
typedef seL4_Word seL4_CPtr;

#include <sel4/sel4_arch/constants.h>

/* Each assertion carries its own semicolon. */
/* clang-format off */
seL4_integer_size_assert(seL4_Int8, 1)
seL4_integer_size_assert(seL4_Uint8, 1)
seL4_integer_size_assert(seL4_Int16, 2)
seL4_integer_size_assert(seL4_Uint16, 2)
seL4_integer_size_assert(seL4_Int32, 4)
seL4_integer_size_assert(seL4_Uint32, 4)
seL4_integer_size_assert(seL4_Int64, 8)
seL4_integer_size_assert(seL4_Uint64, 8)
