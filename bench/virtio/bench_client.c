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

#include "blk_interim.h"
#include "counter.h"

#define DRIVER_CH 0
#define SINGLE    64

uintptr_t blk_ctrl;
uintptr_t blk_data;
uintptr_t blk_data_size;

static volatile struct blk_interim_ctrl *ctrl;
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
        /* each request slot has its own buffer: slot = id */
        uint32_t id = (uint32_t)((next_block / per_req) % max_inflight);
        uint32_t tail = ctrl->req_tail;
        ctrl->req[tail % BLK_INTERIM_RING] = (struct blk_interim_req){
            BLK_REQ_READ, id, (uint64_t)id * per_req * BLK_TRANSFER_SIZE, next_block, count, 0};
        __atomic_store_n(&ctrl->req_tail, tail + 1, __ATOMIC_RELEASE);
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
    case 2: per_req = 32, max_inflight = 8, end_block = ctrl->capacity; break;
    case 3: per_req = 1, max_inflight = 32, end_block = 4096; break;
    default: printf("bench_blk: done (%u errors)\n", errors); return;
    }
    if ((uint64_t)per_req * max_inflight * BLK_TRANSFER_SIZE > blk_data_size) {
        printf("bench_blk: the data region is too small\n");
        return;
    }
    t0 = counter_now();
    if (p == 1)
        mark_request();
    submit();
}

static void report(void)
{
    uint64_t ticks = counter_now() - t0, hz = counter_hz();
    uint64_t us = ticks * 1000000 / hz, bytes = done_blocks * BLK_TRANSFER_SIZE;
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
    ctrl = (volatile struct blk_interim_ctrl *)blk_ctrl;
    if (__atomic_load_n(&ctrl->ready, __ATOMIC_ACQUIRE) == 1)
        start(1);
}

void notified(microkit_channel ch)
{
    if (ch != DRIVER_CH)
        return;
    if (phase == 0) {
        if (__atomic_load_n(&ctrl->ready, __ATOMIC_ACQUIRE) == 1)
            start(1);
        else
            printf("bench_blk: the driver has no device\n");
        return;
    }
    uint32_t head = ctrl->resp_head;
    uint32_t tail = __atomic_load_n(&ctrl->resp_tail, __ATOMIC_ACQUIRE);
    for (; head != tail; head++) {
        struct blk_interim_resp r = ctrl->resp[head % BLK_INTERIM_RING];
        if (r.status != BLK_RESP_OK)
            errors++;
        done_blocks += r.count;
        inflight--;
    }
    __atomic_store_n(&ctrl->resp_head, head, __ATOMIC_RELEASE);
    if (inflight == 0 && next_block >= end_block) {
        report();
        start(phase + 1);
        return;
    }
    if (phase == 1 && inflight == 0)
        mark_request();
    submit();
}
