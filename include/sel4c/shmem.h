/*
 * Shared memory: a bounds-checked view of a region that this component shares with a peer
 * (another PD, a device doing DMA, another thread).
 *
 * A view (sel4c_shmem_t) names the region's virtual base, its size and, when known, its
 * physical address. Every access names an offset into the region and is checked against
 * it, offset + size overflow included; nothing is dereferenced outside the region.
 *
 * - Naturally aligned 1, 2, 4 and 8-byte values are read and written as single-copy atomic
 *   accesses (the peer never sees half of a store), with relaxed, acquire or release
 *   ordering. sel4c_shmem_fence() is the full (sequentially consistent) fence.
 * - Byte ranges are copied with volatile accesses, so the compiler neither elides, merges
 *   nor repeats them; a range copy is not atomic as a whole.
 * - sel4c_shmem_snapshot() copies something the peer wrote (a descriptor, a header) into
 *   private memory reading each byte exactly once, then validates the private copy. Code
 *   that then uses only the copy cannot be fooled by a peer that changes the shared bytes
 *   between the check and the use.
 *
 * Ownership and threads: the view is private memory of its owner; the region it names is
 * shared. A view records the reason of its last failure (sel4c_shmem_last_error), so each
 * thread uses its own view of a region (views are small; copy them).
 *
 * Errors (every function returns one; nothing here crashes on bad offsets):
 *   SEL4C_RANGE_ERROR      the access reaches outside the region (or overflows)
 *   SEL4C_ALIGNMENT_ERROR  an atomic access at an address not a multiple of its size
 *   SEL4C_INVALID_ARGUMENT a region without a base or wrapping around, an atomic size other
 *                          than 1/2/4/8, an ordering the access cannot have (a release load,
 *                          an acquire store), a value too wide for its store
 *   SEL4C_ILLEGAL_OPERATION a physical address asked of a view created without one
 * and a snapshot its validator refuses returns the validator's error. Pointers to private
 * memory (results, copies) must be valid: they are the caller's, not the peer's.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4/macros.h>
#include <sel4c/error.h>

/* Orderings of single accesses (a subset of C11's). */
typedef enum sel4c_shmem_order {
    SEL4C_SHMEM_RELAXED, /* atomic, no ordering with other accesses */
    SEL4C_SHMEM_ACQUIRE, /* loads only: later accesses stay after it */
    SEL4C_SHMEM_RELEASE, /* stores only: earlier accesses stay before it */
} sel4c_shmem_order_t;

/* Why the last failing call of a view failed: a static string and the access it refused. */
typedef struct sel4c_shmem_error {
    const char *reason; /* NULL while nothing failed */
    size_t offset, size;
} sel4c_shmem_error_t;

typedef struct sel4c_shmem {
    uintptr_t base; /* virtual address of offset 0 */
    size_t size;
    uint64_t paddr; /* physical address of offset 0, when has_paddr */
    bool has_paddr;
    sel4c_shmem_error_t error;
} sel4c_shmem_t;

/* A view of `size` bytes at `base`. Fails (SEL4C_INVALID_ARGUMENT) on a NULL base with a
 * non-zero size and on a region that wraps around the address space. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_init(sel4c_shmem_t *v, void *base,
                                                              size_t size);
/* The same, with the region's physical address (for DMA: what a device is given). Fails
 * also when paddr + size wraps. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_init_phys(sel4c_shmem_t *v, void *base,
                                                                   size_t size, uint64_t paddr);

/* The reason of the view's last failure (its .reason is NULL if none). */
SEL4C_C_LINKAGE sel4c_shmem_error_t sel4c_shmem_last_error(const sel4c_shmem_t *v);

/* Checks that [offset, offset + size) lies inside the region: SEL4C_RANGE_ERROR if not. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_check(sel4c_shmem_t *v, size_t offset,
                                                               size_t size);
/* The address of [offset, offset + size) after checking it, in *ptr. The caller must still
 * treat the memory there as shared (the peer may change it at any time). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_ptr(sel4c_shmem_t *v, size_t offset,
                                                             size_t size, void **ptr);
/* The offset of the `size` bytes at `ptr`, which must lie inside the region. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_offset_of(sel4c_shmem_t *v,
                                                                   const void *ptr, size_t size,
                                                                   size_t *offset);
/* The physical address of `offset` (inside the region) in *paddr; SEL4C_ILLEGAL_OPERATION
 * when the view has none. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_paddr(sel4c_shmem_t *v, size_t offset,
                                                               uint64_t *paddr);
/* The offset of the `size` bytes at physical address `paddr` (a device's or a driver's
 * address handed back by a peer), after checking they lie inside the region. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_offset_of_paddr(sel4c_shmem_t *v,
                                                                         uint64_t paddr,
                                                                         size_t size,
                                                                         size_t *offset);

/*
 * Single-copy atomic load of the naturally aligned `size`-byte (1, 2, 4 or 8) value at
 * `offset`, zero-extended into *value. `order`: relaxed or acquire.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_load(sel4c_shmem_t *v, size_t offset,
                                                              size_t size,
                                                              sel4c_shmem_order_t order,
                                                              uint64_t *value);
/* Single-copy atomic store of the low `size` bytes of `value`. `order`: relaxed or release.
 * A value that does not fit in `size` bytes is refused (SEL4C_INVALID_ARGUMENT). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_store(sel4c_shmem_t *v, size_t offset,
                                                               size_t size, uint64_t value,
                                                               sel4c_shmem_order_t order);

/* Typed forms of the two above. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_load16(sel4c_shmem_t *v, size_t offset,
                                                                sel4c_shmem_order_t order,
                                                                uint16_t *value);
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_load32(sel4c_shmem_t *v, size_t offset,
                                                                sel4c_shmem_order_t order,
                                                                uint32_t *value);
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_load64(sel4c_shmem_t *v, size_t offset,
                                                                sel4c_shmem_order_t order,
                                                                uint64_t *value);
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_store16(sel4c_shmem_t *v, size_t offset,
                                                                 uint16_t value,
                                                                 sel4c_shmem_order_t order);
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_store32(sel4c_shmem_t *v, size_t offset,
                                                                 uint32_t value,
                                                                 sel4c_shmem_order_t order);
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_store64(sel4c_shmem_t *v, size_t offset,
                                                                 uint64_t value,
                                                                 sel4c_shmem_order_t order);

/* The full fence: no earlier load or store is reordered with any later one (the store-load
 * order the signalling protocol of docs/shmem.md needs on both sides). */
SEL4C_C_LINKAGE void sel4c_shmem_fence(void);

/* Copies `size` bytes of the region at `offset` into private `dst` (volatile reads, each
 * byte read once). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_read(sel4c_shmem_t *v, size_t offset,
                                                              void *dst, size_t size);
/* Copies `size` private bytes from `src` into the region at `offset` (volatile writes). */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_write(sel4c_shmem_t *v, size_t offset,
                                                               const void *src, size_t size);

/* Checks a private snapshot of `size` bytes; returns SEL4C_NO_ERROR to accept it, any
 * error to refuse it (and may set *reason to a static string saying why). */
typedef sel4c_err_t (*sel4c_shmem_validate_fn)(const void *snapshot, size_t size, void *ctx,
                                               const char **reason);

/*
 * Snapshots the peer-written object of `size` bytes at `offset` into private `dst` (each
 * shared byte read once), then runs `validate` (if not NULL) on the copy. On success the
 * caller uses only `dst`; on failure `dst` holds the refused copy and the view's last error
 * names the offset and the validator's reason.
 */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_shmem_snapshot(sel4c_shmem_t *v, size_t offset,
                                                                  void *dst, size_t size,
                                                                  sel4c_shmem_validate_fn validate,
                                                                  void *ctx);
