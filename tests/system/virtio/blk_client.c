/*
 * The client of the virtio-blk driver PD in virtio.system, through sDDF's storage info and block
 * queues (<sel4c/protocol/blk.h>); the test drives QEMU with a disk image it generated. In
 * order, each step waiting for the driver's answers:
 *   1. reads blocks 0-15 (4 requests of 16 KiB) and prints their CRC-32, which the test
 *      compares with the image's;
 *   2. writes a pattern to blocks 100-103, printing its CRC-32 (the test reads the image back
 *      after QEMU exits), flushes (and a barrier), reads the blocks back and compares;
 *   3. sends requests the driver must refuse (beyond the capacity, misaligned or outside the
 *      data region, no blocks, an unknown code) and checks each answer;
 *   4. reads block 0 again: the driver still serves.
 * Success: "blk_client: PASS"; failure: a line with "FAIL".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>

#include <sel4c/protocol/blk.h>

#define DRIVER_CH     0
#define RNG_CLIENT_CH 1 /* notified when we are done: it starts then */

uintptr_t blk_storage_info;
uintptr_t blk_req_queue;
uintptr_t blk_req_queue_size;
uintptr_t blk_resp_queue;
uintptr_t blk_resp_queue_size;
uintptr_t blk_data;
uintptr_t blk_data_size;

static volatile struct sel4c_blk_storage_info *info;
static sel4c_blk_req_producer_t reqs;
static sel4c_blk_resp_consumer_t resps;
static uint8_t *data;
static int step;
static unsigned waiting; /* answers still due in this step */
static uint32_t expect_status[16], got_status[16], expect_count[16], got_count[16];
static uint32_t first_block_crc;

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static void fail(const char *what);

/* Queues request `id`, which must be answered with `status` and, if OK, `count` blocks moved. */
static void request(uint32_t id, uint32_t code, uint64_t offset, uint64_t block, uint16_t count,
                    uint32_t status)
{
    sel4c_blk_req_t r = {
        .code = code, .io_or_offset = offset, .block_number = block, .count = count, .id = id};
    if (sel4c_blk_enqueue_req(&reqs, r) != SEL4C_QUEUE_OK)
        return fail("the request queue is full");
    expect_status[id] = status;
    expect_count[id] = status == SEL4C_BLK_RESP_OK && code != SEL4C_BLK_REQ_FLUSH ? count : 0;
    got_status[id] = 0xff;
    waiting++;
}

static void fail(const char *what)
{
    printf("blk_client: FAIL %s\n", what);
    step = -1;
}

/* Starts the step `step`; its requests' answers arrive in notified(). */
static void start_step(void)
{
    uint64_t cap = info->capacity;
    switch (step) {
    case 1:
        for (uint32_t i = 0; i < 4; i++)
            request(i, SEL4C_BLK_REQ_READ, i * 4 * SEL4C_BLK_TRANSFER_SIZE, i * 4, 4,
                    SEL4C_BLK_RESP_OK);
        break;
    case 2:
        for (uint32_t i = 0; i < 4 * SEL4C_BLK_TRANSFER_SIZE; i++)
            data[0x10000 + i] = (uint8_t)(i * 131u + (i >> 12) + 0x5a);
        printf("blk_client: wrote crc %#010x to blocks 100-103\n",
               crc32(data + 0x10000, 4 * SEL4C_BLK_TRANSFER_SIZE, 0));
        request(0, SEL4C_BLK_REQ_WRITE, 0x10000, 100, 4, SEL4C_BLK_RESP_OK);
        break;
    case 3:
        request(0, SEL4C_BLK_REQ_FLUSH, 0, 0, 0, SEL4C_BLK_RESP_OK);
        request(1, SEL4C_BLK_REQ_BARRIER, 0, 0, 0, SEL4C_BLK_RESP_OK);
        break;
    case 4:
        memset(data + 0x20000, 0, 4 * SEL4C_BLK_TRANSFER_SIZE);
        request(0, SEL4C_BLK_REQ_READ, 0x20000, 100, 4, SEL4C_BLK_RESP_OK);
        break;
    case 5:
        request(0, SEL4C_BLK_REQ_READ, 0, cap, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(1, SEL4C_BLK_REQ_READ, 0, cap - 1, 2, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(2, SEL4C_BLK_REQ_READ, 0, UINT64_MAX, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(3, SEL4C_BLK_REQ_READ, 100, 0, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(4, SEL4C_BLK_REQ_READ, blk_data_size, 0, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(5, SEL4C_BLK_REQ_READ, blk_data_size - SEL4C_BLK_TRANSFER_SIZE, 0, 2,
                SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(6, SEL4C_BLK_REQ_WRITE, 0, 0, 0, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(7, 9, 0, 0, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        request(8, SEL4C_BLK_REQ_READ, UINT64_MAX - 4095, 0, 1, SEL4C_BLK_RESP_ERR_INVALID_PARAM);
        break;
    case 6:
        memset(data, 0, SEL4C_BLK_TRANSFER_SIZE);
        request(0, SEL4C_BLK_REQ_READ, 0, 0, 1, SEL4C_BLK_RESP_OK);
        break;
    default: return;
    }
    microkit_notify(DRIVER_CH);
}

static void finish_step(void)
{
    for (unsigned i = 0; i < 16; i++)
        if (expect_status[i] != 0xff &&
            (got_status[i] != expect_status[i] || got_count[i] != expect_count[i])) {
            printf("blk_client: FAIL step %d request %u: status %u, %u blocks; expected %u, %u\n",
                   step, i, got_status[i], got_count[i], expect_status[i], expect_count[i]);
            step = -1;
            return;
        }
    switch (step) {
    case 1:
        printf("blk_client: read crc %#010x of blocks 0-15\n",
               crc32(data, 16 * SEL4C_BLK_TRANSFER_SIZE, 0));
        first_block_crc = crc32(data, SEL4C_BLK_TRANSFER_SIZE, 0);
        break;
    case 4:
        if (memcmp(data + 0x10000, data + 0x20000, 4 * SEL4C_BLK_TRANSFER_SIZE) != 0)
            return fail("blocks 100-103 read back differ from what was written");
        printf("blk_client: blocks 100-103 read back as written\n");
        break;
    case 5: printf("blk_client: 9 bad requests refused\n"); break;
    case 6:
        if (crc32(data, SEL4C_BLK_TRANSFER_SIZE, 0) != first_block_crc)
            return fail("block 0 read again differs");
        printf("blk_client: PASS\n");
        step = -1;
        microkit_notify(RNG_CLIENT_CH);
        return;
    }
    step++;
    for (unsigned i = 0; i < 16; i++)
        expect_status[i] = 0xff;
    start_step();
}

static void begin(void)
{
    if (!__atomic_load_n(&info->ready, __ATOMIC_ACQUIRE))
        return; /* the driver notifies when it is (or prints why not) */
    printf("blk_client: capacity %llu blocks of 4 KiB\n", (unsigned long long)info->capacity);
    if (info->capacity < 128)
        return fail("disk too small for the test");
    step = 1;
    for (unsigned i = 0; i < 16; i++)
        expect_status[i] = 0xff;
    start_step();
}

void init(void)
{
    info = (volatile struct sel4c_blk_storage_info *)blk_storage_info;
    data = (uint8_t *)blk_data;
    uint32_t capacity = sel4c_blk_queue_capacity(blk_req_queue_size, blk_resp_queue_size);
    if (sel4c_blk_req_producer_init(&reqs, (sel4c_blk_req_queue_t *)blk_req_queue, capacity) ||
        sel4c_blk_resp_consumer_init(&resps, (sel4c_blk_resp_queue_t *)blk_resp_queue, capacity))
        return fail("the queues");
    begin(); /* or when the driver notifies that it is ready */
}

void notified(microkit_channel ch)
{
    if (ch != DRIVER_CH)
        return;
    if (step == 0)
        return begin();
    sel4c_blk_resp_t r;
    int err;
    while ((err = sel4c_blk_dequeue_resp(&resps, &r)) == SEL4C_QUEUE_OK) {
        if (r.id >= 16 || expect_status[r.id] == 0xff || got_status[r.id] != 0xff)
            return fail("a response to no request");
        got_status[r.id] = r.status;
        got_count[r.id] = r.success_count;
        waiting--;
    }
    if (err != SEL4C_QUEUE_EEMPTY)
        return fail(sel4c_queue_strerror(err));
    if (step > 0 && waiting == 0)
        finish_step();
}
