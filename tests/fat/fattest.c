/*
 * Host driver of the FAT tests (tests/fat/fat.mk):
 *
 *   fattest list IMG [-p]          every entry, recursively: "D /path" or "F /path size"
 *   fattest extract IMG DIR [-p]   the tree into host directory DIR
 *   fattest random IMG DIR SEED N [-p]   N random operations on the volume, mirrored on host
 *                                  directory DIR (which starts empty, like the volume)
 *   fattest crash IMG SEED MAXCUTS [-p]  the crash-consistency test (see crash())
 *   fattest hostile IMG [-p]       corrupted variants of IMG give CORRUPT with a reason
 *   fattest misc IMG [-p]          error codes, times, read-only mounts, a full volume
 *   fattest mbr                    partition tables: valid ones, and each kind of bad entry
 *   fattest tree DIR SEED          fills host directory DIR with the test tree (see tree())
 *
 * -p: IMG has an MBR partition table and the volume is its first partition.
 * -s4096: the device's sectors are 4096 bytes (list, extract, random).
 */
#define _GNU_SOURCE
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sel4c/fat.h>
#include <sel4c/mbr.h>
#include "ramdisk.h"

#define CACHE_SECTORS 32
static uint64_t cache_mem[SEL4C_FAT_CACHE_BYTES(CACHE_SECTORS, 4096) / 8 + 1];
/* the device's sector size (-s4096), and the cache bytes of CACHE_SECTORS such sectors */
static uint32_t sector_size = 512;
#define CACHE_BYTES SEL4C_FAT_CACHE_BYTES(CACHE_SECTORS, sector_size)

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fattest: error: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void check(sel4c_fat_t *vol, sel4c_fat_err_t err, const char *what)
{
    if (err != SEL4C_FAT_OK) {
        const sel4c_fat_error_info_t *e = sel4c_fat_error(vol);
        die("%s: %s (%s, sector %llu, cluster %u)", what, sel4c_fat_strerror(err), e->reason,
            (unsigned long long)e->sector, e->cluster);
    }
}

static void test_clock(void *ctx, sel4c_fat_time_t *now)
{
    (void)ctx;
    *now = (sel4c_fat_time_t){2024, 5, 17, 13, 45, 31};
}

/* The device the volume is on: the whole image, or its first partition. */
typedef struct disk {
    ramdisk_t ram;
    sel4c_blk_t whole, dev;
    sel4c_mbr_part_t part;
} disk_t;

static void disk_setup(disk_t *d, bool partitioned)
{
    d->ram.sector_size = sector_size;
    d->whole = ram_blk(&d->ram);
    d->dev = d->whole;
    if (!partitioned)
        return;
    sel4c_mbr_t mbr;
    sel4c_mbr_err_t err = sel4c_mbr_read(&d->whole, &mbr);
    if (err != SEL4C_MBR_OK)
        die("partition table: error %d (entry %d: %s)", err, mbr.bad_entry, mbr.reason);
    if (sel4c_mbr_partition(&d->whole, &mbr, 0, &d->part, &d->dev) != SEL4C_MBR_OK)
        die("no first partition");
}

static sel4c_fat_err_t mount(disk_t *d, sel4c_fat_t *vol)
{
    return sel4c_fat_mount(vol, &d->dev, cache_mem, CACHE_BYTES, test_clock, NULL, 0);
}

/* ---- list and extract ---- */

static void walk(sel4c_fat_t *vol, const char *path, const char *host)
{
    sel4c_fat_dir_t dir;
    check(vol, sel4c_fat_opendir(vol, &dir, path), path);
    static sel4c_fat_stat_t st;
    for (;;) {
        bool end;
        check(vol, sel4c_fat_readdir(&dir, &st, &end), path);
        if (end)
            break;
        char child[4096], hchild[4096];
        snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", st.name);
        if (host)
            snprintf(hchild, sizeof hchild, "%s/%s", host, st.name);
        sel4c_fat_dir_t saved = dir;
        if (st.attr & SEL4C_FAT_ATTR_DIRECTORY) {
            if (!host)
                printf("D %s\n", child);
            else if (mkdir(hchild, 0755) != 0)
                die("mkdir %s: %s", hchild, strerror(errno));
            walk(vol, child, host ? hchild : NULL);
        } else if (!host) {
            printf("F %s %u\n", child, st.size);
        } else {
            sel4c_fat_file_t f;
            check(vol, sel4c_fat_open(vol, &f, child, SEL4C_FAT_READ), child);
            FILE *out = fopen(hchild, "wb");
            if (!out)
                die("%s: %s", hchild, strerror(errno));
            static uint8_t buf[65536 + 7];
            size_t total = 0;
            for (;;) {
                size_t got;
                /* odd sizes and offsets exercise the partial-sector paths */
                size_t want = 1 + (size_t)rand() % (sizeof buf - 1);
                check(vol, sel4c_fat_read(&f, buf, want, &got), child);
                if (got == 0)
                    break;
                fwrite(buf, 1, got, out);
                total += got;
            }
            fclose(out);
            if (total != st.size)
                die("%s: read %zu bytes of %u", child, total, st.size);
            check(vol, sel4c_fat_close(&f), child);
        }
        dir = saved;
    }
}

/* ---- mirrored operations ---- */

typedef struct mirror {
    disk_t *disk;
    sel4c_fat_t vol;
    const char *host;
} mirror_t;

static const char *hpath(mirror_t *m, const char *path)
{
    static char buf[2][4096];
    static int which;
    which ^= 1;
    snprintf(buf[which], sizeof buf[which], "%s%s", m->host, path);
    return buf[which];
}

static sel4c_fat_err_t errno_to_fat(int e)
{
    switch (e) {
    case 0: return SEL4C_FAT_OK;
    case ENOENT: return SEL4C_FAT_ERR_NOT_FOUND;
    case EEXIST: return SEL4C_FAT_ERR_EXISTS;
    case ENOTEMPTY: return SEL4C_FAT_ERR_NOT_EMPTY;
    case ENOTDIR: return SEL4C_FAT_ERR_NOT_DIR;
    case EISDIR: return SEL4C_FAT_ERR_IS_DIR;
    default: return SEL4C_FAT_ERR_INVALID;
    }
}

static void agree(mirror_t *m, const char *op, const char *path, sel4c_fat_err_t got, int host)
{
    sel4c_fat_err_t want = errno_to_fat(host);
    if (got != want) {
        const sel4c_fat_error_info_t *e = sel4c_fat_error(&m->vol);
        die("%s %s: got '%s' (%s), the host says '%s'", op, path, sel4c_fat_strerror(got),
            e->reason, sel4c_fat_strerror(want));
    }
}

/* Writes `len` bytes at `off` (or appends, off < 0), creating the file when `create`. */
static void m_write(mirror_t *m, const char *path, long off, const uint8_t *data, size_t len,
                    bool create, bool trunc)
{
    sel4c_fat_file_t f;
    uint32_t flags = SEL4C_FAT_WRITE | SEL4C_FAT_READ | (create ? SEL4C_FAT_CREATE : 0) |
                     (trunc ? SEL4C_FAT_TRUNC : 0) | (off < 0 ? SEL4C_FAT_APPEND : 0);
    int hflags = O_RDWR | (create ? O_CREAT : 0) | (trunc ? O_TRUNC : 0) | (off < 0 ? O_APPEND : 0);
    int fd = open(hpath(m, path), hflags, 0644);
    sel4c_fat_err_t err = sel4c_fat_open(&m->vol, &f, path, flags);
    agree(m, "open", path, err, fd < 0 ? errno : 0);
    if (fd < 0)
        return;
    if (off >= 0) {
        check(&m->vol, sel4c_fat_seek(&f, (uint32_t)off), path);
        lseek(fd, off, SEEK_SET);
    }
    size_t written;
    check(&m->vol, sel4c_fat_write(&f, data, len, &written), path);
    if (written != len || write(fd, data, len) != (ssize_t)len)
        die("write %s: short", path);
    close(fd);
    check(&m->vol, sel4c_fat_close(&f), path);
}

static void m_truncate(mirror_t *m, const char *path, uint32_t size)
{
    sel4c_fat_file_t f;
    check(&m->vol, sel4c_fat_open(&m->vol, &f, path, SEL4C_FAT_WRITE), path);
    check(&m->vol, sel4c_fat_truncate(&f, size), path);
    check(&m->vol, sel4c_fat_close(&f), path);
    if (truncate(hpath(m, path), size) != 0)
        die("truncate %s: %s", path, strerror(errno));
}

static void m_mkdir(mirror_t *m, const char *path)
{
    int r = mkdir(hpath(m, path), 0755);
    agree(m, "mkdir", path, sel4c_fat_mkdir(&m->vol, path), r ? errno : 0);
}

static void m_rmdir(mirror_t *m, const char *path)
{
    int r = rmdir(hpath(m, path));
    agree(m, "rmdir", path, sel4c_fat_rmdir(&m->vol, path), r ? errno : 0);
}

static void m_unlink(mirror_t *m, const char *path)
{
    int r = unlink(hpath(m, path));
    agree(m, "unlink", path, sel4c_fat_unlink(&m->vol, path), r ? errno : 0);
}

static void m_rename(mirror_t *m, const char *from, const char *to)
{
    int r = access(hpath(m, to), F_OK) == 0 ? (errno = EEXIST, -1)
                                            : rename(hpath(m, from), hpath(m, to));
    agree(m, "rename", from, sel4c_fat_rename(&m->vol, from, to), r ? errno : 0);
}

/* The file at `path` reads back as the host's copy. */
static void m_verify(mirror_t *m, const char *path)
{
    FILE *h = fopen(hpath(m, path), "rb");
    if (!h)
        die("%s: %s", path, strerror(errno));
    sel4c_fat_file_t f;
    check(&m->vol, sel4c_fat_open(&m->vol, &f, path, SEL4C_FAT_READ), path);
    static uint8_t a[70000], b[70000];
    for (;;) {
        size_t want = 1 + (size_t)rand() % sizeof a, got;
        check(&m->vol, sel4c_fat_read(&f, a, want, &got), path);
        size_t hgot = fread(b, 1, want, h);
        if (got != hgot || memcmp(a, b, got) != 0)
            die("%s differs from the host's copy", path);
        if (got == 0)
            break;
    }
    fclose(h);
    check(&m->vol, sel4c_fat_close(&f), path);
}

/* The model of the tree the random test keeps, to pick valid operations. */
#define MAX_NODES 512
typedef struct node {
    char path[1024];
    bool dir, live;
} node_t;
static node_t nodes[MAX_NODES];
static int nnodes;

static uint64_t rng;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

static node_t *pick(int want_dir)
{
    int live[MAX_NODES], n = 0;
    for (int i = 0; i < nnodes; i++)
        if (nodes[i].live && (want_dir < 0 || nodes[i].dir == want_dir))
            live[n++] = i;
    return n ? &nodes[live[rnd((uint32_t)n)]] : NULL;
}

static const char *new_name(void)
{
    static char buf[300];
    static unsigned counter;
    counter++;
    switch (rnd(7)) {
    case 0: snprintf(buf, sizeof buf, "F%u.TXT", counter); break;
    case 1: snprintf(buf, sizeof buf, "file %u with a long name.data", counter); break;
    case 2: snprintf(buf, sizeof buf, "mixedCase%u", counter); break;
    case 3: snprintf(buf, sizeof buf, ".hidden%u", counter); break;
    case 4: snprintf(buf, sizeof buf, "n%u.tar.gz", counter); break;
    case 5: snprintf(buf, sizeof buf, "caf\xc3\xa9 \xe2\x82\xac%u", counter); break;
    default: {
        int len = snprintf(buf, sizeof buf, "v%u-", counter);
        int extra = (int)rnd(200);
        for (int i = 0; i < extra; i++)
            buf[len++] = (char)('a' + rnd(26));
        buf[len] = 0;
    }
    }
    return buf;
}

static node_t *add_node(const char *parent, bool dir)
{
    if (nnodes == MAX_NODES)
        return NULL;
    node_t *n = &nodes[nnodes++];
    snprintf(n->path, sizeof n->path, "%s/%s", strcmp(parent, "/") ? parent : "", new_name());
    n->dir = dir;
    n->live = true;
    return n;
}

static void remount(mirror_t *m)
{
    check(&m->vol, sel4c_fat_unmount(&m->vol), "unmount");
    check(&m->vol, mount(m->disk, &m->vol), "mount");
}

static int random_ops(const char *img, const char *host, uint64_t seed, int count, bool part)
{
    static disk_t d;
    if (ram_load(&d.ram, img) != 0)
        die("cannot read %s", img);
    disk_setup(&d, part);
    mirror_t m = {.disk = &d, .host = host};
    check(&m.vol, mount(&d, &m.vol), "mount");
    rng = seed ? seed : 1;
    printf("fattest random: seed %llu, %d operations\n", (unsigned long long)seed, count);
    nodes[0] = (node_t){"/", true, true};
    nnodes = 1;
    static uint8_t data[300000];
    for (int op = 0; op < count; op++) {
        for (size_t i = 0; i < sizeof data; i++)
            data[i] = (uint8_t)rnd(256);
        size_t len = rnd(10) == 0 ? rnd(sizeof data) : rnd(5000);
        uint32_t kind = rnd(100);
        node_t *n;
        if (kind < 25) {
            node_t *dir = pick(1), *f = add_node(dir->path, false);
            if (f)
                m_write(&m, f->path, 0, data, len, true, false);
        } else if (kind < 40 && (n = pick(0))) {
            m_write(&m, n->path, -1, data, len, false, false);
        } else if (kind < 50 && (n = pick(0))) {
            struct stat sb;
            stat(hpath(&m, n->path), &sb);
            m_write(&m, n->path, rnd((uint32_t)sb.st_size + 3000), data, len, false, false);
        } else if (kind < 55 && (n = pick(0))) {
            m_write(&m, n->path, 0, data, len, false, true);
        } else if (kind < 62 && (n = pick(0))) {
            struct stat sb;
            stat(hpath(&m, n->path), &sb);
            m_truncate(&m, n->path, rnd((uint32_t)sb.st_size * 2 + 100));
        } else if (kind < 70) {
            node_t *dir = pick(1), *nd = add_node(dir->path, true);
            if (nd)
                m_mkdir(&m, nd->path);
        } else if (kind < 76 && (n = pick(1)) && n != &nodes[0]) {
            m_rmdir(&m, n->path); /* fails with NOT_EMPTY when it has entries, as on the host */
            if (access(hpath(&m, n->path), F_OK) != 0)
                n->live = false;
        } else if (kind < 84 && (n = pick(0))) {
            m_unlink(&m, n->path);
            n->live = false;
        } else if (kind < 92 && (n = pick(-1)) && n != &nodes[0]) {
            node_t *dir = pick(1);
            size_t plen = strlen(n->path);
            /* a directory cannot move below itself: the test expects LOOP then */
            if (n->dir && strncmp(dir->path, n->path, plen) == 0 &&
                (dir->path[plen] == '/' || dir->path[plen] == 0)) {
                char to[1100];
                snprintf(to, sizeof to, "%s/x", dir->path);
                if (sel4c_fat_rename(&m.vol, n->path, to) != SEL4C_FAT_ERR_LOOP)
                    die("rename %s into %s is not refused as a loop", n->path, to);
                continue;
            }
            node_t *t = add_node(dir->path, n->dir);
            if (!t)
                continue;
            m_rename(&m, n->path, t->path);
            n->live = false;
            /* everything below a renamed directory moves with it */
            for (int i = 0; i < nnodes; i++) {
                if (nodes[i].live && strncmp(nodes[i].path, n->path, plen) == 0 &&
                    nodes[i].path[plen] == '/') {
                    char moved[1024];
                    snprintf(moved, sizeof moved, "%s%s", t->path, nodes[i].path + plen);
                    snprintf(nodes[i].path, sizeof nodes[i].path, "%s", moved);
                }
            }
        } else if (kind < 97 && (n = pick(0))) {
            m_verify(&m, n->path);
        } else {
            remount(&m);
        }
    }
    sel4c_fat_statfs_t fs;
    check(&m.vol, sel4c_fat_statfs(&m.vol, &fs), "statfs");
    check(&m.vol, sel4c_fat_unmount(&m.vol), "unmount");
    if (ram_save(&d.ram, img) != 0)
        die("cannot write %s", img);
    printf("fattest random: FAT%u, %u of %u clusters free\n", fs.fat_type, fs.free_clusters,
           fs.cluster_count);
    return 0;
}

/* ---- crash consistency ---- */

/*
 * Runs a workload recording every sector write, then for cuts k = 0..W (at most MAXCUTS of
 * them, evenly spread, always including the last): applies the first k writes to the original
 * image, runs `fsck.fat -a` (it may repair), checks that `fsck.fat -n` then finds nothing,
 * mounts the result and checks every file flushed before the cut. A file is expected to hold
 * one of the contents it was flushed with at or after its last flush before the cut (the
 * directory entry may already have the next one), under either name while it is renamed.
 */
#define CRASH_FILES 8
typedef struct snapshot {
    size_t at; /* writes recorded when the flush returned */
    uint32_t size;
} snapshot_t;
typedef struct crash_file {
    char path[2][300]; /* name, and its new name once renamed */
    uint8_t *data;     /* append-only contents */
    snapshot_t snap[64];
    int nsnap;
    size_t rename_at; /* writes when the rename started (SIZE_MAX: never) */
    size_t gone_at;   /* writes when an unlink or truncate started */
} crash_file_t;
static crash_file_t cf[CRASH_FILES];
/* writes when "/Sub directory" started moving to "/Moved/Sub directory" (SIZE_MAX: never) */
static size_t moved_at = SIZE_MAX;

/* `path` after the directory move */
static const char *moved(const char *path)
{
    static char buf[2][400];
    static int which;
    which ^= 1;
    const char *from = "/Sub directory/";
    if (strncmp(path, from, strlen(from)) == 0)
        snprintf(buf[which], sizeof buf[which], "/Moved%s", path);
    else
        snprintf(buf[which], sizeof buf[which], "%s", path);
    return buf[which];
}

static void flush_snap(ramdisk_t *r, crash_file_t *c, sel4c_fat_file_t *f)
{
    if (c->nsnap == 64)
        die("too many flushes");
    c->snap[c->nsnap++] = (snapshot_t){r->nlog, sel4c_fat_size(f)};
}

static int run_fsck(const char *opt, const char *path)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "fsck.fat %s %s >%s.log 2>&1", opt, path, path);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

static int crash(const char *img, uint64_t seed, size_t maxcuts, bool part)
{
    static disk_t d;
    if (ram_load(&d.ram, img) != 0)
        die("cannot read %s", img);
    uint8_t *orig = malloc(d.ram.size);
    memcpy(orig, d.ram.data, d.ram.size);
    disk_setup(&d, part);
    rng = seed ? seed : 1;
    printf("fattest crash: seed %llu\n", (unsigned long long)seed);
    sel4c_fat_t vol;
    check(&vol, mount(&d, &vol), "mount");
    d.ram.record = 1;
    check(&vol, sel4c_fat_mkdir(&vol, "/Sub directory"), "mkdir");
    for (int i = 0; i < CRASH_FILES; i++) {
        crash_file_t *c = &cf[i];
        snprintf(c->path[0], sizeof c->path[0], "%s/crash file %d%s", i % 2 ? "/Sub directory" : "",
                 i, i % 3 ? " with a long name.bin" : ".BIN");
        memcpy(c->path[1], c->path[0], sizeof c->path[1]);
        c->data = malloc(1 << 20);
        for (int k = 0; k < (1 << 20); k++)
            c->data[k] = (uint8_t)rnd(256);
        c->rename_at = c->gone_at = SIZE_MAX;
    }
    /* each file: created and flushed, then appended to and flushed in rounds, interleaved */
    uint32_t sizes[CRASH_FILES] = {0};
    for (int round = 0; round < 6; round++) {
        for (int i = 0; i < CRASH_FILES; i++) {
            crash_file_t *c = &cf[i];
            if (c->gone_at != SIZE_MAX)
                continue;
            sel4c_fat_file_t f;
            const char *p = c->path[c->rename_at == SIZE_MAX ? 0 : 1];
            if (moved_at != SIZE_MAX)
                p = moved(p);
            check(
                &vol,
                sel4c_fat_open(&vol, &f, p, SEL4C_FAT_WRITE | SEL4C_FAT_CREATE | SEL4C_FAT_APPEND),
                p);
            uint32_t add = round == 0 ? 0 : rnd(i == 0 ? 40000 : 3000);
            size_t w;
            check(&vol, sel4c_fat_write(&f, c->data + sizes[i], add, &w), p);
            sizes[i] += add;
            check(&vol, sel4c_fat_flush(&f), p);
            flush_snap(&d.ram, c, &f);
            check(&vol, sel4c_fat_close(&f), p);
        }
        if (round == 2) {
            /* an unflushed append, then a rename, a truncate and an unlink of other files */
            sel4c_fat_file_t f;
            check(&vol, sel4c_fat_open(&vol, &f, cf[0].path[0], SEL4C_FAT_WRITE | SEL4C_FAT_APPEND),
                  "append");
            size_t w;
            check(&vol, sel4c_fat_write(&f, cf[0].data + sizes[0], 5000, &w), "append");
            /* closed below; its data is not flushed until then */
            cf[2].rename_at = d.ram.nlog;
            snprintf(cf[2].path[1], sizeof cf[2].path[1], "/Sub directory/renamed file 2");
            check(&vol, sel4c_fat_rename(&vol, cf[2].path[0], cf[2].path[1]), "rename");
            cf[3].gone_at = d.ram.nlog;
            check(&vol, sel4c_fat_unlink(&vol, cf[3].path[0]), "unlink");
            cf[4].gone_at = d.ram.nlog;
            sel4c_fat_file_t t;
            check(&vol, sel4c_fat_open(&vol, &t, cf[4].path[0], SEL4C_FAT_WRITE), "truncate");
            check(&vol, sel4c_fat_truncate(&t, sizes[4] / 2), "truncate");
            check(&vol, sel4c_fat_close(&t), "truncate");
            sizes[0] += 5000;
            check(&vol, sel4c_fat_flush(&f), "append");
            flush_snap(&d.ram, &cf[0], &f);
            check(&vol, sel4c_fat_close(&f), "append");
        }
        if (round == 3) {
            /* a directory of flushed files moves into another; an empty one comes and goes */
            check(&vol, sel4c_fat_mkdir(&vol, "/Moved"), "mkdir");
            moved_at = d.ram.nlog;
            check(&vol, sel4c_fat_rename(&vol, "/Sub directory", "/Moved/Sub directory"),
                  "rename directory");
            check(&vol, sel4c_fat_mkdir(&vol, "/Moved/empty for a while"), "mkdir");
            check(&vol, sel4c_fat_rmdir(&vol, "/Moved/empty for a while"), "rmdir");
        }
    }
    check(&vol, sel4c_fat_unmount(&vol), "unmount");
    size_t total = d.ram.nlog;
    printf("fattest crash: %zu sector writes, %zu flushes\n", total, d.ram.flushes);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/fattest-crash-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0)
        die("mkstemp: %s", strerror(errno));
    close(fd);
    ramdisk_t cut = d.ram;
    cut.data = malloc(d.ram.size);
    cut.record = 0;
    size_t step = total / maxcuts + 1, checked = 0, repaired = 0;
    int max_passes = 0;
    uint8_t *state = malloc(d.ram.size);
    memcpy(state, orig, d.ram.size);
    size_t applied = 0;
    uint64_t base = part ? d.part.first * 512 : 0;
    for (size_t k = 0; k <= total; k += (k + step > total && k != total) ? total - k : step) {
        for (; applied < k; applied++)
            memcpy(state + d.ram.log[applied].sector * 512, d.ram.log[applied].data, 512);
        /* fsck.fat works on the filesystem: give it the partition alone */
        cut.size = d.ram.size - base;
        memcpy(cut.data, state + base, cut.size);
        if (ram_save(&cut, tmp) != 0)
            die("cannot write %s", tmp);
        /* a repair can leave work for a second pass (a cross-linked directory truncated to no
           clusters is deleted on the next): up to three passes */
        int a = 1, passes = 0;
        while (a == 1 && passes < 3) {
            a = run_fsck("-a -w", tmp);
            if (a > 1)
                die("cut %zu: fsck.fat -a failed (%d); see %s.log", k, a, tmp);
            passes += a == 1;
        }
        repaired += passes > 0;
        if (getenv("FATTEST_VERBOSE") && passes > 1)
            printf("fattest crash: cut %zu took %d fsck.fat -a passes\n", k, passes);
        max_passes = passes > max_passes ? passes : max_passes;
        int n = run_fsck("-n", tmp);
        if (n != 0)
            die("cut %zu: fsck.fat -n still finds errors after repair; see %s.log", k, tmp);
        ramdisk_t back;
        if (ram_load(&back, tmp) != 0)
            die("cannot read %s", tmp);
        disk_t bd = {.ram = back};
        disk_setup(&bd, false);
        sel4c_fat_t v;
        check(&v, mount(&bd, &v), "mount after the cut");
        for (int i = 0; i < CRASH_FILES; i++) {
            crash_file_t *c = &cf[i];
            if (c->gone_at <= k)
                continue;
            int first = -1;
            for (int s = 0; s < c->nsnap; s++)
                if (c->snap[s].at <= k)
                    first = s;
            if (first < 0)
                continue; /* not flushed yet */
            /* while renamed, the names may share the clusters until fsck.fat truncates one */
            const char *names[4] = {c->path[0]};
            int nnames = 1, intact = 0;
            if (c->rename_at <= k)
                names[nnames++] = c->path[1];
            if (moved_at <= k)
                for (int nm = nnames; nm-- > 0;)
                    names[nnames++] = moved(names[nm]);
            for (int nm = 0; nm < nnames; nm++) {
                sel4c_fat_file_t f;
                sel4c_fat_err_t err = sel4c_fat_open(&v, &f, names[nm], SEL4C_FAT_READ);
                if (err == SEL4C_FAT_ERR_NOT_FOUND)
                    continue;
                check(&v, err, names[nm]);
                uint32_t size = sel4c_fat_size(&f);
                bool ok = false;
                for (int s = first; s < c->nsnap; s++)
                    ok |= c->snap[s].size == size;
                static uint8_t buf[1 << 20];
                size_t got;
                check(&v, sel4c_fat_read(&f, buf, sizeof buf, &got), names[nm]);
                intact += ok && got == size && memcmp(buf, c->data, size) == 0;
                check(&v, sel4c_fat_close(&f), "close");
            }
            if (intact == 0)
                die("cut %zu of %zu: flushed file %s is missing or not what was flushed", k, total,
                    c->path[0]);
        }
        check(&v, sel4c_fat_unmount(&v), "unmount");
        free(back.data);
        checked++;
        if (k == total)
            break;
    }
    unlink(tmp);
    free(orig);
    free(state);
    free(cut.data);
    for (size_t i = 0; i < d.ram.nlog; i++)
        free(d.ram.log[i].data);
    free(d.ram.log);
    free(d.ram.data);
    for (int i = 0; i < CRASH_FILES; i++)
        free(cf[i].data);
    char logp[4200];
    snprintf(logp, sizeof logp, "%s.log", tmp);
    unlink(logp);
    printf("fattest crash: %zu cuts checked, fsck.fat repaired %zu of them (in up to %d passes), "
           "every flushed file intact\n",
           checked, repaired, max_passes);
    return 0;
}

/* ---- hostile images ---- */

static disk_t hd;
static uint8_t *hostile_orig;

/* Mounts the (changed) image and walks it, reading every file; returns the first error. */
static sel4c_fat_err_t try_walk(sel4c_fat_t *vol, const char *path, int depth)
{
    sel4c_fat_dir_t dir;
    sel4c_fat_err_t err = sel4c_fat_opendir(vol, &dir, path);
    if (err)
        return err;
    static sel4c_fat_stat_t st;
    for (;;) {
        bool end;
        if ((err = sel4c_fat_readdir(&dir, &st, &end)) || end)
            return err;
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", st.name);
        sel4c_fat_dir_t saved = dir;
        if (st.attr & SEL4C_FAT_ATTR_DIRECTORY) {
            if (depth < 16 && (err = try_walk(vol, child, depth + 1)))
                return err;
        } else {
            sel4c_fat_file_t f;
            if ((err = sel4c_fat_open(vol, &f, child, SEL4C_FAT_READ)))
                return err;
            static uint8_t buf[8192];
            size_t got;
            do {
                if ((err = sel4c_fat_read(&f, buf, sizeof buf, &got)))
                    return err;
            } while (got);
        }
        dir = saved;
    }
}

static void expect(const char *what, sel4c_fat_err_t want, const char *reason_part)
{
    sel4c_fat_t vol;
    sel4c_fat_err_t err = mount(&hd, &vol);
    if (err == SEL4C_FAT_OK)
        err = try_walk(&vol, "/", 0);
    const char *reason = sel4c_fat_error(&vol)->reason;
    if (err != want || !strstr(reason, reason_part))
        die("%s: got '%s' (%s), expected '%s' (%s)", what, sel4c_fat_strerror(err), reason,
            sel4c_fat_strerror(want), reason_part);
    printf("fattest hostile: %s: %s: %s (sector %llu, cluster %u)\n", what, sel4c_fat_strerror(err),
           reason, (unsigned long long)sel4c_fat_error(&vol)->sector,
           sel4c_fat_error(&vol)->cluster);
    memcpy(hd.ram.data, hostile_orig, hd.ram.size);
}

static int hostile(const char *img, bool part)
{
    if (ram_load(&hd.ram, img) != 0)
        die("cannot read %s", img);
    hostile_orig = malloc(hd.ram.size);
    memcpy(hostile_orig, hd.ram.data, hd.ram.size);
    disk_setup(&hd, part);
    uint8_t *fs = hd.ram.data + (part ? hd.part.first * 512 : 0);
    sel4c_fat_t vol;
    check(&vol, mount(&hd, &vol), "mount");
    check(&vol, try_walk(&vol, "/", 0), "walk of the intact image");
    /* the image has /big.bin of several clusters and /dir/ with long names in it */
    sel4c_fat_stat_t big, dir;
    check(&vol, sel4c_fat_stat(&vol, "/big.bin", &big), "/big.bin");
    check(&vol, sel4c_fat_stat(&vol, "/dir", &dir), "/dir");
    uint32_t c1 = big.first_cluster;
    uint8_t *fat = fs + (size_t)vol.fat_start * 512;
    uint8_t type = vol.fat_type;
    uint32_t count = vol.cluster_count;
    uint8_t *dirdata =
        fs + (vol.data_start + (uint64_t)(dir.first_cluster - 2) * vol.sec_per_clus) * 512;
    uint8_t *rootdata =
        type == 32
            ? fs + (vol.data_start + (uint64_t)(vol.root_cluster - 2) * vol.sec_per_clus) * 512
            : fs + (size_t)vol.root_start * 512;
    if (big.size <= vol.cluster_size * 2)
        die("/big.bin must span more than two clusters");
    check(&vol, sel4c_fat_unmount(&vol), "unmount");

    /* sets FAT entry `c` in the first FAT only (the one read) */
    void set_fat(uint32_t c, uint32_t v)
    {
        if (type == 32) {
            memcpy(fat + 4 * c, &v, 4);
        } else if (type == 16) {
            uint16_t w = (uint16_t)v;
            memcpy(fat + 2 * c, &w, 2);
        } else {
            uint8_t *p = fat + c + c / 2;
            uint16_t w = (uint16_t)(p[0] | p[1] << 8);
            w = c & 1 ? (uint16_t)((w & 0x000F) | (v & 0xFFF) << 4)
                      : (uint16_t)((w & 0xF000) | (v & 0xFFF));
            p[0] = (uint8_t)w;
            p[1] = (uint8_t)(w >> 8);
        }
    }
    uint32_t get_fat(uint32_t c)
    {
        if (type == 32)
            return (fat[4 * c] | fat[4 * c + 1] << 8 | fat[4 * c + 2] << 16 |
                    (uint32_t)fat[4 * c + 3] << 24) &
                   0x0FFFFFFF;
        if (type == 16)
            return (uint32_t)(fat[2 * c] | fat[2 * c + 1] << 8);
        uint8_t *p = fat + c + c / 2;
        uint16_t w = (uint16_t)(p[0] | p[1] << 8);
        return c & 1 ? w >> 4 : w & 0xFFF;
    }
    /* the root directory entry of `name` (8.3, padded) */
    uint8_t *root_entry(const char *raw)
    {
        for (int i = 0; i < 512; i++)
            if (memcmp(rootdata + 32 * i, raw, 11) == 0)
                return rootdata + 32 * i;
        die("no root entry %s", raw);
        return NULL;
    }
    uint32_t c2 = get_fat(c1);

    fs[510] = 0;
    expect("no boot signature", SEL4C_FAT_ERR_NOT_FAT, "signature");
    fs[13] = 3;
    expect("sectors per cluster not a power of two", SEL4C_FAT_ERR_CORRUPT, "power of two");
    fs[16] = 0;
    expect("no FATs", SEL4C_FAT_ERR_CORRUPT, "FATs");
    fs[14] = fs[15] = 0;
    expect("no reserved sectors", SEL4C_FAT_ERR_CORRUPT, "reserved");
    fs[19] = fs[20] = 0;
    fs[32] = fs[33] = fs[34] = 0;
    fs[35] = 0x7F;
    expect("volume larger than the device", SEL4C_FAT_ERR_CORRUPT, "larger than its device");
    if (type == 32) {
        fs[44] = 0xFF, fs[45] = 0xFF, fs[46] = 0xFF, fs[47] = 0x0F;
        expect("root cluster outside the volume", SEL4C_FAT_ERR_CORRUPT, "root directory cluster");
    } else {
        fs[22] = 1, fs[23] = 0;
        expect("FAT too small", SEL4C_FAT_ERR_CORRUPT, "FAT too small");
    }
    set_fat(c2, c1);
    expect("cluster chain that loops", SEL4C_FAT_ERR_CORRUPT, "chain");
    set_fat(c1, count + 2);
    expect("cluster chain leaving the volume", SEL4C_FAT_ERR_CORRUPT, "outside the volume");
    set_fat(c1, 0);
    expect("free cluster in a chain", SEL4C_FAT_ERR_CORRUPT, "free or reserved");
    set_fat(c1, type == 12 ? 0xFF7 : type == 16 ? 0xFFF7 : 0x0FFFFFF7);
    expect("bad cluster in a chain", SEL4C_FAT_ERR_CORRUPT, "bad cluster");
    uint8_t *e = root_entry("BIG     BIN");
    e[28] = e[29] = e[30] = 0xFF, e[31] = 0x7F;
    expect("file larger than the volume", SEL4C_FAT_ERR_CORRUPT, "larger than the volume");
    e = root_entry("BIG     BIN");
    e[26] = 0xFF, e[27] = 0xFF, e[20] = 0xFF, e[21] = 0x0F;
    expect("file starting outside the volume", SEL4C_FAT_ERR_CORRUPT, "outside the volume");
    e = root_entry("BIG     BIN");
    e[26] = e[27] = e[20] = e[21] = 0;
    expect("file with a size and no clusters", SEL4C_FAT_ERR_CORRUPT, "no clusters");
    /* long names in /dir: the first sequence of two or more long entries */
    uint8_t *l = dirdata;
    while (l < dirdata + vol.cluster_size &&
           !((l[11] & 0x3F) == 0x0F && (l[0] & 0x40) && (l[0] & 0x1F) >= 2))
        l += 32;
    if (l >= dirdata + vol.cluster_size)
        die("/dir has no long name of two entries in its first cluster");
    uint8_t first_ord = l[0];
    l[13] ^= 0x55;
    expect("long name with a wrong checksum", SEL4C_FAT_ERR_CORRUPT, "checksum");
    l[0] = (uint8_t)(first_ord + 1); /* one more entry than there is */
    expect("long name sequence numbers wrong", SEL4C_FAT_ERR_CORRUPT, "long name");
    l[32] = 0x42;
    expect("long name interrupted by another", SEL4C_FAT_ERR_CORRUPT, "interrupted");
    l[0] = first_ord & 0x1F;
    expect("long name without its start", SEL4C_FAT_ERR_CORRUPT, "out of order");
    uint8_t *p = l;
    while ((p[11] & 0x3F) == 0x0F)
        p += 32;
    p[0] = 0xE5;
    expect("long name followed by a deleted entry", SEL4C_FAT_ERR_CORRUPT, "deleted entry");
    memset(p, 0, 32 * 4);
    expect("long name at the end of the directory", SEL4C_FAT_ERR_CORRUPT, "end of a directory");
    e = root_entry("DIR        ");
    e[26] = 1, e[27] = 0, e[20] = e[21] = 0;
    expect("directory starting at a reserved cluster", SEL4C_FAT_ERR_CORRUPT, "outside the volume");
    /* a directory whose chain loops onto itself ends at 65536 entries, or earlier */
    set_fat(dir.first_cluster, dir.first_cluster);
    {
        sel4c_fat_t v;
        check(&v, mount(&hd, &v), "mount");
        sel4c_fat_dir_t dd;
        check(&v, sel4c_fat_opendir(&v, &dd, "/dir"), "opendir");
        sel4c_fat_stat_t st;
        bool end = false;
        sel4c_fat_err_t err = SEL4C_FAT_OK;
        long n = 0;
        while (!end && err == SEL4C_FAT_OK && n < 200000) {
            err = sel4c_fat_readdir(&dd, &st, &end);
            n++;
        }
        if (n >= 200000)
            die("a directory chain that loops is listed without end");
        printf("fattest hostile: looping directory chain: listing stops after %ld entries (%s)\n",
               n, sel4c_fat_strerror(err));
        memcpy(hd.ram.data, hostile_orig, hd.ram.size);
    }
    printf("fattest hostile: every corrupted image refused with its reason\n");
    return 0;
}

/* ---- error codes, times, read-only mounts, a full volume ---- */

static void want(sel4c_fat_t *vol, sel4c_fat_err_t got, sel4c_fat_err_t expected, const char *what)
{
    if (got != expected)
        die("%s: got '%s' (%s), expected '%s'", what, sel4c_fat_strerror(got),
            sel4c_fat_error(vol)->reason, sel4c_fat_strerror(expected));
}

static int misc(const char *img, bool part)
{
    static disk_t d;
    if (ram_load(&d.ram, img) != 0)
        die("cannot read %s", img);
    disk_setup(&d, part);
    sel4c_fat_t vol;
    sel4c_fat_file_t f;
    sel4c_fat_stat_t st;
    size_t w;
    check(&vol, mount(&d, &vol), "mount");
    sel4c_fat_statfs_t before, after;
    check(&vol, sel4c_fat_statfs(&vol, &before), "statfs");

    /* times come from the clock callback (2024-05-17 13:45:31; FAT keeps 2-second steps) */
    check(&vol, sel4c_fat_mkdir(&vol, "/d"), "mkdir /d");
    check(&vol, sel4c_fat_open(&vol, &f, "/d/timed.txt", SEL4C_FAT_WRITE | SEL4C_FAT_CREATE),
          "create");
    check(&vol, sel4c_fat_write(&f, "x", 1, &w), "write");
    check(&vol, sel4c_fat_close(&f), "close");
    check(&vol, sel4c_fat_stat(&vol, "/d/timed.txt", &st), "stat");
    if (st.modified.year != 2024 || st.modified.month != 5 || st.modified.day != 17 ||
        st.modified.hour != 13 || st.modified.minute != 45 || st.modified.second != 30 ||
        st.created.second != 31 || st.accessed.day != 17 || st.size != 1 ||
        !(st.attr & SEL4C_FAT_ATTR_ARCHIVE))
        die("stat of a new file: %u-%u-%u %u:%u:%u, created second %u, size %u", st.modified.year,
            st.modified.month, st.modified.day, st.modified.hour, st.modified.minute,
            st.modified.second, st.created.second, st.size);

    /* short aliases by the basis-name rules, with the lowest free numeric tail */
    const char *alias[][2] = {
        {"readme.txt", "README.TXT"},
        {"A long file name.bin", "ALONGF~1.BIN"},
        {"a long FILE name.bin2", "ALONGF~1.BIN"},
        {"A long file name.binary", "ALONGF~2.BIN"},
        {".bashrc", "BASHRC~1"},
        {"foo.tar.gz", "FOOTAR~1.GZ"},
        {"x+y;z=w[1].txt", "X_Y_Z_~1.TXT"},
        {"caf\xc3\xa9.txt", "CAF_~1.TXT"},
        {"UPPER.TXT", "UPPER.TXT"},
        {"Mixed.TXT", "MIXED.TXT"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++) {
        char path[300];
        snprintf(path, sizeof path, "/d/%s", alias[i][0]);
        if (i == 2)
            snprintf(path, sizeof path, "/%s", alias[i][0]); /* another directory */
        check(&vol, sel4c_fat_open(&vol, &f, path, SEL4C_FAT_WRITE | SEL4C_FAT_CREATE), path);
        check(&vol, sel4c_fat_close(&f), path);
        check(&vol, sel4c_fat_stat(&vol, path, &st), path);
        if (strcmp(st.short_name, alias[i][1]) != 0 || strcmp(st.name, alias[i][0]) != 0)
            die("%s: name %s, alias %s, expected %s", path, st.name, st.short_name, alias[i][1]);
        char by_alias[300];
        snprintf(by_alias, sizeof by_alias, "%.*s/%s", i == 2 ? 0 : 2, "/d", alias[i][1]);
        check(&vol, sel4c_fat_stat(&vol, by_alias, &st), by_alias);
        check(&vol, sel4c_fat_unlink(&vol, i == 2 ? path : by_alias), "unlink by alias");
        if (i == 1 || i == 3) { /* keep ~1 taken, to see ~2 */
            check(&vol, sel4c_fat_open(&vol, &f, path, SEL4C_FAT_WRITE | SEL4C_FAT_CREATE), path);
            check(&vol, sel4c_fat_close(&f), path);
        }
    }
    check(&vol, sel4c_fat_unlink(&vol, "/d/A long file name.bin"), "unlink");
    check(&vol, sel4c_fat_unlink(&vol, "/d/A long file name.binary"), "unlink");

    /* 1030 names of one basis: tails beyond the first window of 1024 */
    check(&vol, sel4c_fat_mkdir(&vol, "/many"), "mkdir /many");
    for (int i = 1; i <= 1030; i++) {
        char path[64];
        snprintf(path, sizeof path, "/many/Same basis name %04d.txt", i);
        check(&vol, sel4c_fat_open(&vol, &f, path, SEL4C_FAT_WRITE | SEL4C_FAT_CREATE), path);
        check(&vol, sel4c_fat_close(&f), path);
        char want_alias[32];
        snprintf(want_alias, sizeof want_alias, "%.*s~%d.TXT",
                 i < 10     ? 6
                 : i < 100  ? 5
                 : i < 1000 ? 4
                            : 3,
                 "SAMEBASI", i);
        check(&vol, sel4c_fat_stat(&vol, path, &st), path);
        if (strcmp(st.short_name, want_alias) != 0)
            die("%s: alias %s, expected %s", path, st.short_name, want_alias);
    }
    for (int i = 1; i <= 1030; i++) {
        char path[64];
        snprintf(path, sizeof path, "/many/Same basis name %04d.txt", i);
        check(&vol, sel4c_fat_unlink(&vol, path), path);
    }
    check(&vol, sel4c_fat_rmdir(&vol, "/many"), "rmdir /many");

    /* error codes */
    want(&vol, sel4c_fat_open(&vol, &f, "/d", SEL4C_FAT_READ), SEL4C_FAT_ERR_IS_DIR, "open dir");
    want(&vol, sel4c_fat_open(&vol, &f, "/", SEL4C_FAT_READ), SEL4C_FAT_ERR_IS_DIR, "open /");
    want(&vol, sel4c_fat_open(&vol, &f, "/d/timed.txt/x", SEL4C_FAT_READ), SEL4C_FAT_ERR_NOT_DIR,
         "file as directory");
    want(&vol, sel4c_fat_open(&vol, &f, "/nowhere/x", SEL4C_FAT_READ), SEL4C_FAT_ERR_NOT_FOUND,
         "missing directory");
    want(&vol,
         sel4c_fat_open(&vol, &f, "/d/TIMED.TXT",
                        SEL4C_FAT_WRITE | SEL4C_FAT_CREATE | SEL4C_FAT_EXCL),
         SEL4C_FAT_ERR_EXISTS, "exclusive create of an existing name (other case)");
    want(&vol, sel4c_fat_open(&vol, &f, "/d/timed.txt", 0), SEL4C_FAT_ERR_INVALID, "no mode");
    want(&vol, sel4c_fat_open(&vol, &f, "/d/timed.txt", SEL4C_FAT_READ | SEL4C_FAT_TRUNC),
         SEL4C_FAT_ERR_INVALID, "truncate without write");
    const char *bad[] = {"/d/a:b", "/d/trailing.", "/d/trailing ",
                         "/d/q?",  "/d/\x01",      "/d/bad\xff"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        want(&vol, sel4c_fat_open(&vol, &f, bad[i], SEL4C_FAT_WRITE | SEL4C_FAT_CREATE),
             SEL4C_FAT_ERR_INVALID, bad[i]);
    char longname[300] = "/d/";
    memset(longname + 3, 'n', 256);
    want(&vol, sel4c_fat_mkdir(&vol, longname), SEL4C_FAT_ERR_INVALID, "256-character name");
    longname[3 + 255] = 0;
    check(&vol, sel4c_fat_mkdir(&vol, longname), "255-character name");
    want(&vol, sel4c_fat_mkdir(&vol, "/d"), SEL4C_FAT_ERR_EXISTS, "mkdir existing");
    want(&vol, sel4c_fat_rmdir(&vol, "/d"), SEL4C_FAT_ERR_NOT_EMPTY, "rmdir non-empty");
    want(&vol, sel4c_fat_rmdir(&vol, "/"), SEL4C_FAT_ERR_INVALID, "rmdir /");
    want(&vol, sel4c_fat_rmdir(&vol, "/d/timed.txt"), SEL4C_FAT_ERR_NOT_DIR, "rmdir file");
    want(&vol, sel4c_fat_unlink(&vol, "/d"), SEL4C_FAT_ERR_IS_DIR, "unlink dir");
    want(&vol, sel4c_fat_rename(&vol, "/d", "/d/inside"), SEL4C_FAT_ERR_LOOP, "rename into itself");
    want(&vol, sel4c_fat_rename(&vol, "/d/timed.txt", longname), SEL4C_FAT_ERR_EXISTS,
         "rename onto an existing name");
    check(&vol, sel4c_fat_rename(&vol, "/d/timed.txt", "/d/TIMED.txt"), "rename changing case");
    check(&vol, sel4c_fat_stat(&vol, "/d/timed.txt", &st), "stat after case change");
    if (strcmp(st.name, "TIMED.txt") != 0)
        die("rename changing case gives %s", st.name);
    check(&vol, sel4c_fat_open(&vol, &f, "/d/./../d/TIMED.txt", SEL4C_FAT_READ), ". and ..");
    want(&vol, sel4c_fat_write(&f, "x", 1, &w), SEL4C_FAT_ERR_INVALID, "write to a read handle");
    check(&vol, sel4c_fat_close(&f), "close");

    /* read-only: the attribute, and a read-only mount */
    check(&vol,
          sel4c_fat_set_attributes(&vol, "/d/TIMED.txt",
                                   SEL4C_FAT_ATTR_READ_ONLY | SEL4C_FAT_ATTR_HIDDEN |
                                       SEL4C_FAT_ATTR_DIRECTORY),
          "set read-only");
    check(&vol, sel4c_fat_stat(&vol, "/d/TIMED.txt", &st), "stat");
    if (st.attr != (SEL4C_FAT_ATTR_READ_ONLY | SEL4C_FAT_ATTR_HIDDEN))
        die("attributes 0x%x after setting read-only and hidden", st.attr);
    want(&vol, sel4c_fat_open(&vol, &f, "/d/TIMED.txt", SEL4C_FAT_WRITE), SEL4C_FAT_ERR_READ_ONLY,
         "write to a read-only file");
    want(&vol, sel4c_fat_unlink(&vol, "/d/TIMED.txt"), SEL4C_FAT_ERR_READ_ONLY,
         "unlink a read-only file");
    want(&vol, sel4c_fat_set_attributes(&vol, "/", 0), SEL4C_FAT_ERR_INVALID, "attributes of /");
    check(&vol, sel4c_fat_set_attributes(&vol, "/d", SEL4C_FAT_ATTR_HIDDEN), "hide /d");
    check(&vol, sel4c_fat_stat(&vol, "/d", &st), "stat");
    if (st.attr != (SEL4C_FAT_ATTR_HIDDEN | SEL4C_FAT_ATTR_DIRECTORY))
        die("attributes of /d 0x%x", st.attr);
    check(&vol, sel4c_fat_set_attributes(&vol, "/d", 0), "unhide /d");
    check(&vol, sel4c_fat_set_attributes(&vol, "/d/TIMED.txt", SEL4C_FAT_ATTR_ARCHIVE), "clear");
    check(&vol, sel4c_fat_unmount(&vol), "unmount");
    check(&vol,
          sel4c_fat_mount(&vol, &d.dev, cache_mem, CACHE_BYTES, NULL, NULL,
                          SEL4C_FAT_MOUNT_READ_ONLY),
          "mount read-only");
    want(&vol, sel4c_fat_open(&vol, &f, "/d/TIMED.txt", SEL4C_FAT_WRITE), SEL4C_FAT_ERR_READ_ONLY,
         "write on a read-only mount");
    want(&vol, sel4c_fat_mkdir(&vol, "/e"), SEL4C_FAT_ERR_READ_ONLY, "mkdir on a read-only mount");
    want(&vol, sel4c_fat_unlink(&vol, "/d/TIMED.txt"), SEL4C_FAT_ERR_READ_ONLY,
         "unlink on a read-only mount");
    check(&vol, sel4c_fat_unmount(&vol), "unmount");
    check(&vol, mount(&d, &vol), "mount");

    /* a full volume: NO_SPACE with what was written counted, and all of it freed again */
    static uint8_t chunk[1 << 16];
    memset(chunk, 0xA5, sizeof chunk);
    check(&vol, sel4c_fat_open(&vol, &f, "/fill.bin", SEL4C_FAT_WRITE | SEL4C_FAT_CREATE), "fill");
    uint64_t total = 0;
    sel4c_fat_err_t err;
    do {
        err = sel4c_fat_write(&f, chunk, sizeof chunk, &w);
        total += w;
    } while (err == SEL4C_FAT_OK);
    want(&vol, err, SEL4C_FAT_ERR_NO_SPACE, "filling the volume");
    check(&vol, sel4c_fat_close(&f), "close");
    check(&vol, sel4c_fat_statfs(&vol, &after), "statfs");
    check(&vol, sel4c_fat_stat(&vol, "/fill.bin", &st), "stat");
    if (after.free_clusters != 0 || st.size != total ||
        total < (uint64_t)(before.free_clusters - 4) * before.cluster_size)
        die("full volume: %u clusters free, file of %u bytes, %llu written", after.free_clusters,
            st.size, (unsigned long long)total);
    want(&vol, sel4c_fat_mkdir(&vol, "/no room"), SEL4C_FAT_ERR_NO_SPACE, "mkdir on a full volume");
    check(&vol, sel4c_fat_unlink(&vol, "/fill.bin"), "unlink");
    check(&vol, sel4c_fat_unlink(&vol, "/d/TIMED.txt"), "unlink");
    check(&vol, sel4c_fat_rmdir(&vol, longname), "rmdir");
    check(&vol, sel4c_fat_rmdir(&vol, "/d"), "rmdir");
    check(&vol, sel4c_fat_statfs(&vol, &after), "statfs");
    if (after.free_clusters != before.free_clusters)
        die("%u clusters free after freeing everything, %u before", after.free_clusters,
            before.free_clusters);
    /* the fixed root of FAT12/16 fills up; a FAT32 root grows */
    if (vol.fat_type != 32) {
        int n = 0;
        do {
            char name[32];
            snprintf(name, sizeof name, "/R%d", n++);
            err = sel4c_fat_mkdir(&vol, name);
        } while (err == SEL4C_FAT_OK && n < 100000);
        want(&vol, err, SEL4C_FAT_ERR_NO_SPACE, "a full root directory");
        printf("fattest misc: root directory full after %d entries\n", n - 1);
    }
    check(&vol, sel4c_fat_unmount(&vol), "unmount");
    want(&vol, sel4c_fat_stat(&vol, "/d", &st), SEL4C_FAT_ERR_INVALID, "stat after unmount");
    if (ram_save(&d.ram, img) != 0)
        die("cannot write %s", img);
    free(d.ram.data);
    printf("fattest misc: FAT%u: error codes, times, read-only mounts and a full volume (%llu "
           "bytes) as expected\n",
           after.fat_type, (unsigned long long)total);
    return 0;
}

/* ---- MBR partition tables ---- */

static void mbr_entry(uint8_t *disk, int i, uint8_t status, uint8_t type, uint32_t first,
                      uint32_t count)
{
    uint8_t *e = disk + 446 + 16 * i;
    memset(e, 0, 16);
    e[0] = status;
    e[4] = type;
    memcpy(e + 8, &first, 4);
    memcpy(e + 12, &count, 4);
}

static void mbr_expect(ramdisk_t *r, sel4c_mbr_err_t want, int entry, const char *reason)
{
    sel4c_blk_t blk = ram_blk(r);
    sel4c_mbr_t mbr;
    sel4c_mbr_err_t err = sel4c_mbr_read(&blk, &mbr);
    if (err != want || (want == SEL4C_MBR_ERR_BAD_ENTRY &&
                        (mbr.bad_entry != entry || !strstr(mbr.reason, reason))))
        die("partition table: got error %d (entry %d: %s), expected %d (entry %d: %s)", err,
            mbr.bad_entry, mbr.reason, want, entry, reason);
    if (err == SEL4C_MBR_ERR_BAD_ENTRY)
        printf("fattest mbr: entry %d refused: %s\n", mbr.bad_entry, mbr.reason);
}

static int mbr_tests(void)
{
    ramdisk_t r = {.size = 1000 * 512, .sector_size = 512};
    r.data = calloc(1, r.size);
    for (size_t i = 0; i < r.size; i++)
        r.data[i] = (uint8_t)(i / 512);
    memset(r.data, 0, 512);
    mbr_expect(&r, SEL4C_MBR_ERR_NO_TABLE, -1, "");
    r.data[510] = 0x55, r.data[511] = 0xAA;
    mbr_entry(r.data, 0, 0x80, 0x0C, 100, 200);
    mbr_entry(r.data, 2, 0x00, 0x06, 300, 700);
    mbr_expect(&r, SEL4C_MBR_OK, -1, "");
    /* a partition reads its own sectors, and nothing beyond its end */
    sel4c_blk_t disk = ram_blk(&r), dev;
    sel4c_mbr_t mbr;
    sel4c_mbr_part_t part;
    if (sel4c_mbr_read(&disk, &mbr) != SEL4C_MBR_OK || !mbr.entry[0].bootable ||
        mbr.entry[2].first != 300 || mbr.entry[2].count != 700)
        die("partition table read wrongly");
    if (sel4c_mbr_partition(&disk, &mbr, 1, &part, &dev) != SEL4C_MBR_ERR_INVALID)
        die("an unused entry gives a partition");
    if (sel4c_mbr_partition(&disk, &mbr, 0, &part, &dev) != SEL4C_MBR_OK)
        die("no partition from entry 0");
    uint8_t buf[1024];
    if (dev.sector_count != 200 || dev.read(dev.ctx, 0, 2, buf) != 0 || buf[0] != 100 ||
        buf[512] != 101)
        die("partition 0 does not read sectors 100 and 101");
    if (dev.read(dev.ctx, 199, 2, buf) == 0 || dev.write(dev.ctx, 200, 1, buf) == 0 ||
        dev.read(dev.ctx, UINT64_MAX, 1, buf) == 0)
        die("partition 0 reaches beyond its end");
    mbr_entry(r.data, 1, 0x00, 0x0C, 250, 60);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "overlaps another");
    mbr_entry(r.data, 1, 0x00, 0x0C, 900, 101);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "beyond the disk");
    mbr_entry(r.data, 1, 0x00, 0x0C, 0xFFFFFFFF, 0xFFFFFFFF);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "beyond the disk");
    mbr_entry(r.data, 1, 0x00, 0x0C, 50, 0);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "zero sectors");
    mbr_entry(r.data, 1, 0x12, 0x0C, 50, 10);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "status byte");
    mbr_entry(r.data, 1, 0x00, 0x00, 50, 10);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "unused entry");
    mbr_entry(r.data, 1, 0x00, 0x0C, 0, 10);
    mbr_expect(&r, SEL4C_MBR_ERR_BAD_ENTRY, 1, "partition table");
    mbr_entry(r.data, 1, 0x00, 0x0C, 50, 50);
    mbr_expect(&r, SEL4C_MBR_OK, -1, "");
    free(r.data);
    printf("fattest mbr: valid tables read, every bad entry refused\n");
    return 0;
}

/* ---- the test tree ---- */

static void host_file(const char *dir, const char *name, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    for (size_t i = 0; i < size; i++)
        fputc((int)rnd(256), f);
    fclose(f);
}

static void host_dir(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
    if (mkdir(out, 0755) != 0)
        die("%s: %s", out, strerror(errno));
}

/*
 * Nested directories, long and 8.3 names (upper and lower case), names with spaces, several
 * dots and UTF-8, hidden files, empty files and directories, files of odd sizes spanning many
 * clusters, and a directory of 150 entries (longer than a cluster of small volumes).
 */
static int tree(const char *top, uint64_t seed)
{
    rng = seed ? seed : 1;
    char a[4096], b[4096], c[4096], e[4096];
    host_file(top, "README.TXT", 1234);
    host_file(top, "hello.txt", 6);
    host_file(top, "empty", 0);
    host_file(top, "big.bin", 300000 + rnd(70000));
    host_file(top, "A file with a rather long name, and spaces.text", 5000);
    host_file(top, ".hidden", 77);
    host_file(top, "archive.tar.gz", 4097);
    host_file(top, "caf\xc3\xa9 \xe2\x82\xac.txt", 513);
    host_dir(a, sizeof a, top, "dir");
    host_file(a, "Another long name in a subdirectory.dat", 70000);
    host_file(a, "x", 1);
    host_file(a, "exactly-512", 512);
    host_file(a, "exactly-4096", 4096);
    host_dir(b, sizeof b, a, "Nested Directory");
    host_dir(c, sizeof c, b, "deeper");
    host_file(c, "leaf.bin", 12345);
    host_dir(e, sizeof e, c, "empty dir");
    host_dir(e, sizeof e, top, "many");
    for (int i = 0; i < 150; i++) {
        char name[64];
        snprintf(name, sizeof name, i % 3 ? "entry number %03d.txt" : "E%03d.TXT", i);
        host_file(e, name, rnd(3000));
    }
    return 0;
}

int main(int argc, char **argv)
{
    bool part = false;
    int n = 0;
    char *args[8];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0)
            part = true;
        else if (strcmp(argv[i], "-s4096") == 0)
            sector_size = 4096;
        else if (n < 8)
            args[n++] = argv[i];
    }
    srand(1);
    if (n == 2 && strcmp(args[0], "list") == 0) {
        static disk_t d;
        if (ram_load(&d.ram, args[1]) != 0)
            die("cannot read %s", args[1]);
        disk_setup(&d, part);
        sel4c_fat_t vol;
        check(&vol, mount(&d, &vol), "mount");
        walk(&vol, "/", NULL);
        return 0;
    }
    if (n == 3 && strcmp(args[0], "extract") == 0) {
        static disk_t d;
        if (ram_load(&d.ram, args[1]) != 0)
            die("cannot read %s", args[1]);
        disk_setup(&d, part);
        sel4c_fat_t vol;
        check(&vol, mount(&d, &vol), "mount");
        walk(&vol, "/", args[2]);
        return 0;
    }
    if (n == 5 && strcmp(args[0], "random") == 0)
        return random_ops(args[1], args[2], strtoull(args[3], 0, 0), atoi(args[4]), part);
    if (n == 4 && strcmp(args[0], "crash") == 0)
        return crash(args[1], strtoull(args[2], 0, 0), (size_t)atoi(args[3]), part);
    if (n == 2 && strcmp(args[0], "misc") == 0)
        return misc(args[1], part);
    if (n == 1 && strcmp(args[0], "mbr") == 0)
        return mbr_tests();
    if (n == 3 && strcmp(args[0], "tree") == 0)
        return tree(args[1], strtoull(args[2], 0, 0));
    if (n == 2 && strcmp(args[0], "hostile") == 0)
        return hostile(args[1], part);
    fprintf(stderr, "usage: fattest list|extract|random|crash|hostile ... (see the source)\n");
    return 2;
}
