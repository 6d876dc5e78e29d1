/*
 * Buffer allocators for a shared DMA region: the region's memory is handed out as buffers
 * that a device or a peer component fills, while the allocator's bookkeeping lives in the
 * owner's private memory, so a peer writing anything into the shared region cannot corrupt
 * it. Each buffer is described by its virtual address, its offset within the region (what
 * sDDF queues carry) and its physical address (the region's base physical address plus the
 * offset; 0 when the region's view has none).
 *
 * Two allocators, each over a part [first, first + length) of one region (a sel4c_shmem_t
 * view, copied in at init):
 *
 * - Slots (sel4c_dma_slots_t): `count` equal buffers of `slot_size` bytes, a bitmap of which
 *   are in use. O(count / 64) allocation, O(1) free. For packet and block buffers.
 * - Heap (sel4c_dma_heap_t): buffers of any size and power-of-two alignment, first fit over
 *   a list of free extents kept sorted by offset and coalesced on free; allocated extents
 *   are kept sorted too, so a free can be checked. Allocation and free are O(buffers).
 *   First fit was chosen over a buddy allocator for its lack of internal fragmentation (a
 *   buddy rounds every size to a power of two) and because its correctness is easy to see.
 *
 * Buffers handed back by a peer (an offset read from a queue) are untrusted:
 * *_check() and *_free() accept only the exact start of a buffer of this allocator that is
 * currently allocated. Errors:
 *   SEL4C_RANGE_ERROR      the offset lies outside the allocator's part of the region
 *   SEL4C_ALIGNMENT_ERROR  the offset is inside the area but not at a buffer's start
 *   SEL4C_INVALID_ARGUMENT the buffer is not allocated (a double free, or never handed out),
 *                          or a bad argument to init/alloc
 *   SEL4C_NOT_ENOUGH_MEMORY no free buffer (slots), no free extent big enough or no room
 *                          left in the bookkeeping (heap)
 * Every failure also records a reason in the allocator's .error (see sel4c/shmem.h).
 *
 * Ownership and threads: an allocator belongs to one thread (its owner); it takes no locks.
 * The memory of a buffer belongs to whoever it was last handed to (device, peer, owner); the
 * allocator never reads or writes the shared region itself.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4/macros.h>
#include <sel4c/error.h>
#include <sel4c/shmem.h>

typedef struct sel4c_dma_buf {
    void *vaddr;
    size_t offset; /* within the region */
    uint64_t paddr;
    size_t size;
} sel4c_dma_buf_t;

/* Number of bitmap words (private memory) for `count` slots. */
#define SEL4C_DMA_SLOT_WORDS(count) (((count) + 63) / 64)

typedef struct sel4c_dma_slots {
    sel4c_shmem_t region;
    size_t first, slot_size, count;
    uint64_t *used; /* bit i set: slot i is allocated (private memory) */
    size_t free_slots, hint;
    sel4c_shmem_error_t error;
} sel4c_dma_slots_t;

/*
 * Slots of `slot_size` bytes from offset `first` of `region`: `count` of them, in `bitmap`
 * (SEL4C_DMA_SLOT_WORDS(count) words of private memory owned by the allocator from now on).
 * Fails when the slots do not fit in the region, slot_size or count is 0, or the bitmap is
 * too small.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_slots_init(sel4c_dma_slots_t *s,
                                                                  const sel4c_shmem_t *region,
                                                                  size_t first, size_t slot_size,
                                                                  size_t count, uint64_t *bitmap,
                                                                  size_t bitmap_words);
/* Allocates a free slot into *buf (searching from where the last allocation found one). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_slot_alloc(sel4c_dma_slots_t *s,
                                                                  sel4c_dma_buf_t *buf);
/* Checks that `offset` is the start of an allocated slot; describes it in *buf (if not NULL). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_slot_check(sel4c_dma_slots_t *s,
                                                                  size_t offset,
                                                                  sel4c_dma_buf_t *buf);
/* Frees the allocated slot starting at `offset` (after the checks of sel4c_dma_slot_check). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_slot_free(sel4c_dma_slots_t *s,
                                                                 size_t offset);

typedef struct sel4c_dma_extent {
    size_t offset, size;
} sel4c_dma_extent_t;

/* Extents of private memory the heap needs to hand out up to `max_buffers` at once. */
#define SEL4C_DMA_HEAP_EXTENTS(max_buffers) (2 * (max_buffers) + 1)

typedef struct sel4c_dma_heap {
    sel4c_shmem_t region;
    size_t first, length, granule;
    sel4c_dma_extent_t *free_ext, *used_ext; /* both sorted by offset; free ones coalesced */
    size_t n_free, n_used, max_buffers;
    sel4c_shmem_error_t error;
} sel4c_dma_heap_t;

/*
 * A heap over [first, first + length) of `region`. Every buffer's size is rounded up to
 * `granule` (a power of two, e.g. a cache line: 64) and aligned to at least it; the address
 * at `first` must be a multiple of `granule` (the physical one when the view has one) and
 * length is rounded down to one. `extents` is SEL4C_DMA_HEAP_EXTENTS(max_buffers) entries of
 * private memory, owned by the heap from now on.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t
sel4c_dma_heap_init(sel4c_dma_heap_t *h, const sel4c_shmem_t *region, size_t first, size_t length,
                    size_t granule, sel4c_dma_extent_t *extents, size_t n_extents);
/*
 * Allocates `size` bytes (rounded up to the granule) at an address that is a multiple of
 * `align` (a power of two, or 0 for the granule): the physical address when the region has
 * one, else the virtual one. First fit: the lowest such address with room.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_heap_alloc(sel4c_dma_heap_t *h, size_t size,
                                                                  size_t align,
                                                                  sel4c_dma_buf_t *buf);
/* Checks that `offset` is the start of an allocated buffer; describes it in *buf (if not
 * NULL). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_heap_check(sel4c_dma_heap_t *h,
                                                                  size_t offset,
                                                                  sel4c_dma_buf_t *buf);
/* Frees the allocated buffer starting at `offset`, merging it with free neighbours. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_dma_heap_free(sel4c_dma_heap_t *h,
                                                                 size_t offset);
/* Bytes free in total, and the largest free extent (for statistics and tests). */
SEL4C_C_LINKAGE size_t sel4c_dma_heap_free_bytes(const sel4c_dma_heap_t *h, size_t *largest);
