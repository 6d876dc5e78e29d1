/*
 * Copies entries in and out of a queue. picolibc's memcpy (as built for small size) moves one
 * byte per iteration; entries are usually whole 8-byte words at 8-byte aligned addresses, so
 * those go a word at a time. may_alias: the words overlay whatever types the caller's entries
 * have.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias)) q_word_t;

static inline void q_copy(void *dst, const void *src, size_t n)
{
    if ((((uintptr_t)dst | (uintptr_t)src | n) & 7) == 0) {
        q_word_t *d = dst;
        const q_word_t *s = src;
        for (size_t i = 0; i < n / 8; i++)
            d[i] = s[i];
        return;
    }
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
}
