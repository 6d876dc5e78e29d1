/* A disk image in memory as a sel4c_blk_t, for the host tests, fuzzer and benchmark; it can
   record every sector write (for the crash-consistency test). */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sel4c/blk.h>

typedef struct ram_write {
    uint64_t sector;
    uint8_t *data;
} ram_write_t;

typedef struct ramdisk {
    uint8_t *data;
    size_t size;
    uint32_t sector_size;
    /* recording */
    int record;
    ram_write_t *log;
    size_t nlog, caplog;
    size_t flushes;
    /* fail every write after this many (for error-path tests); 0: never */
    size_t fail_after;
} ramdisk_t;

static int ram_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    ramdisk_t *d = ctx;
    if (sector * d->sector_size + (uint64_t)count * d->sector_size > d->size)
        return -1;
    memcpy(buf, d->data + sector * d->sector_size, (size_t)count * d->sector_size);
    return 0;
}

static int ram_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    ramdisk_t *d = ctx;
    if (sector * d->sector_size + (uint64_t)count * d->sector_size > d->size)
        return -1;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *src = (const uint8_t *)buf + (size_t)i * d->sector_size;
        if (d->fail_after && d->nlog >= d->fail_after)
            return -1;
        if (d->record || d->fail_after) {
            if (d->nlog == d->caplog) {
                d->caplog = d->caplog ? d->caplog * 2 : 256;
                d->log = realloc(d->log, d->caplog * sizeof *d->log);
            }
            ram_write_t *w = &d->log[d->nlog++];
            w->sector = sector + i;
            w->data = d->record ? malloc(d->sector_size) : NULL;
            if (w->data)
                memcpy(w->data, src, d->sector_size);
        }
        memcpy(d->data + (sector + i) * d->sector_size, src, d->sector_size);
    }
    return 0;
}

static int ram_flush(void *ctx)
{
    ((ramdisk_t *)ctx)->flushes++;
    return 0;
}

static inline sel4c_blk_t ram_blk(ramdisk_t *d)
{
    return (sel4c_blk_t){
        .ctx = d,
        .read = ram_read,
        .write = ram_write,
        .flush = ram_flush,
        .sector_count = d->size / d->sector_size,
        .sector_size = d->sector_size,
    };
}

static inline int ram_load(ramdisk_t *d, const char *path)
{
    memset(d, 0, sizeof *d);
    d->sector_size = 512;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    d->data = malloc(n > 0 ? (size_t)n : 1);
    d->size = (size_t)n;
    int ok = fread(d->data, 1, d->size, f) == d->size;
    fclose(f);
    return ok ? 0 : -1;
}

static inline int ram_save(const ramdisk_t *d, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(d->data, 1, d->size, f) == d->size;
    return fclose(f) == 0 && ok ? 0 : -1;
}
