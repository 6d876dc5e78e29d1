/* Byte-exact copy, move and zeroing of payload regions over the arch's 16-byte bulk routines. */
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

/* Copies upwards, so it also moves down: dest <= src, or the ranges apart. */
void region_copy(uint64_t dest, uint64_t src, uint64_t size)
{
    volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)dest;
    const volatile uint8_t *s = (const volatile uint8_t *)(uintptr_t)src;
    if (d == s)
        return;
    /* the bulk routine needs both aligned alike; sel4c-add-payload makes them so */
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

/* Copies downwards from the ends: moves up, dest > src with the ranges overlapping. */
static void region_copy_down(uint64_t dest, uint64_t src, uint64_t size)
{
    volatile uint8_t *d = (volatile uint8_t *)(uintptr_t)(dest + size);
    const volatile uint8_t *s = (const volatile uint8_t *)(uintptr_t)(src + size);
    if (((uintptr_t)d & 15) != ((uintptr_t)s & 15)) {
        for (; size; size--)
            *--d = *--s;
        return;
    }
    while (size && ((uintptr_t)d & 15)) {
        *--d = *--s;
        size--;
    }
    d -= size & ~15ull;
    s -= size & ~15ull;
    arch_copy_down((void *)d, (const void *)s, size & ~15ull);
    for (size &= 15; size; size--)
        *--d = *--s;
}

void region_move(uint64_t dest, uint64_t src, uint64_t size)
{
    if (dest > src && dest < src + size)
        region_copy_down(dest, src, size);
    else
        region_copy(dest, src, size);
}
