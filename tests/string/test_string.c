/*
 * The runtime's memcpy, memmove and memset (lib/runtime/arch/aarch64/string.S) under
 * qemu-aarch64, against byte-at-a-time references: every length 0..300 (and some larger)
 * at every source and destination alignment 0..15, overlapping moves in both directions at
 * every distance, and the bytes around each destination untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The functions under test, by other names so that the C library's stay out of the way. */
void *sel4c_test_memcpy(void *dst, const void *src, size_t n);
void *sel4c_test_memmove(void *dst, const void *src, size_t n);
void *sel4c_test_memset(void *dst, int c, size_t n);

#define SIZE  1200
#define GUARD 0xa5

static unsigned char src[SIZE], dst[SIZE], want[SIZE];
static unsigned long failures;

static void fill(unsigned char *b, unsigned seed)
{
    for (size_t i = 0; i < SIZE; i++)
        b[i] = (unsigned char)(i * 31 + seed * 7 + (i >> 8));
}

static void check(const char *what, size_t n, size_t s, size_t d)
{
    for (size_t i = 0; i < SIZE; i++)
        if (dst[i] != want[i]) {
            if (failures++ < 10)
                printf("FAIL %s n=%zu src+%zu dst+%zu: byte %zu is %02x, not %02x\n", what, n, s, d,
                       i, dst[i], want[i]);
            return;
        }
}

static void test_copy_and_set(size_t n)
{
    for (size_t s = 0; s < 16; s++)
        for (size_t d = 0; d < 16; d++) {
            fill(src, (unsigned)n);
            for (size_t i = 0; i < SIZE; i++)
                dst[i] = want[i] = GUARD;
            for (size_t i = 0; i < n; i++)
                want[64 + d + i] = src[s + i];
            if (sel4c_test_memcpy(dst + 64 + d, src + s, n) != dst + 64 + d)
                failures++;
            check("memcpy", n, s, d);
            for (size_t i = 0; i < SIZE; i++)
                dst[i] = want[i] = GUARD;
            for (size_t i = 0; i < n; i++)
                want[64 + d + i] = (unsigned char)(s * 17 + 1);
            if (sel4c_test_memset(dst + 64 + d, (int)(0x100 | (s * 17 + 1)), n) != dst + 64 + d)
                failures++;
            check("memset", n, s, d);
        }
}

/* Moves n bytes within one buffer from offset `from` to offset `to`. */
static void test_move(size_t n, size_t from, size_t to)
{
    fill(dst, (unsigned)(n + from));
    for (size_t i = 0; i < SIZE; i++)
        want[i] = dst[i];
    for (size_t i = 0; i < n; i++) /* the reference reads the original bytes */
        src[i] = dst[from + i];
    for (size_t i = 0; i < n; i++)
        want[to + i] = src[i];
    if (sel4c_test_memmove(dst + to, dst + from, n) != dst + to)
        failures++;
    check(to > from ? "memmove up" : "memmove down", n, from, to);
}

int main(void)
{
    static const size_t big[] = {511, 512, 513, 777, 1000};
    for (size_t n = 0; n <= 300; n++)
        test_copy_and_set(n);
    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
        test_copy_and_set(big[i]);
    for (size_t n = 0; n <= 200; n += (n < 70 ? 1 : 13))
        for (size_t dist = 0; dist <= 80; dist++) {
            test_move(n, 100, 100 + dist);
            test_move(n, 100 + dist, 100);
            test_move(n, 100 + dist + 3, 100 + 1);
        }
    if (failures) {
        printf("string: %lu failures\n", failures);
        return 1;
    }
    printf("string: memcpy, memmove, memset: all checks passed\n");
    return 0;
}
