/*
 * The client of the virtio-blk benchmark (bench/virtio/measure.sh, bench.system):
 *   1. 64 single 4 KiB reads, one at a time, with a call of mark_request() before each: the
 *      script counts the instructions from one marker to the next in QEMU's execution log
 *      (client, kernel and driver, everything the request costs);
 *   2. the whole disk read sequentially in 128 KiB requests, 8 in flight: MB/s;
 *   3. 4 KiB requests, 32 in flight, for 16 MiB: requests per second.
 * Times come from the generic timer's counter. Prints figures; asserts nothing about them.
 * The marker is in a section of its own, aligned above the driver's code (the script
 * checks), so that its address in the log is the client's.
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>

#include <sel4c/protocol/blk.h>

#include "counter.h"

#define DRIVER_CH 0
#define SINGLE    64

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
static uint32_t free_bufs[64], nfree_bufs; /* data buffers (of per_req blocks) not in use */
static int phase;
static uint64_t next_block, end_block, done_blocks, t0;
static uint32_t inflight, per_req, max_inflight, errors;

/* 64 KiB-aligned: beyond the end of the driver's code */
__attribute__((aligned(65536), noipa, section(".text.bench"))) void mark_request(void)
{
    __asm__ volatile("" ::: "memory");
}

static void submit(void)
{
    uint32_t n = 0;
    while (inflight < max_inflight && next_block < end_block) {
        uint32_t count = per_req;
        if (count > end_block - next_block)
            count = (uint32_t)(end_block - next_block);
        uint32_t buf = free_bufs[nfree_bufs - 1]; /* the id names the buffer */
        sel4c_blk_req_t r = {.code = SEL4C_BLK_REQ_READ,
                             .io_or_offset = (uint64_t)buf * per_req * SEL4C_BLK_TRANSFER_SIZE,
                             .block_number = next_block,
                             .count = (uint16_t)count,
                             .id = buf};
        if (sel4c_blk_enqueue_req(&reqs, r) != SEL4C_QUEUE_OK)
            break;
        nfree_bufs--;
        next_block += count;
        inflight++;
        n++;
    }
    if (n)
        microkit_notify(DRIVER_CH);
}

static void start(int p)
{
    phase = p;
    next_block = done_blocks = 0;
    switch (p) {
    case 1: per_req = 1, max_inflight = 1, end_block = SINGLE; break;
    case 2: per_req = 32, max_inflight = 8, end_block = info->capacity; break;
    case 3: per_req = 1, max_inflight = 32, end_block = 4096; break;
    default: printf("bench_blk: done (%u errors)\n", errors); return;
    }
    if ((uint64_t)per_req * max_inflight * SEL4C_BLK_TRANSFER_SIZE > blk_data_size) {
        printf("bench_blk: the data region is too small\n");
        return;
    }
    for (nfree_bufs = 0; nfree_bufs < max_inflight; nfree_bufs++)
        free_bufs[nfree_bufs] = nfree_bufs;
    t0 = counter_now();
    if (p == 1)
        mark_request();
    submit();
}

static void report(void)
{
    uint64_t ticks = counter_now() - t0, hz = counter_hz();
    uint64_t us = ticks * 1000000 / hz, bytes = done_blocks * SEL4C_BLK_TRANSFER_SIZE;
    uint64_t kbps = us ? bytes * 1000 / us : 0; /* KB/s = bytes / ms */
    switch (phase) {
    case 1:
        printf("bench_blk: %u single 4 KiB reads, one at a time: %llu us each\n", SINGLE,
               (unsigned long long)(us / SINGLE));
        printf("bench_blk: markers done\n");
        break;
    case 2:
        printf("bench_blk: sequential read of %llu MiB in 128 KiB requests, 8 in flight: %llu ms, "
               "%llu.%02llu MB/s\n",
               (unsigned long long)(bytes >> 20), (unsigned long long)(us / 1000),
               (unsigned long long)(kbps / 1000), (unsigned long long)(kbps % 1000 / 10));
        break;
    case 3:
        printf("bench_blk: 4 KiB reads, 32 in flight: %llu requests/s, %llu.%02llu MB/s\n",
               (unsigned long long)(us ? done_blocks * 1000000 / us : 0),
               (unsigned long long)(kbps / 1000), (unsigned long long)(kbps % 1000 / 10));
        break;
    }
}

void init(void)
{
    info = (volatile struct sel4c_blk_storage_info *)blk_storage_info;
    uint32_t capacity = sel4c_blk_queue_capacity(blk_req_queue_size, blk_resp_queue_size);
    if (sel4c_blk_req_producer_init(&reqs, (sel4c_blk_req_queue_t *)blk_req_queue, capacity) ||
        sel4c_blk_resp_consumer_init(&resps, (sel4c_blk_resp_queue_t *)blk_resp_queue, capacity)) {
        printf("bench_blk: the queues are unusable\n");
        phase = -1;
        return;
    }
    if (__atomic_load_n(&info->ready, __ATOMIC_ACQUIRE))
        start(1);
}

void notified(microkit_channel ch)
{
    if (ch != DRIVER_CH)
        return;
    if (phase < 0)
        return;
    if (phase == 0) {
        if (__atomic_load_n(&info->ready, __ATOMIC_ACQUIRE))
            start(1);
        else
            printf("bench_blk: the driver has no device\n");
        return;
    }
    sel4c_blk_resp_t r;
    while (sel4c_blk_dequeue_resp(&resps, &r) == SEL4C_QUEUE_OK) {
        if (r.status != SEL4C_BLK_RESP_OK || r.id >= max_inflight)
            errors++;
        else
            free_bufs[nfree_bufs++] = r.id;
        done_blocks += r.success_count;
        inflight--;
    }
    if (inflight == 0 && next_block >= end_block) {
        report();
        start(phase + 1);
        return;
    }
    if (phase == 1 && inflight == 0)
        mark_request();
    submit();
}
