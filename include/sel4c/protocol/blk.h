/*
 * The block service's protocol (the virtio-blk driver PD, drivers/virtio/blk_driver.c): sDDF's,
 * so that sDDF block clients (a virtualiser, a file system) work with sel4c's driver.
 *
 * Four regions shared by the driver and its client, and one channel:
 *   storage info     struct sel4c_blk_storage_info, written by the driver once; `ready` last
 *                    (release order), which the client reads with acquire order before the rest
 *   request queue    sDDF's block request queue (<sel4c/queue/blk.h>), client to driver
 *   response queue   sDDF's block response queue, driver to client
 *   data             the client's buffers; a request's io_or_offset is an offset into it
 * Both queues have the capacity sel4c_blk_queue_capacity(request region size, response region
 * size): the largest power of two for which each queue fits its region.
 *
 * The client notifies the driver after enqueueing requests; the driver notifies the client
 * after enqueueing responses, and once when `ready` is set (or when it gives up on the device:
 * `ready` stays false and every request is answered SEL4C_BLK_RESP_ERR_NO_DEVICE).
 *
 * Requests, in SEL4C_BLK_TRANSFER_SIZE (4 KiB) blocks: READ and WRITE of `count` blocks from
 * `block_number` to or from the data region at io_or_offset (a multiple of 4 KiB; the blocks
 * within the region); FLUSH (the writes answered before it are durable when it is answered);
 * BARRIER (answered once every request taken before it is answered; none after it is started
 * before). Responses come in any order; `id` is the request's, success_count the blocks moved.
 * Statuses: OK; ERR_INVALID_PARAM (an unknown code, no blocks, data outside the region or not
 * 4 KiB aligned, blocks beyond the capacity, a write to a read-only device); ERR_IO (the
 * device failed the request); ERR_NO_DEVICE (no device, or it misbehaved and was disabled).
 * A plugged request queue is not served until unplugged. The driver never blocks on its client.
 */
#ifndef SEL4C_PROTOCOL_BLK_H
#define SEL4C_PROTOCOL_BLK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/queue/blk.h>

/* sDDF's blk_storage_info_t (ready at offset 65, capacity at 80: the driver checks). */
struct sel4c_blk_storage_info {
    char serial_number[64];
    bool read_only;
    bool ready;
    uint16_t sector_size; /* bytes */
    uint16_t block_size;  /* the device's preferred size, in SEL4C_BLK_TRANSFER_SIZE units */
    uint16_t queue_depth; /* requests the driver keeps in flight at most */
    uint16_t cylinders, heads, blocks;
    uint64_t capacity; /* in SEL4C_BLK_TRANSFER_SIZE units */
};

/* The largest power of two n with 16 + 32 n <= req_bytes and 8 + 12 n <= resp_bytes (0 if
 * none). */
static inline uint32_t sel4c_blk_queue_capacity(size_t req_bytes, size_t resp_bytes)
{
    size_t a = req_bytes >= 16 ? (req_bytes - 16) / sizeof(sel4c_blk_req_t) : 0;
    size_t b = resp_bytes >= 8 ? (resp_bytes - 8) / sizeof(sel4c_blk_resp_t) : 0;
    size_t n = a < b ? a : b;
    uint32_t cap = 1;
    if (n == 0)
        return 0;
    while ((size_t)cap * 2 <= n && cap < (1u << 30))
        cap *= 2;
    return cap;
}

#endif
