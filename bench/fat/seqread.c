/*
 * Sequential read through lib/fat from an image in memory: a 64 MiB file written through the
 * library, then read whole in 4 KiB blocks (and in 1 MiB blocks, which take the direct path
 * for whole sectors). Prints MB/s and the cost per 4 KiB block; asserts nothing about time.
 *   seqread IMAGE LABEL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sel4c/fat.h>
#include "../../tests/fat/ramdisk.h"

#define FILE_SIZE (64u << 20)

static uint64_t cache[SEL4C_FAT_CACHE_BYTES(64, 512) / 8];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void check(sel4c_fat_t *vol, sel4c_fat_err_t err, const char *what)
{
    if (err != SEL4C_FAT_OK) {
        fprintf(stderr, "seqread: error: %s: %s (%s)\n", what, sel4c_fat_strerror(err),
                sel4c_fat_error(vol)->reason);
        exit(1);
    }
}

/* Reads the file whole in `block`-byte reads; returns seconds, best of three. */
static double read_all(sel4c_fat_t *vol, size_t block, uint8_t *buf, uint64_t *sum)
{
    double best = 1e9;
    for (int run = 0; run < 3; run++) {
        sel4c_fat_file_t f;
        double t0 = now();
        check(vol, sel4c_fat_open(vol, &f, "/big file.bin", SEL4C_FAT_READ), "open");
        size_t got, total = 0;
        do {
            check(vol, sel4c_fat_read(&f, buf, block, &got), "read");
            *sum += got ? buf[got - 1] : 0;
            total += got;
        } while (got);
        double t = now() - t0;
        check(vol, sel4c_fat_close(&f), "close");
        if (total != FILE_SIZE) {
            fprintf(stderr, "seqread: error: read %zu bytes of %u\n", total, FILE_SIZE);
            exit(1);
        }
        best = t < best ? t : best;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: seqread IMAGE LABEL\n");
        return 2;
    }
    ramdisk_t r;
    if (ram_load(&r, argv[1]) != 0) {
        fprintf(stderr, "seqread: error: cannot read %s\n", argv[1]);
        return 1;
    }
    sel4c_blk_t dev = ram_blk(&r);
    sel4c_fat_t vol;
    check(&vol, sel4c_fat_mount(&vol, &dev, cache, sizeof cache, NULL, NULL, 0), "mount");
    uint8_t *buf = malloc(1 << 20);
    for (size_t i = 0; i < (1 << 20); i++)
        buf[i] = (uint8_t)(i * 7);
    sel4c_fat_file_t f;
    check(&vol, sel4c_fat_open(&vol, &f, "/big file.bin", SEL4C_FAT_WRITE | SEL4C_FAT_CREATE),
          "create");
    double t0 = now();
    for (unsigned i = 0; i < FILE_SIZE >> 20; i++) {
        size_t w;
        check(&vol, sel4c_fat_write(&f, buf, 1 << 20, &w), "write");
    }
    check(&vol, sel4c_fat_close(&f), "close");
    double tw = now() - t0;
    uint64_t sum = 0;
    double t4k = read_all(&vol, 4096, buf, &sum);
    double t1m = read_all(&vol, 1 << 20, buf, &sum);
    double mb = FILE_SIZE / 1e6;
    printf("bench/fat %s: write 64 MiB in 1 MiB blocks: %.0f MB/s\n", argv[2], mb / tw);
    printf("bench/fat %s: read 64 MiB in 4 KiB blocks: %.0f MB/s, %.2f us per 4 KiB block\n",
           argv[2], mb / t4k, t4k * 1e6 / (FILE_SIZE / 4096));
    printf("bench/fat %s: read 64 MiB in 1 MiB blocks: %.0f MB/s (checksum %llu)\n", argv[2],
           mb / t1m, (unsigned long long)sum);
    check(&vol, sel4c_fat_unmount(&vol), "unmount");
    free(buf);
    free(r.data);
    return 0;
}
