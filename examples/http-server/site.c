/* The site in memory, loaded from a FAT partition (site.h). */
#include "site.h"

#include <sel4c/fat.h>
#include <sel4c/mbr.h>
#include <sel4c/rtc.h>
#include <stdio.h>
#include <string.h>

struct entry {
    char path[SITE_PATH_MAX];
    const uint8_t *data;
    uint64_t size;
    int64_t mtime;
    bool is_dir;
};

static struct entry entries[SITE_MAX_ENTRIES];
static unsigned n_entries;
static uint8_t arena[SITE_ARENA];
static size_t arena_used;
static uint8_t cache[SEL4C_FAT_CACHE_BYTES(64, 4096)] __attribute__((aligned(64)));

static int64_t fat_seconds(const sel4c_fat_time_t *t)
{
    sel4c_civil_time_t c = {.year = t->year,
                            .month = t->month ? t->month : 1,
                            .day = t->day ? t->day : 1,
                            .hour = t->hour,
                            .minute = t->minute,
                            .second = t->second};
    int64_t s;
    return sel4c_civil_to_seconds(&c, &s) == SEL4C_NO_ERROR ? s : 0;
}

static struct entry *add(const char *path, bool is_dir, const sel4c_fat_stat_t *st)
{
    if (n_entries == SITE_MAX_ENTRIES) {
        printf("site: more than %u entries: %s left out\n", SITE_MAX_ENTRIES, path);
        return NULL;
    }
    struct entry *e = &entries[n_entries++];
    strcpy(e->path, path);
    e->is_dir = is_dir;
    e->mtime = st != NULL ? fat_seconds(&st->modified) : 0;
    return e;
}

static int load_file(sel4c_fat_t *vol, const char *path, const sel4c_fat_stat_t *st)
{
    if (st->size > SITE_ARENA - arena_used) {
        printf("site: %s (%u bytes) does not fit: left out\n", path, st->size);
        return 0;
    }
    sel4c_fat_file_t f;
    sel4c_fat_err_t err = sel4c_fat_open(vol, &f, path, SEL4C_FAT_READ);
    size_t got = 0;
    if (!err)
        err = sel4c_fat_read(&f, arena + arena_used, st->size, &got);
    if (!err)
        err = sel4c_fat_close(&f);
    if (err || got != st->size) {
        printf("site: %s: %s (%s)\n", path, sel4c_fat_strerror(err), sel4c_fat_error(vol)->reason);
        return -1;
    }
    struct entry *e = add(path, false, st);
    if (e != NULL) {
        e->data = arena + arena_used;
        e->size = st->size;
        arena_used += (st->size + 63) & ~(size_t)63;
    }
    return 0;
}

/* Loads the directory `path` ("" for the root) and everything under it, `depth` deep. */
static int load_dir(sel4c_fat_t *vol, const char *path, int depth)
{
    if (depth > 16) {
        printf("site: %s: deeper than 16 directories: left out\n", path);
        return 0;
    }
    sel4c_fat_dir_t dir;
    sel4c_fat_err_t err = sel4c_fat_opendir(vol, &dir, path[0] ? path : "/");
    if (err) {
        printf("site: %s: %s\n", path[0] ? path : "/", sel4c_fat_strerror(err));
        return -1;
    }
    static sel4c_fat_stat_t st; /* one at a time: the recursion does not need it after */
    for (;;) {
        bool end;
        err = sel4c_fat_readdir(&dir, &st, &end);
        if (err) {
            printf("site: %s: %s (%s)\n", path, sel4c_fat_strerror(err),
                   sel4c_fat_error(vol)->reason);
            return -1;
        }
        if (end)
            return 0;
        if (strcmp(st.name, ".") == 0 || strcmp(st.name, "..") == 0 ||
            (st.attr & SEL4C_FAT_ATTR_VOLUME_ID))
            continue;
        char child[SITE_PATH_MAX];
        if ((size_t)snprintf(child, sizeof child, "%s/%s", path, st.name) >= sizeof child) {
            printf("site: %s/%s: path too long: left out\n", path, st.name);
            continue;
        }
        if (st.attr & SEL4C_FAT_ATTR_DIRECTORY) {
            if (add(child, true, &st) == NULL || load_dir(vol, child, depth + 1) != 0)
                return -1;
        } else if (load_file(vol, child, &st) != 0) {
            return -1;
        }
    }
}

long site_load(const sel4c_blk_t *disk)
{
    static sel4c_mbr_t mbr;
    static sel4c_mbr_part_t part;
    static sel4c_blk_t dev;
    static sel4c_fat_t vol;
    sel4c_mbr_err_t merr = sel4c_mbr_read(disk, &mbr);
    if (merr == SEL4C_MBR_OK)
        merr = sel4c_mbr_partition(disk, &mbr, 0, &part, &dev);
    if (merr != SEL4C_MBR_OK) {
        printf("site: error: the disk has no usable partition table (%d)\n", (int)merr);
        return -1;
    }
    sel4c_fat_err_t err =
        sel4c_fat_mount(&vol, &dev, cache, sizeof cache, NULL, NULL, SEL4C_FAT_MOUNT_READ_ONLY);
    if (err) {
        printf("site: error: partition 1: %s (%s)\n", sel4c_fat_strerror(err),
               sel4c_fat_error(&vol)->reason);
        return -1;
    }
    n_entries = 0;
    arena_used = 0;
    add("/", true, NULL);
    if (load_dir(&vol, "", 0) != 0)
        return -1;
    if (sel4c_fat_unmount(&vol) != SEL4C_FAT_OK)
        printf("site: unmount: %s\n", sel4c_fat_error(&vol)->reason);
    long files = 0;
    for (unsigned i = 0; i < n_entries; i++)
        files += !entries[i].is_dir;
    printf("site: %ld files, %zu bytes, from a FAT%u partition\n", files, arena_used,
           (unsigned)vol.fat_type);
    return files;
}

/* ---- the HTTP core's file source ---- */

static sel4c_http_err_t site_open(void *ctx, const char *path, void **file, sel4c_http_stat_t *st)
{
    (void)ctx;
    /* FAT names are case-insensitive; the site's links are written as stored. */
    for (unsigned i = 0; i < n_entries; i++) {
        if (strcasecmp(entries[i].path, path) == 0) {
            *file = &entries[i];
            *st = (sel4c_http_stat_t){
                .size = entries[i].size, .mtime = entries[i].mtime, .is_dir = entries[i].is_dir};
            return SEL4C_HTTP_OK;
        }
    }
    return SEL4C_HTTP_ENOENT;
}

static long site_read(void *ctx, void *file, uint64_t offset, void *buf, size_t len)
{
    (void)ctx;
    const struct entry *e = file;
    if (offset >= e->size)
        return 0;
    if (len > e->size - offset)
        len = (size_t)(e->size - offset);
    memcpy(buf, e->data + offset, len);
    return (long)len;
}

static void site_close(void *ctx, void *file)
{
    (void)ctx;
    (void)file;
}

const sel4c_http_files_t site_files = {.open = site_open, .read = site_read, .close = site_close};
