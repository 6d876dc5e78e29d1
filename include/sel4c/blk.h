/*
 * A block device as the filesystem sees it: synchronous sector reads and writes, a flush, and
 * the device's geometry. The driver side (the virtio-blk client, a partition, a RAM image in a
 * test) fills the callbacks; whoever holds the struct may call them from one thread at a time.
 */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_blk {
    /* Passed back to every callback. */
    void *ctx;
    /*
     * Reads `count` sectors from `sector` into `buf` (count * sector_size bytes). Returns 0,
     * or nonzero when the device failed; the caller has checked the range.
     */
    int (*read)(void *ctx, uint64_t sector, uint32_t count, void *buf);
    /* Writes `count` sectors at `sector` from `buf`. Returns 0 or nonzero on failure. */
    int (*write)(void *ctx, uint64_t sector, uint32_t count, const void *buf);
    /*
     * Returns once every write that returned before it is on stable storage (0), or nonzero on
     * failure. May be NULL for a device whose writes are stable when they return.
     */
    int (*flush)(void *ctx);
    /* Number of sectors, and bytes per sector (a power of two, 512 to 4096). */
    uint64_t sector_count;
    uint32_t sector_size;
} sel4c_blk_t;

#ifdef __cplusplus
}
#endif
