/*
 * A client of the virtio-blk driver PD running the FAT library in a task on the event loop,
 * through lib/blkclient's cache (storage.system). In order:
 *   1. mounts partition 0 of the MBR;
 *   2. lists every directory and reads every file, printing
 *      "fs_client: file <size> <crc32> <path>" (the test compares them with the host's);
 *   3. when nothing was refused: writes /NEWFILE.BIN (50000 bytes of a pattern), unmounts and
 *      flushes (the test reads the file back with mtools after QEMU exits);
 *   4. prints "fs_client: done, N files read, M refused" and the cache's figures, then keeps
 *      serving its event loop (on a corrupt image: after the errors).
 * Errors of the filesystem are printed as "fs_client: refused <what>: <error> (<reason>)".
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

#define DRIVER_CH 0
#define READAHEAD 8 /* blocks */

uintptr_t blk_storage_info;
uintptr_t blk_req_queue;
uintptr_t blk_req_queue_size;
uintptr_t blk_resp_queue;
uintptr_t blk_resp_queue_size;
uintptr_t blk_data;
uintptr_t blk_data_size;

static sel4c_blk_client_t client;
static sel4c_blk_cache_line_t lines[32];
static sel4c_fat_t vol;
static _Alignas(8) uint8_t fat_cache[16 * 512];
static uint8_t buf[16384];
static sel4c_task_t task;
static _Alignas(16) uint8_t stack[64 * 1024];
static unsigned files, refused;

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

static void refuse(const char *what, sel4c_fat_err_t e)
{
    const sel4c_fat_error_info_t *info = sel4c_fat_error(&vol);
    printf("fs_client: refused %s: %s (%s)\n", what, sel4c_fat_strerror(e),
           info && info->reason && *info->reason ? info->reason : "no detail");
    refused++;
}

static void read_file(const char *path)
{
    sel4c_fat_file_t f;
    sel4c_fat_err_t e = sel4c_fat_open(&vol, &f, path, SEL4C_FAT_READ);
    if (e)
        return refuse(path, e);
    uint32_t crc = 0;
    size_t got, total = 0;
    while (!(e = sel4c_fat_read(&f, buf, sizeof buf, &got)) && got) {
        crc = crc32(buf, got, crc);
        total += got;
    }
    if (sel4c_fat_close(&f) && !e)
        e = SEL4C_FAT_ERR_IO;
    if (e)
        return refuse(path, e);
    printf("fs_client: file %zu %08x %s\n", total, crc, path);
    files++;
}

/* Lists `path` (a buffer of 1024 bytes it appends to), depth first. */
static void walk(char *path, int depth)
{
    sel4c_fat_dir_t dir;
    sel4c_fat_err_t e = sel4c_fat_opendir(&vol, &dir, path);
    if (e)
        return refuse(path, e);
    size_t len = strlen(path);
    for (;;) {
        static sel4c_fat_stat_t st; /* not on the stack: 800 bytes a level */
        bool end;
        if ((e = sel4c_fat_readdir(&dir, &st, &end)))
            return refuse(path, e);
        if (end)
            return;
        if (len + 1 + strlen(st.name) >= 1024)
            continue;
        snprintf(path + len, 1024 - len, "%s%s", len > 1 ? "/" : "", st.name);
        if (st.attr & SEL4C_FAT_ATTR_DIRECTORY) {
            printf("fs_client: dir %s\n", path);
            if (depth < 16)
                walk(path, depth + 1);
        } else {
            read_file(path);
        }
        path[len] = '\0';
    }
}

static void write_file(void)
{
    sel4c_fat_file_t f;
    sel4c_fat_err_t e = sel4c_fat_open(&vol, &f, "/NEWFILE.BIN",
                                       SEL4C_FAT_WRITE | SEL4C_FAT_CREATE | SEL4C_FAT_TRUNC);
    if (e)
        return refuse("/NEWFILE.BIN", e);
    uint32_t crc = 0;
    for (size_t at = 0; at < 50000 && !e; at += sizeof buf) {
        size_t n = 50000 - at < sizeof buf ? 50000 - at : sizeof buf, put;
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)((at + i) * 31 + ((at + i) >> 9));
        crc = crc32(buf, n, crc);
        e = sel4c_fat_write(&f, buf, n, &put);
    }
    sel4c_fat_err_t c = sel4c_fat_close(&f);
    if (e || c)
        return refuse("/NEWFILE.BIN", e ? e : c);
    printf("fs_client: wrote /NEWFILE.BIN, 50000 bytes, crc %08x\n", crc);
}

static void run(void *arg)
{
    (void)arg;
    sel4c_err_t err = sel4c_blk_client_wait_ready(&client);
    if (err) {
        printf("fs_client: FAIL the driver has no device (%d)\n", err);
        return;
    }
    const sel4c_blk_t *disk = sel4c_blk_client_dev(&client);
    printf("fs_client: disk of %llu sectors\n", (unsigned long long)disk->sector_count);
    sel4c_mbr_t mbr;
    sel4c_mbr_part_t part;
    sel4c_blk_t dev;
    sel4c_mbr_err_t me = sel4c_mbr_read(disk, &mbr);
    if (!me)
        me = sel4c_mbr_partition(disk, &mbr, 0, &part, &dev);
    sel4c_fat_err_t e = SEL4C_FAT_OK;
    if (me) {
        printf("fs_client: refused the partition table: error %d (%s)\n", me,
               mbr.reason ? mbr.reason : "no detail");
        refused++;
    } else if ((e = sel4c_fat_mount(&vol, &dev, fat_cache, sizeof fat_cache, NULL, NULL, 0))) {
        refuse("the mount", e);
    } else {
        printf("fs_client: mounted partition 0 (sectors %llu+%llu)\n",
               (unsigned long long)part.first, (unsigned long long)part.count);
        static char path[1024] = "/";
        walk(path, 0);
        if (!refused)
            write_file();
        if ((e = sel4c_fat_unmount(&vol)))
            refuse("the unmount", e);
        if ((err = sel4c_blk_client_flush(&client)))
            printf("fs_client: FAIL flush: %d\n", err);
    }
    printf("fs_client: done, %u files read, %u refused\n", files, refused);
    printf("fs_client: cache: %lu hits, %lu misses, %lu reads, %lu writes, %lu flushes, %lu bad "
           "responses\n",
           client.stats.hits, client.stats.misses, client.stats.reads, client.stats.writes,
           client.stats.flushes, client.stats.bad_responses);
    if (!refused)
        printf("fs_client: PASS\n");
    printf("fs_client: still serving after the run\n");
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
        err = sel4c_task_spawn(&task, "fs", stack, sizeof stack, run, NULL);
    if (err) {
        printf("fs_client: FAIL init: %d\n", err);
        return;
    }
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
