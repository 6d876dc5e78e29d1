/*
 * Host tests of the shared-memory accessors (lib/shmem/shmem.c) under ASan/UBSan: bounds
 * with overflowing offsets, alignment, orderings, physical addresses, volatile copies, and
 * snapshots against a peer thread that keeps rewriting the descriptor it hands over.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <sel4c/shmem.h>

#include "check.h"

static void bounds(void)
{
    /* malloc'd to the exact size: ASan catches any access past the end */
    unsigned char *mem = malloc(64);
    sel4c_shmem_t v;
    CHECK(sel4c_shmem_init_phys(&v, mem, 64, 0x40000000) == SEL4C_NO_ERROR);
    CHECK(sel4c_shmem_check(&v, 0, 64) == SEL4C_NO_ERROR);
    CHECK(sel4c_shmem_check(&v, 64, 0) == SEL4C_NO_ERROR);
    CHECK(sel4c_shmem_check(&v, 60, 8) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_check(&v, 65, 0) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_check(&v, SIZE_MAX, 2) == SEL4C_RANGE_ERROR); /* offset + size wraps */
    CHECK(sel4c_shmem_check(&v, 8, SIZE_MAX - 4) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_last_error(&v).reason != NULL);
    CHECK_EQ_U64(sel4c_shmem_last_error(&v).offset, 8);

    uint64_t x = 0;
    CHECK(sel4c_shmem_store64(&v, 56, 0x1122334455667788, SEL4C_SHMEM_RELEASE) == 0);
    CHECK(sel4c_shmem_load64(&v, 56, SEL4C_SHMEM_ACQUIRE, &x) == 0);
    CHECK_EQ_U64(x, 0x1122334455667788);
    CHECK(sel4c_shmem_load(&v, 60, 4, SEL4C_SHMEM_RELAXED, &x) == 0);
    CHECK_EQ_U64(x, 0x11223344); /* little-endian host */
    CHECK(sel4c_shmem_load(&v, 64, 1, SEL4C_SHMEM_RELAXED, &x) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_load(&v, 60, 8, SEL4C_SHMEM_RELAXED, &x) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_load(&v, 2, 4, SEL4C_SHMEM_RELAXED, &x) == SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_shmem_load(&v, 0, 3, SEL4C_SHMEM_RELAXED, &x) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_load(&v, 0, 4, SEL4C_SHMEM_RELEASE, &x) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_store(&v, 0, 4, 1, SEL4C_SHMEM_ACQUIRE) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_store(&v, 0, 1, 0x100, SEL4C_SHMEM_RELAXED) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_store(&v, 1, 1, 0xab, SEL4C_SHMEM_RELAXED) == 0);
    CHECK_EQ_U64(mem[1], 0xab);
    uint16_t h = 0;
    CHECK(sel4c_shmem_store16(&v, 2, 0xbeef, SEL4C_SHMEM_RELAXED) == 0);
    CHECK(sel4c_shmem_load16(&v, 2, SEL4C_SHMEM_ACQUIRE, &h) == 0);
    CHECK_EQ_U64(h, 0xbeef);
    uint32_t w = 0;
    CHECK(sel4c_shmem_store32(&v, 4, 0xcafef00d, SEL4C_SHMEM_RELEASE) == 0);
    CHECK(sel4c_shmem_load32(&v, 4, SEL4C_SHMEM_RELAXED, &w) == 0);
    CHECK_EQ_U64(w, 0xcafef00d);
    CHECK(sel4c_shmem_store32(&v, 62, 1, SEL4C_SHMEM_RELAXED) == SEL4C_RANGE_ERROR);

    uint64_t pa = 0;
    size_t off = 0;
    CHECK(sel4c_shmem_paddr(&v, 16, &pa) == 0);
    CHECK_EQ_U64(pa, 0x40000010);
    CHECK(sel4c_shmem_paddr(&v, 65, &pa) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_offset_of_paddr(&v, 0x40000030, 16, &off) == 0);
    CHECK_EQ_U64(off, 0x30);
    CHECK(sel4c_shmem_offset_of_paddr(&v, 0x40000038, 16, &off) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_offset_of_paddr(&v, 0x3fffffff, 1, &off) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_offset_of_paddr(&v, UINT64_MAX, 2, &off) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_offset_of(&v, mem + 10, 4, &off) == 0);
    CHECK_EQ_U64(off, 10);
    CHECK(sel4c_shmem_offset_of(&v, mem + 62, 4, &off) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_offset_of(&v, mem - 1, 1, &off) == SEL4C_RANGE_ERROR);
    void *p = NULL;
    CHECK(sel4c_shmem_ptr(&v, 32, 32, &p) == 0 && p == mem + 32);
    CHECK(sel4c_shmem_ptr(&v, 33, 32, &p) == SEL4C_RANGE_ERROR);

    sel4c_shmem_t nophys;
    CHECK(sel4c_shmem_init(&nophys, mem, 64) == 0);
    CHECK(sel4c_shmem_paddr(&nophys, 0, &pa) == SEL4C_ILLEGAL_OPERATION);
    CHECK(sel4c_shmem_init(&nophys, NULL, 64) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_init(&nophys, (void *)(UINTPTR_MAX - 8), 64) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_shmem_init_phys(&nophys, mem, 64, UINT64_MAX - 8) == SEL4C_INVALID_ARGUMENT);

    /* byte ranges: every length and misalignment near the end of the region */
    unsigned char src[64], dst[64];
    for (int i = 0; i < 64; i++)
        src[i] = (unsigned char)(i * 7 + 1);
    for (size_t o = 0; o <= 64; o++)
        for (size_t n = 0; n <= 64 - o; n++) {
            CHECK(sel4c_shmem_write(&v, o, src, n) == 0);
            CHECK(sel4c_shmem_read(&v, o, dst, n) == 0);
            CHECK(memcmp(src, dst, n) == 0);
        }
    CHECK(sel4c_shmem_write(&v, 1, src, 64) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_shmem_read(&v, 64, dst, 1) == SEL4C_RANGE_ERROR);
    free(mem);
}

/* A descriptor as a peer writes it: a buffer in the data region and its length. */
typedef struct desc {
    uint64_t offset;
    uint32_t len;
    uint32_t pad;
} desc_t;

#define DATA_SIZE 256

static sel4c_err_t valid_desc(const void *snap, size_t size, void *ctx, const char **reason)
{
    const desc_t *d = snap;
    (void)size, (void)ctx;
    if (d->offset > DATA_SIZE || d->len > DATA_SIZE - d->offset) {
        *reason = "descriptor's buffer outside the data region";
        return SEL4C_RANGE_ERROR;
    }
    return SEL4C_NO_ERROR;
}

static volatile int stop;

/* The hostile peer: flips the descriptor between a valid and an out-of-range buffer. */
static void *peer(void *arg)
{
    sel4c_shmem_t v = *(sel4c_shmem_t *)arg;
    for (uint32_t i = 0; !__atomic_load_n(&stop, __ATOMIC_RELAXED); i++) {
        desc_t d = {.offset = (i & 1) ? 0 : DATA_SIZE - 16, .len = (i & 1) ? 4096 : 16};
        if (sel4c_shmem_write(&v, 0, &d, sizeof d))
            abort();
    }
    return NULL;
}

static void snapshots(void)
{
    desc_t *shared = malloc(sizeof *shared);
    unsigned char *data = malloc(DATA_SIZE), out[DATA_SIZE];
    memset(data, 'd', DATA_SIZE);
    *shared = (desc_t){.offset = 8, .len = 300};
    sel4c_shmem_t dv, hv;
    CHECK(sel4c_shmem_init(&hv, shared, sizeof *shared) == 0);
    CHECK(sel4c_shmem_init(&dv, data, DATA_SIZE) == 0);
    desc_t snap;
    CHECK(sel4c_shmem_snapshot(&hv, 0, &snap, sizeof snap, valid_desc, NULL) == SEL4C_RANGE_ERROR);
    CHECK_STR_CONTAINS(sel4c_shmem_last_error(&hv).reason, "outside the data region");
    CHECK(sel4c_shmem_snapshot(&hv, 8, &snap, sizeof snap, valid_desc, NULL) == SEL4C_RANGE_ERROR);
    shared->len = 16;
    CHECK(sel4c_shmem_snapshot(&hv, 0, &snap, sizeof snap, valid_desc, NULL) == 0);
    CHECK_EQ_U64(snap.len, 16);

    /* the peer races with us; every accepted snapshot is consistent and every copy stays
     * inside the data region (ASan would see any read past its end) */
    pthread_t t;
    sel4c_shmem_t peer_view = hv;
    pthread_create(&t, NULL, peer, &peer_view);
    long accepted = 0, refused = 0;
    for (int i = 0; i < 200000; i++) {
        sel4c_err_t err = sel4c_shmem_snapshot(&hv, 0, &snap, sizeof snap, valid_desc, NULL);
        if (err) {
            refused++;
            continue;
        }
        accepted++;
        CHECK(sel4c_shmem_read(&dv, snap.offset, out, snap.len) == 0);
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    pthread_join(t, NULL);
    printf("test_shmem: racing peer: %ld snapshots accepted, %ld refused\n", accepted, refused);
    CHECK(accepted + refused == 200000);
    free(shared);
    free(data);
}

int main(void)
{
    bounds();
    snapshots();
    return check_done("test_shmem");
}
