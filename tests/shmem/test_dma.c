/*
 * Host tests of the DMA buffer allocators (lib/shmem/dma_*.c) under ASan/UBSan: fixed
 * checks of every refusal, then long random sequences of allocations, frees and hostile
 * frees (foreign, misaligned, double) checked step by step against a simple model: a
 * set of allocated slots, and for the heap a map of the region's granules on which the test
 * finds the first fit on its own.
 */
#include <stdint.h>
#include <stdlib.h>

#include <sel4c/dma.h>

#include "check.h"

#define PADDR 0x80000000ull

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void slots_fixed(void)
{
    static unsigned char region[4096] __attribute__((aligned(64)));
    sel4c_shmem_t v;
    CHECK(sel4c_shmem_init_phys(&v, region, sizeof region, PADDR) == 0);
    sel4c_dma_slots_t s;
    uint64_t bits[2];
    CHECK(sel4c_dma_slots_init(&s, &v, 128, 256, 16, bits, 0) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_slots_init(&s, &v, 128, 256, 16, bits, 2) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_slots_init(&s, &v, 0, 0, 16, bits, 2) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_slots_init(&s, &v, 64, SIZE_MAX / 2, 4, bits, 2) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_slots_init(&s, &v, 128, 256, 15, bits, 1) == 0);
    sel4c_dma_buf_t b;
    CHECK(sel4c_dma_slot_alloc(&s, &b) == 0);
    CHECK_EQ_U64(b.offset, 128);
    CHECK_EQ_U64(b.paddr, PADDR + 128);
    CHECK(b.vaddr == region + 128 && b.size == 256);
    CHECK(sel4c_dma_slot_check(&s, 128, &b) == 0);
    CHECK(sel4c_dma_slot_check(&s, 129, NULL) == SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_dma_slot_check(&s, 0, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_slot_check(&s, 128 + 15 * 256, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_slot_check(&s, SIZE_MAX, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_slot_check(&s, 128 + 256, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_slot_free(&s, 128) == 0);
    CHECK(sel4c_dma_slot_free(&s, 128) == SEL4C_INVALID_ARGUMENT);
    CHECK_STR_CONTAINS(s.error.reason, "not allocated");
    for (int i = 0; i < 15; i++)
        CHECK(sel4c_dma_slot_alloc(&s, &b) == 0);
    CHECK(sel4c_dma_slot_alloc(&s, &b) == SEL4C_NOT_ENOUGH_MEMORY);
}

/* Random sequences against a model: which slots are allocated. */
static void slots_random(size_t count)
{
    size_t slot = 96, first = 32;
    unsigned char *region = malloc(first + slot * count);
    bool *model = calloc(count, sizeof *model);
    uint64_t *bits = malloc(SEL4C_DMA_SLOT_WORDS(count) * sizeof *bits);
    sel4c_shmem_t v;
    CHECK(sel4c_shmem_init_phys(&v, region, first + slot * count, PADDR) == 0);
    sel4c_dma_slots_t s;
    CHECK(sel4c_dma_slots_init(&s, &v, first, slot, count, bits, SEL4C_DMA_SLOT_WORDS(count)) == 0);
    size_t used = 0;
    for (int step = 0; step < 20000; step++) {
        uint64_t r = next_random();
        size_t i = (size_t)(r >> 8) % count, off = first + i * slot;
        switch (r % 4) {
        case 0:
        case 1: {
            sel4c_dma_buf_t b;
            sel4c_err_t err = sel4c_dma_slot_alloc(&s, &b);
            if (used == count) {
                CHECK(err == SEL4C_NOT_ENOUGH_MEMORY);
                break;
            }
            CHECK(err == 0);
            if (err)
                break;
            size_t k = (b.offset - first) / slot;
            CHECK(b.offset >= first && (b.offset - first) % slot == 0 && k < count);
            CHECK(!model[k]); /* never hands out an allocated slot */
            CHECK(b.paddr == PADDR + b.offset && b.vaddr == region + b.offset);
            memset(b.vaddr, (int)step, slot); /* ASan: inside the region */
            model[k] = true;
            used++;
            break;
        }
        case 2: /* free of a random slot: allowed exactly when the model has it */
            CHECK(sel4c_dma_slot_free(&s, off) ==
                  (model[i] ? SEL4C_NO_ERROR : SEL4C_INVALID_ARGUMENT));
            if (model[i])
                used--;
            model[i] = false;
            break;
        default: /* a peer's bad offsets: misaligned, out of range */
            CHECK(sel4c_dma_slot_free(&s, off + 1 + (r >> 40) % (slot - 1)) ==
                  SEL4C_ALIGNMENT_ERROR);
            CHECK(sel4c_dma_slot_check(&s, first + count * slot + (r >> 50), NULL) ==
                  SEL4C_RANGE_ERROR);
            CHECK(sel4c_dma_slot_check(&s, (r >> 58) % first, NULL) == SEL4C_RANGE_ERROR);
            break;
        }
        CHECK(s.free_slots == count - used);
    }
    free(region);
    free(model);
    free(bits);
}

#define GRANULE 64

static void heap_fixed(void)
{
    static unsigned char region[8192] __attribute__((aligned(4096)));
    sel4c_shmem_t v;
    CHECK(sel4c_shmem_init_phys(&v, region, sizeof region, PADDR) == 0);
    sel4c_dma_heap_t h;
    sel4c_dma_extent_t ext[SEL4C_DMA_HEAP_EXTENTS(3)];
    CHECK(sel4c_dma_heap_init(&h, &v, 0, 8192, 48, ext, 7) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_init(&h, &v, 0, 8192, 64, ext, 2) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_init(&h, &v, 32, 4096, 64, ext, 7) == SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_dma_heap_init(&h, &v, 4096, 8192, 64, ext, 7) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_heap_init(&h, &v, 64, 7990, 64, ext, 7) == 0);
    CHECK_EQ_U64(h.length, 7936);
    sel4c_dma_buf_t a, b, c, d;
    CHECK(sel4c_dma_heap_alloc(&h, 0, 0, &a) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_alloc(&h, 10, 3, &a) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_alloc(&h, 8192, 0, &a) == SEL4C_NOT_ENOUGH_MEMORY);
    CHECK(sel4c_dma_heap_alloc(&h, 10, 0, &a) == 0);
    CHECK_EQ_U64(a.offset, 64);
    CHECK_EQ_U64(a.size, 64);
    CHECK(sel4c_dma_heap_alloc(&h, 100, 4096, &b) == 0);
    CHECK_EQ_U64(b.offset, 4096);
    CHECK_EQ_U64(b.paddr, PADDR + 4096);
    CHECK(sel4c_dma_heap_alloc(&h, 64, 0, &c) == 0);
    CHECK_EQ_U64(c.offset, 128); /* first fit: the gap below b */
    CHECK(sel4c_dma_heap_alloc(&h, 64, 0, &d) == SEL4C_NOT_ENOUGH_MEMORY); /* 3 buffers max */
    CHECK_STR_CONTAINS(h.error.reason, "bookkeeping");
    CHECK(sel4c_dma_heap_check(&h, 4096 + 64, NULL) == SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_dma_heap_check(&h, 8064, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_heap_check(&h, 0, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_dma_heap_check(&h, 256, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_check(&h, 4096, &d) == 0 && d.size == 128 && d.vaddr == region + 4096);
    CHECK(sel4c_dma_heap_free(&h, 64) == 0);
    CHECK(sel4c_dma_heap_free(&h, 64) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_dma_heap_free(&h, 4096) == 0);
    CHECK(sel4c_dma_heap_free(&h, 128) == 0);
    size_t largest = 0;
    CHECK_EQ_U64(sel4c_dma_heap_free_bytes(&h, &largest), 7936);
    CHECK_EQ_U64(largest, 7936); /* coalesced back into one extent */
}

static void heap_random(size_t granules, size_t max_buffers, size_t first_granule)
{
    size_t size = (first_granule + granules) * GRANULE;
    unsigned char *region = aligned_alloc(4096, (size + 4095) / 4096 * 4096);
    int *owner = calloc(granules, sizeof *owner); /* granule -> buffer id, 0 free */
    size_t *live = calloc(max_buffers, sizeof *live), n_live = 0;
    sel4c_dma_extent_t *ext = malloc(SEL4C_DMA_HEAP_EXTENTS(max_buffers) * sizeof *ext);
    sel4c_shmem_t v;
    /* a physical base aligned to 8 granules only, so alignments above that shift offsets */
    CHECK(sel4c_shmem_init_phys(&v, region, size, PADDR + 8 * GRANULE) == 0);
    sel4c_dma_heap_t h;
    CHECK(sel4c_dma_heap_init(&h, &v, first_granule * GRANULE, granules * GRANULE, GRANULE, ext,
                              SEL4C_DMA_HEAP_EXTENTS(max_buffers)) == 0);
    int id = 0;
    for (int step = 0; step < 20000; step++) {
        uint64_t r = next_random();
        if (r % 8 < 4) {
            size_t bytes = 1 + (r >> 8) % (GRANULE * (1 + granules / 16));
            size_t align = (size_t)GRANULE << ((r >> 32) % 6); /* 64 .. 2048 */
            size_t need = (bytes + GRANULE - 1) / GRANULE, ag = align / GRANULE;
            /* physical granule index of model granule g: g + first_granule + 8 */
            size_t fit = SIZE_MAX;
            for (size_t g = 0; g + need <= granules; g++) {
                if ((g + first_granule + 8) % ag)
                    continue;
                size_t k = 0;
                while (k < need && owner[g + k] == 0)
                    k++;
                if (k == need) {
                    fit = g;
                    break;
                }
            }
            sel4c_dma_buf_t b;
            sel4c_err_t err = sel4c_dma_heap_alloc(&h, bytes, align, &b);
            if (n_live == max_buffers || fit == SIZE_MAX) {
                CHECK(err == SEL4C_NOT_ENOUGH_MEMORY);
                continue;
            }
            CHECK(err == 0);
            if (err)
                continue;
            CHECK_EQ_U64(b.offset, (first_granule + fit) * GRANULE); /* exactly first fit */
            CHECK_EQ_U64(b.size, need * GRANULE);
            CHECK((b.paddr & (align - 1)) == 0 && b.paddr == v.paddr + b.offset);
            memset(b.vaddr, 0x5a, b.size); /* ASan: inside the region */
            id++;
            for (size_t k = 0; k < need; k++)
                owner[fit + k] = id;
            live[n_live++] = b.offset;
        } else if (r % 8 < 7 && n_live) {
            size_t i = (r >> 8) % n_live, off = live[i];
            CHECK(sel4c_dma_heap_free(&h, off) == 0);
            CHECK(sel4c_dma_heap_free(&h, off) != 0); /* double free */
            size_t g = off / GRANULE - first_granule;
            for (int o = owner[g]; g < granules && owner[g] == o; g++)
                owner[g] = 0;
            live[i] = live[--n_live];
        } else {
            /* a peer's offset: accepted exactly when it starts a live buffer */
            size_t off = (r >> 8) % (size + 2 * GRANULE);
            bool starts = false;
            for (size_t i = 0; i < n_live; i++)
                starts |= live[i] == off;
            CHECK((sel4c_dma_heap_check(&h, off, NULL) == 0) == starts);
        }
        size_t free_granules = 0;
        for (size_t g = 0; g < granules; g++)
            free_granules += owner[g] == 0;
        CHECK_EQ_U64(sel4c_dma_heap_free_bytes(&h, NULL), free_granules * GRANULE);
        CHECK(h.n_free <= h.n_used + 1);
        if (check_failures) {
            fprintf(stderr, "heap_random: first failure at step %d\n", step);
            break;
        }
    }
    while (n_live)
        CHECK(sel4c_dma_heap_free(&h, live[--n_live]) == 0);
    size_t largest = 0;
    CHECK_EQ_U64(sel4c_dma_heap_free_bytes(&h, &largest), granules * GRANULE);
    CHECK_EQ_U64(largest, granules * GRANULE);
    free(region);
    free(owner);
    free(live);
    free(ext);
}

int main(void)
{
    slots_fixed();
    slots_random(1);
    slots_random(64);
    slots_random(200);
    heap_fixed();
    heap_random(64, 8, 0);
    heap_random(256, 32, 3);
    heap_random(1000, 200, 1);
    return check_done("test_dma");
}
