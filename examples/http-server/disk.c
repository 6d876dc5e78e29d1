/* The server's disk over the block service (disk.h): one request at a time, through a bounce
 * buffer at the start of the data region, each response checked before use. */
#include "disk.h"

#include <microkit.h>
#include <sel4c/protocol/blk.h>
#include <sel4c/task.h>
#include <stdio.h>
#include <string.h>

/* Set by the system builder. */
uintptr_t blk_storage_info, blk_req_queue, blk_resp_queue, blk_data;
uintptr_t blk_req_queue_size, blk_resp_queue_size, blk_data_size;

#define SECTOR 512u
#define BLOCK  SEL4C_BLK_TRANSFER_SIZE

static sel4c_blk_req_producer_t req;
static sel4c_blk_resp_consumer_t resp;
static uint32_t next_id;
static uint32_t max_blocks; /* per request: the data region's size */

int disk_init(void)
{
    uint32_t cap = sel4c_blk_queue_capacity(blk_req_queue_size, blk_resp_queue_size);
    max_blocks = (uint32_t)(blk_data_size / BLOCK);
    if (cap == 0 || max_blocks == 0 ||
        sel4c_blk_req_producer_init(&req, (void *)blk_req_queue, cap) ||
        sel4c_blk_resp_consumer_init(&resp, (void *)blk_resp_queue, cap)) {
        printf("disk: error: block service regions of the wrong size\n");
        return -1;
    }
    if (max_blocks > 0xffff)
        max_blocks = 0xffff;
    return 0;
}

static bool has_response(void *arg)
{
    (void)arg;
    return !sel4c_blk_resp_empty(&resp);
}

static bool is_ready(void *arg)
{
    (void)arg;
    const volatile struct sel4c_blk_storage_info *info = (const void *)blk_storage_info;
    return __atomic_load_n(&info->ready, __ATOMIC_ACQUIRE);
}

/* One request of `count` blocks at `block`, data at the start of the data region. */
static int transfer(uint32_t code, uint64_t block, uint32_t count)
{
    uint32_t id = ++next_id;
    sel4c_blk_req_t r = {
        .code = code, .io_or_offset = 0, .block_number = block, .count = (uint16_t)count, .id = id};
    if (sel4c_blk_enqueue_req(&req, r) != SEL4C_QUEUE_OK)
        return -1;
    microkit_notify(BLK_CH);
    sel4c_blk_resp_t a;
    int e;
    /* The driver notifies after every response (sDDF's block protocol has no opt-out). */
    while ((e = sel4c_blk_dequeue_resp(&resp, &a)) == SEL4C_QUEUE_EEMPTY)
        sel4c_task_wait_ready(BLK_CH, has_response, NULL);
    if (e != SEL4C_QUEUE_OK || a.id != id || a.status != SEL4C_BLK_RESP_OK ||
        (code != SEL4C_BLK_REQ_FLUSH && a.success_count != count)) {
        printf("disk: request %u (code %u, block %llu, %u blocks) failed: %s, status %u\n", id,
               code, (unsigned long long)block, count,
               e            ? sel4c_queue_strerror(e)
               : a.id != id ? "a response to another request"
                            : "",
               a.status);
        return -1;
    }
    return 0;
}

static int disk_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    (void)ctx;
    uint8_t *out = buf;
    uint64_t byte = sector * SECTOR, end = byte + (uint64_t)count * SECTOR;
    while (byte < end) {
        uint64_t block = byte / BLOCK;
        uint64_t skip = byte % BLOCK;
        uint64_t want = end - byte;
        uint32_t blocks = (uint32_t)((skip + want + BLOCK - 1) / BLOCK);
        if (blocks > max_blocks)
            blocks = max_blocks;
        if (transfer(SEL4C_BLK_REQ_READ, block, blocks) != 0)
            return -1;
        uint64_t n = (uint64_t)blocks * BLOCK - skip;
        if (n > want)
            n = want;
        memcpy(out, (const uint8_t *)blk_data + skip, n);
        out += n;
        byte += n;
    }
    return 0;
}

static int disk_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    (void)ctx;
    (void)sector;
    (void)count;
    (void)buf;
    return -1; /* the site is mounted read-only */
}

int disk_open(sel4c_blk_t *dev)
{
    sel4c_task_wait_ready(BLK_CH, is_ready, NULL);
    const volatile struct sel4c_blk_storage_info *info = (const void *)blk_storage_info;
    uint64_t blocks = info->capacity;
    if (blocks == 0) {
        printf("disk: error: no disk\n");
        return -1;
    }
    *dev = (sel4c_blk_t){.read = disk_read,
                         .write = disk_write,
                         .sector_count = blocks * (BLOCK / SECTOR),
                         .sector_size = SECTOR};
    return 0;
}
