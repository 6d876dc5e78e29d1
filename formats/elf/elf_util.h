/* Private helpers of the ELF library: the few byte operations it needs, without a libc. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

static inline void elf_copy(void *dst, const void *src, uint64_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
}

static inline void elf_zero(void *dst, uint64_t n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = 0;
}

static inline bool elf_str_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* [off, off + size) lies within [0, total), without overflowing. */
static inline bool elf_range_ok(uint64_t off, uint64_t size, uint64_t total)
{
    return off <= total && size <= total - off;
}

static inline bool elf_overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a_size && b_size && a < b + b_size && b < a + a_size;
}
