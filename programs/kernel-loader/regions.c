/* Byte-exact copy and zeroing of payload regions over the arch's 16-byte bulk routines. */
#include "loader.h"

void region_zero(uint64_t dest, uint64_t size)
{
    volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)dest;
    while (size && ((uintptr_t)d & 15)) {
        *d++ = 0;
        size--;
    }
    arch_zero((void *)d, size & ~15ull);
    d += size & ~15ull;
    for (size &= 15; size; size--)
        *d++ = 0;
}

void region_copy(uint64_t dest, uint64_t src, uint64_t size)
{
    volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)dest;
    const volatile uint8_t *s = (const volatile uint8_t *)(uintptr_t)src;
    if (d == s)
        return;
    /* the bulk routine needs both aligned alike; the tool aligns regions to pages */
    if (((uintptr_t)d & 15) != ((uintptr_t)s & 15)) {
        for (; size; size--)
            *d++ = *s++;
        return;
    }
    while (size && ((uintptr_t)d & 15)) {
        *d++ = *s++;
        size--;
    }
    arch_copy((void *)d, (const void *)s, size & ~15ull);
    d += size & ~15ull;
    s += size & ~15ull;
    for (size &= 15; size; size--)
        *d++ = *s++;
}
