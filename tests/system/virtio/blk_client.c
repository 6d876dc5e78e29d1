/*
 * The client of the virtio-blk driver PD in virtio.system (the test drives QEMU with a disk
 * image it generated). In order, each step waiting for the driver's answers:
 *   1. reads blocks 0-15 (4 requests of 16 KiB) and prints their CRC-32, which the test
 *      compares with the image's;
 *   2. writes a pattern to blocks 100-103, printing its CRC-32 (the test reads the image back
 *      after QEMU exits), flushes, reads the blocks back and compares;
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

#include "blk_interim.h"

#define DRIVER_CH 0

uintptr_t blk_ctrl;
uintptr_t blk_data;
uintptr_t blk_data_size;

static volatile struct blk_interim_ctrl *ctrl;
static uint8_t *data;
static int step;
static unsigned waiting; /* answers still due in this step */
static uint32_t expect_status[16], got_status[16], got_count[16];
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

static void request(uint32_t id, uint32_t code, uint64_t offset, uint64_t block, uint32_t count,
                    uint32_t status)
{
    uint32_t tail = ctrl->req_tail;
    ctrl->req[tail % BLK_INTERIM_RING] =
        (struct blk_interim_req){code, id, offset, block, count, 0};
    __atomic_store_n(&ctrl->req_tail, tail + 1, __ATOMIC_RELEASE);
    expect_status[id] = status;
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
    uint64_t cap = ctrl->capacity;
    switch (step) {
    case 1:
        for (uint32_t i = 0; i < 4; i++)
            request(i, BLK_REQ_READ, i * 4 * BLK_TRANSFER_SIZE, i * 4, 4, BLK_RESP_OK);
        break;
    case 2:
        for (uint32_t i = 0; i < 4 * BLK_TRANSFER_SIZE; i++)
            data[0x10000 + i] = (uint8_t)(i * 131u + (i >> 12) + 0x5a);
        printf("blk_client: wrote crc %#010x to blocks 100-103\n",
               crc32(data + 0x10000, 4 * BLK_TRANSFER_SIZE, 0));
        request(0, BLK_REQ_WRITE, 0x10000, 100, 4, BLK_RESP_OK);
        break;
    case 3: request(0, BLK_REQ_FLUSH, 0, 0, 0, BLK_RESP_OK); break;
    case 4:
        memset(data + 0x20000, 0, 4 * BLK_TRANSFER_SIZE);
        request(0, BLK_REQ_READ, 0x20000, 100, 4, BLK_RESP_OK);
        break;
    case 5:
        request(0, BLK_REQ_READ, 0, cap, 1, BLK_RESP_SEEK_ERROR);
        request(1, BLK_REQ_READ, 0, cap - 1, 2, BLK_RESP_SEEK_ERROR);
        request(2, BLK_REQ_READ, 0, UINT64_MAX, 1, BLK_RESP_SEEK_ERROR);
        request(3, BLK_REQ_READ, 100, 0, 1, BLK_RESP_INVALID);
        request(4, BLK_REQ_READ, blk_data_size, 0, 1, BLK_RESP_INVALID);
        request(5, BLK_REQ_READ, blk_data_size - BLK_TRANSFER_SIZE, 0, 2, BLK_RESP_INVALID);
        request(6, BLK_REQ_WRITE, 0, 0, 0, BLK_RESP_INVALID);
        request(7, 9, 0, 0, 1, BLK_RESP_INVALID);
        request(8, BLK_REQ_READ, UINT64_MAX - 4095, 0, 1, BLK_RESP_INVALID);
        break;
    case 6:
        memset(data, 0, BLK_TRANSFER_SIZE);
        request(0, BLK_REQ_READ, 0, 0, 1, BLK_RESP_OK);
        break;
    default: return;
    }
    microkit_notify(DRIVER_CH);
}

static void finish_step(void)
{
    for (unsigned i = 0; i < 16; i++)
        if (expect_status[i] != 0xff && got_status[i] != expect_status[i]) {
            printf("blk_client: FAIL step %d request %u: status %u, expected %u\n", step, i,
                   got_status[i], expect_status[i]);
            step = -1;
            return;
        }
    switch (step) {
    case 1:
        printf("blk_client: read crc %#010x of blocks 0-15\n",
               crc32(data, 16 * BLK_TRANSFER_SIZE, 0));
        first_block_crc = crc32(data, BLK_TRANSFER_SIZE, 0);
        break;
    case 4:
        if (memcmp(data + 0x10000, data + 0x20000, 4 * BLK_TRANSFER_SIZE) != 0)
            return fail("blocks 100-103 read back differ from what was written");
        printf("blk_client: blocks 100-103 read back as written\n");
        break;
    case 5: printf("blk_client: 9 bad requests refused\n"); break;
    case 6:
        if (crc32(data, BLK_TRANSFER_SIZE, 0) != first_block_crc)
            return fail("block 0 read again differs");
        printf("blk_client: PASS\n");
        step = -1;
        return;
    }
    step++;
    for (unsigned i = 0; i < 16; i++)
        expect_status[i] = 0xff;
    start_step();
}

static void begin(void)
{
    uint32_t ready = __atomic_load_n(&ctrl->ready, __ATOMIC_ACQUIRE);
    if (ready == 2)
        return fail("the driver has no device");
    if (ready != 1)
        return;
    printf("blk_client: capacity %llu blocks of 4 KiB\n", (unsigned long long)ctrl->capacity);
    if (ctrl->capacity < 128)
        return fail("disk too small for the test");
    step = 1;
    for (unsigned i = 0; i < 16; i++)
        expect_status[i] = 0xff;
    start_step();
}

void init(void)
{
    ctrl = (volatile struct blk_interim_ctrl *)blk_ctrl;
    data = (uint8_t *)blk_data;
    begin(); /* or when the driver notifies that it is ready */
}

void notified(microkit_channel ch)
{
    if (ch != DRIVER_CH)
        return;
    if (step == 0)
        return begin();
    uint32_t head = ctrl->resp_head;
    uint32_t tail = __atomic_load_n(&ctrl->resp_tail, __ATOMIC_ACQUIRE);
    for (; head != tail; head++) {
        struct blk_interim_resp r = ctrl->resp[head % BLK_INTERIM_RING];
        if (r.id >= 16 || expect_status[r.id] == 0xff || got_status[r.id] != 0xff) {
            __atomic_store_n(&ctrl->resp_head, head + 1, __ATOMIC_RELEASE);
            return fail("a response to no request");
        }
        got_status[r.id] = r.status;
        got_count[r.id] = r.count;
        waiting--;
    }
    __atomic_store_n(&ctrl->resp_head, head, __ATOMIC_RELEASE);
    if (step > 0 && waiting == 0)
        finish_step();
}
