/*
 * The client of the storage benchmark (bench/storage/measure.sh, bench.system): the FAT library
 * in a task on lib/blkclient's cache, over the virtio-blk driver PD. First the phases whose
 * instructions the script counts in QEMU's execution log, from one call of a phase's marker
 * to the next (everything between, kernel and driver included), 16 iterations each:
 *   fat   a 4 KiB sel4c_fat_read of /BIG.BIN (one cluster, not cached): FAT, cache, client,
 *         driver and kernel;
 *   miss  a 4 KiB sel4c_blk_client_read of a block not cached: cache, client, driver, kernel;
 *   io    a 4 KiB sel4c_blk_client_io into a buffer of the data region: client, driver, kernel;
 *   hit   a 4 KiB sel4c_blk_client_read of a cached block: the cache's hit path and the copy;
 *   sect  a 512-byte read through the sel4c_blk_t, cached: what FAT pays per cached sector;
 *   byte  a 1-byte sel4c_blk_client_read of a cached block: the hit path without the copy.
 * Read-ahead is off in these phases (they measure misses one at a time).
 * Then "bench_fs: markers done", and the sequential read of /BIG.BIN in 64 KiB calls, timed
 * with the generic timer's counter: MB/s. Prints figures; asserts nothing about them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>

#include <sel4c/blk_client.h>
#include <sel4c/event.h>
#include <sel4c/fat.h>
#include <sel4c/mbr.h>
#include <sel4c/task.h>

#include "counter.h"

#define DRIVER_CH 0
#define READAHEAD 16 /* blocks: 64 KiB, two windows in flight */
#define ITER      16
#define B         SEL4C_BLK_TRANSFER_SIZE

uintptr_t blk_storage_info;
uintptr_t blk_req_queue;
uintptr_t blk_req_queue_size;
uintptr_t blk_resp_queue;
uintptr_t blk_resp_queue_size;
uintptr_t blk_data;
uintptr_t blk_data_size;

static sel4c_blk_client_t client;
static sel4c_blk_cache_line_t lines[128];
static sel4c_fat_t vol;
static _Alignas(8) uint8_t fat_cache[16 * 512];
static uint8_t buf[65536];
static sel4c_task_t task;
static _Alignas(16) uint8_t stack[32 * 1024];

/* One marker per phase, each 64 KiB-aligned beyond the driver's code (the script checks). */
#define MARKER(name)                                                                               \
    __attribute__((aligned(65536), noipa, section(".text.bench"))) void mark_##name(void)          \
    {                                                                                              \
        __asm__ volatile("" ::: "memory");                                                         \
    }
MARKER(fat)
MARKER(miss)
MARKER(io)
MARKER(hit)
MARKER(sect)
MARKER(byte)

static int fail(const char *what, int err)
{
    printf("bench_fs: %s failed (%d)\n", what, err);
    return err;
}

static int markers(const sel4c_blk_t *part_dev)
{
    sel4c_fat_file_t f;
    size_t got;
    /* the fat and miss phases measure misses: no read-ahead */
    uint32_t readahead = client.readahead;
    client.readahead = 0;
    int e = sel4c_fat_open(&vol, &f, "/BIG.BIN", SEL4C_FAT_READ);
    if (e)
        return fail("open /BIG.BIN", e);
    for (int i = 0; i <= ITER && !e; i++) {
        mark_fat();
        e = sel4c_fat_read(&f, buf, B, &got);
    }
    if (e || sel4c_fat_close(&f))
        return fail("fat phase", e);
    uint64_t far = client.capacity - 4 * ITER; /* never read before */
    for (int i = 0; i <= ITER && !e; i++) {
        mark_miss();
        e = sel4c_blk_client_read(&client, (far + (uint64_t)i) * B, buf, B);
    }
    sel4c_dma_buf_t spare;
    if (e || (e = sel4c_dma_slot_alloc(&client.bufs, &spare)))
        return fail("miss phase", e);
    for (int i = 0; i <= ITER && !e; i++) {
        mark_io();
        e = sel4c_blk_client_io(&client, SEL4C_BLK_REQ_READ, far + ITER + (uint64_t)i, 1,
                                spare.offset);
    }
    for (int i = 0; i <= ITER && !e; i++) {
        mark_hit();
        e = sel4c_blk_client_read(&client, far * B, buf, B);
    }
    for (int i = 0; i <= ITER && !e; i++) {
        mark_sect();
        e = part_dev->read(part_dev->ctx, 8, 1, buf);
    }
    for (int i = 0; i <= ITER && !e; i++) {
        mark_byte();
        e = sel4c_blk_client_read(&client, far * B + 1, buf, 1);
    }
    client.readahead = readahead;
    if (e)
        return fail("io, hit, sector or byte phase", e);
    printf("bench_fs: markers done\n");
    return 0;
}

static void sequential(void)
{
    sel4c_fat_file_t f;
    size_t got, total = 0;
    int e = sel4c_fat_open(&vol, &f, "/BIG.BIN", SEL4C_FAT_READ);
    sel4c_blk_client_stats_t before = client.stats;
    uint64_t t0 = counter_now();
    while (!e && !(e = sel4c_fat_read(&f, buf, sizeof buf, &got)) && got)
        total += got;
    uint64_t us = (counter_now() - t0) * 1000000 / counter_hz();
    if (e || sel4c_fat_close(&f)) {
        fail("sequential read", e);
        return;
    }
    uint64_t kbps = us ? total * 1000 / us : 0;
    printf("bench_fs: sequential read of a %zu MiB file through FAT, cache and driver in 64 KiB "
           "calls: %llu ms, %llu.%02llu MB/s (%lu misses, %lu hits)\n",
           total >> 20, (unsigned long long)(us / 1000), (unsigned long long)(kbps / 1000),
           (unsigned long long)(kbps % 1000 / 10), client.stats.misses - before.misses,
           client.stats.hits - before.hits);
}

static void run(void *arg)
{
    (void)arg;
    sel4c_err_t err = sel4c_blk_client_wait_ready(&client);
    if (err) {
        fail("wait for the device", err);
        return;
    }
    const sel4c_blk_t *disk = sel4c_blk_client_dev(&client);
    sel4c_mbr_t mbr;
    sel4c_mbr_part_t part;
    sel4c_blk_t dev;
    int e = sel4c_mbr_read(disk, &mbr);
    if (!e)
        e = sel4c_mbr_partition(disk, &mbr, 0, &part, &dev);
    if (!e)
        e = sel4c_fat_mount(&vol, &dev, fat_cache, sizeof fat_cache, NULL, NULL,
                            SEL4C_FAT_MOUNT_READ_ONLY);
    if (e) {
        fail("mount", e);
        return;
    }
    if (markers(&dev) == 0)
        sequential();
    printf("bench_fs: done\n");
}

void init(void)
{
    sel4c_blk_client_config_t cfg = {.storage_info = (void *)blk_storage_info,
                                     .req_queue = (void *)blk_req_queue,
                                     .req_queue_size = blk_req_queue_size,
                                     .resp_queue = (void *)blk_resp_queue,
                                     .resp_queue_size = blk_resp_queue_size,
                                     .data = (void *)blk_data,
                                     .data_size = blk_data_size,
                                     .ch = DRIVER_CH,
                                     .lines = lines,
                                     .n_lines = sizeof lines / sizeof lines[0],
                                     .readahead = READAHEAD};
    sel4c_err_t err = sel4c_blk_client_init(&client, &cfg);
    if (!err)
        err = sel4c_task_spawn(&task, "bench", stack, sizeof stack, run, NULL);
    if (err) {
        fail("init", err);
        return;
    }
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
