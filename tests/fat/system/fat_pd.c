/*
 * lib/fat in a protection domain, on a disk image linked into the PD's data (image.sh made
 * it: an MBR and a FAT12 partition). Reads the files image.sh wrote, then writes, renames and
 * removes, remounts and reads back. Success (fat.system): "fat_pd: PASS"; else a line ending in
 * "FAIL" says what failed.
 */
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/fat.h>
#include <sel4c/mbr.h>

/* global (hidden) symbols: references to local labels through the GOT would share a slot */
__asm__(".section .data.fat_image, \"aw\"\n"
        ".balign 512\n"
        ".global fat_image, fat_image_end\n"
        ".hidden fat_image, fat_image_end\n"
        "fat_image:\n"
        ".incbin \"" FAT_IMAGE "\"\n"
        "fat_image_end:\n"
        ".previous\n");
extern uint8_t fat_image[] __attribute__((visibility("hidden")));
extern uint8_t fat_image_end[] __attribute__((visibility("hidden")));

static int ram_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    (void)ctx;
    memcpy(buf, fat_image + sector * 512, (size_t)count * 512);
    return 0;
}

static int ram_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    (void)ctx;
    memcpy(fat_image + sector * 512, buf, (size_t)count * 512);
    return 0;
}

static sel4c_fat_t vol;
static uint64_t cache[SEL4C_FAT_CACHE_BYTES(8, 512) / 8];
static uint8_t buf[20000], back[20000];
static int failed;

static void check(sel4c_fat_err_t err, const char *what)
{
    if (err != SEL4C_FAT_OK && !failed) {
        printf("fat_pd: %s: %s (%s): FAIL\n", what, sel4c_fat_strerror(err),
               sel4c_fat_error(&vol)->reason);
        failed = 1;
    }
}

static void expect_file(const char *path, const void *want, size_t len)
{
    sel4c_fat_file_t f;
    size_t got = 0;
    check(sel4c_fat_open(&vol, &f, path, SEL4C_FAT_READ), path);
    check(sel4c_fat_read(&f, back, sizeof back, &got), path);
    check(sel4c_fat_close(&f), path);
    if (!failed && (got != len || memcmp(back, want, len) != 0)) {
        printf("fat_pd: %s: %zu bytes, not the expected %zu: FAIL\n", path, got, len);
        failed = 1;
    }
}

void init(void)
{
    sel4c_blk_t disk = {
        NULL, ram_read, ram_write, NULL, (uint64_t)(fat_image_end - fat_image) / 512, 512};
    sel4c_blk_t dev;
    sel4c_mbr_t mbr;
    sel4c_mbr_part_t part;
    sel4c_mbr_err_t merr = sel4c_mbr_read(&disk, &mbr);
    if (merr == SEL4C_MBR_OK)
        merr = sel4c_mbr_partition(&disk, &mbr, 0, &part, &dev);
    if (merr != SEL4C_MBR_OK) {
        printf("fat_pd: partition table of %llu sectors: error %d (%s): FAIL\n",
               (unsigned long long)disk.sector_count, merr, mbr.reason);
        return;
    }
    check(sel4c_fat_mount(&vol, &dev, cache, sizeof cache, NULL, NULL, 0), "mount");
    const char *hello = "hello from a FAT volume\n";
    const char *sub = "a file with a long name in a subdirectory\n";
    expect_file("/hello.txt", hello, strlen(hello));
    expect_file("/sub directory/a long file name.text", sub, strlen(sub));

    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + i / 251);
    sel4c_fat_file_t f;
    size_t w;
    check(sel4c_fat_open(&vol, &f, "/Sub Directory/written by the PD.bin",
                         SEL4C_FAT_WRITE | SEL4C_FAT_CREATE),
          "create");
    check(sel4c_fat_write(&f, buf, sizeof buf, &w), "write");
    check(sel4c_fat_close(&f), "close");
    check(sel4c_fat_mkdir(&vol, "/new dir"), "mkdir");
    check(sel4c_fat_rename(&vol, "/Sub Directory/written by the PD.bin", "/new dir/moved.bin"),
          "rename");
    check(sel4c_fat_unlink(&vol, "/hello.txt"), "unlink");
    check(sel4c_fat_unmount(&vol), "unmount");
    check(sel4c_fat_mount(&vol, &dev, cache, sizeof cache, NULL, NULL, 0), "remount");
    expect_file("/new dir/moved.bin", buf, sizeof buf);
    sel4c_fat_stat_t st;
    if (!failed && sel4c_fat_stat(&vol, "/hello.txt", &st) != SEL4C_FAT_ERR_NOT_FOUND) {
        printf("fat_pd: /hello.txt still there: FAIL\n");
        failed = 1;
    }
    sel4c_fat_statfs_t fs;
    check(sel4c_fat_statfs(&vol, &fs), "statfs");
    if (!failed)
        printf("fat_pd: FAT%u, %u of %u clusters free\nfat_pd: PASS\n", fs.fat_type,
               fs.free_clusters, fs.cluster_count);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
