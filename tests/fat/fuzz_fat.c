/*
 * libFuzzer target: an arbitrary disk image is mounted, walked (every directory listed, every
 * file read) and then written to (create, write, truncate, mkdir, rename, unlink, rmdir). The
 * image is the input followed by zeros up to the size its boot sector claims (at most 8 GiB),
 * so small inputs reach FAT16 and FAT32 geometries; writes beyond the input are dropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sel4c/fat.h>

typedef struct sparse {
    uint8_t *data;
    size_t len;
} sparse_t;

static int sp_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    sparse_t *s = ctx;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (sector + i) * 512;
        uint8_t *out = (uint8_t *)buf + (size_t)i * 512;
        memset(out, 0, 512);
        if (off < s->len)
            memcpy(out, s->data + off, s->len - off < 512 ? s->len - off : 512);
    }
    return 0;
}

static int sp_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    sparse_t *s = ctx;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t off = (sector + i) * 512;
        if (off < s->len)
            memcpy(s->data + off, (const uint8_t *)buf + (size_t)i * 512,
                   s->len - off < 512 ? s->len - off : 512);
    }
    return 0;
}

static uint64_t cache[SEL4C_FAT_CACHE_BYTES(8, 512) / 8];
static int budget;

static void walk(sel4c_fat_t *vol, const char *path, int depth)
{
    sel4c_fat_dir_t dir;
    if (sel4c_fat_opendir(vol, &dir, path) != SEL4C_FAT_OK)
        return;
    for (;;) {
        sel4c_fat_stat_t st;
        bool end;
        if (--budget < 0 || sel4c_fat_readdir(&dir, &st, &end) != SEL4C_FAT_OK || end)
            return;
        char child[1024];
        snprintf(child, sizeof child, "%s/%s", path, st.name);
        if (st.attr & SEL4C_FAT_ATTR_DIRECTORY) {
            if (depth < 6)
                walk(vol, child, depth + 1);
            continue;
        }
        sel4c_fat_file_t f;
        if (sel4c_fat_open(vol, &f, child, SEL4C_FAT_READ) != SEL4C_FAT_OK)
            continue;
        static uint8_t buf[3000];
        size_t got;
        for (int i = 0; i < 64; i++)
            if (sel4c_fat_read(&f, buf, sizeof buf, &got) != SEL4C_FAT_OK || got == 0)
                break;
        (void)sel4c_fat_close(&f);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 512)
        return 0;
    sparse_t s = {malloc(size), size};
    memcpy(s.data, data, size);
    uint32_t total = data[19] | data[20] << 8;
    if (total == 0)
        total = data[32] | data[33] << 8 | data[34] << 16 | (uint32_t)data[35] << 24;
    uint64_t sectors = total > size / 512 ? total : size / 512;
    sel4c_blk_t dev = {&s, sp_read, sp_write, NULL, sectors, 512};
    sel4c_fat_t vol;
    if (sel4c_fat_mount(&vol, &dev, cache, sizeof cache, NULL, NULL, 0) == SEL4C_FAT_OK) {
        budget = 2000;
        walk(&vol, "", 0);
        sel4c_fat_file_t f;
        if (sel4c_fat_open(&vol, &f, "/fuzz file.txt", SEL4C_FAT_WRITE | SEL4C_FAT_CREATE) ==
            SEL4C_FAT_OK) {
            static uint8_t junk[5000];
            size_t w;
            (void)sel4c_fat_write(&f, junk, sizeof junk, &w);
            (void)sel4c_fat_truncate(&f, 700);
            (void)sel4c_fat_close(&f);
        }
        (void)sel4c_fat_mkdir(&vol, "/New Dir");
        (void)sel4c_fat_rename(&vol, "/fuzz file.txt", "/New Dir/moved");
        (void)sel4c_fat_unlink(&vol, "/New Dir/moved");
        (void)sel4c_fat_rmdir(&vol, "/New Dir");
        sel4c_fat_statfs_t fs;
        (void)sel4c_fat_statfs(&vol, &fs);
        (void)sel4c_fat_unmount(&vol);
    }
    free(s.data);
    return 0;
}
