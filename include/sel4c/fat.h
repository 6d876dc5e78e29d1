/*
 * FAT12, FAT16 and FAT32 volumes with long file names (VFAT), on a sel4c_blk_t.
 *
 * Memory: the caller owns everything. It allocates the volume (sel4c_fat_t), a sector cache
 * (SEL4C_FAT_CACHE_BYTES(sectors, sector_size) bytes, at least 4 sectors, 8-byte aligned),
 * and the file and directory handles. The library keeps pointers to the cache and the device
 * until sel4c_fat_unmount(); it never allocates. It needs up to about 4.5 KiB of stack.
 *
 * Threads: a volume and everything opened on it are used by one thread at a time.
 *
 * Sharing: a file may be open several times for reading. While it is open for writing it must
 * not be open elsewhere, and a file or directory that is open must not be unlinked, removed or
 * renamed (the handles would point at the old directory entry).
 *
 * Paths are absolute or relative to the root, '/'-separated, in UTF-8; names match case-
 * insensitively for ASCII letters, against the long name or the 8.3 name. Files are at most
 * 4 GiB - 1 bytes (the on-disk size field).
 *
 * Write ordering (docs/fat.md): every metadata write goes to the device when it is made, in an
 * order that leaves a volume fsck.fat repairs without losing a file that was flushed. Appended
 * data counts once sel4c_fat_flush() or sel4c_fat_close() returned.
 *
 * Errors: every function that can fail returns a sel4c_fat_err_t. After SEL4C_FAT_ERR_CORRUPT
 * and SEL4C_FAT_ERR_IO, sel4c_fat_error() says why and where (for a message naming the place).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4c/blk.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sel4c_fat_err {
    SEL4C_FAT_OK = 0,
    /* The device failed (a callback returned nonzero). */
    SEL4C_FAT_ERR_IO,
    /* The volume's structures are inconsistent or out of range (see sel4c_fat_error()). */
    SEL4C_FAT_ERR_CORRUPT,
    /* Not a FAT volume this library reads: no boot signature, or an unsupported geometry. */
    SEL4C_FAT_ERR_NOT_FAT,
    /* A bad argument: an empty path, a name that is not valid UTF-8 or not allowed on FAT,
       a read on a file opened only for writing, a cache too small, ... */
    SEL4C_FAT_ERR_INVALID,
    SEL4C_FAT_ERR_NOT_FOUND,
    SEL4C_FAT_ERR_EXISTS,
    /* A path component, or the target of opendir/rmdir, is a file. */
    SEL4C_FAT_ERR_NOT_DIR,
    /* open or unlink of a directory. */
    SEL4C_FAT_ERR_IS_DIR,
    SEL4C_FAT_ERR_NOT_EMPTY,
    /* No free cluster, or a directory that cannot grow (the FAT12/16 root, 65536 entries). */
    SEL4C_FAT_ERR_NO_SPACE,
    /* The file would exceed 4 GiB - 1 bytes. */
    SEL4C_FAT_ERR_TOO_BIG,
    /* The entry is read-only (attribute), or the volume was mounted read-only. */
    SEL4C_FAT_ERR_READ_ONLY,
    /* rename of a directory into itself or below it. */
    SEL4C_FAT_ERR_LOOP,
} sel4c_fat_err_t;

/* A static string naming `err` ("corrupt volume"). */
const char *sel4c_fat_strerror(sel4c_fat_err_t err);

/* Date and time as FAT stores them (local time, 2-second resolution, years 1980-2107). */
typedef struct sel4c_fat_time {
    uint16_t year;
    uint8_t month, day, hour, minute, second;
} sel4c_fat_time_t;

/* The current time for timestamps; NULL means 1980-01-01 00:00:00. */
typedef void (*sel4c_fat_clock_fn)(void *ctx, sel4c_fat_time_t *now);

/* Directory entry attributes */
#define SEL4C_FAT_ATTR_READ_ONLY 0x01
#define SEL4C_FAT_ATTR_HIDDEN    0x02
#define SEL4C_FAT_ATTR_SYSTEM    0x04
#define SEL4C_FAT_ATTR_VOLUME_ID 0x08
#define SEL4C_FAT_ATTR_DIRECTORY 0x10
#define SEL4C_FAT_ATTR_ARCHIVE   0x20

/* Longest name in UTF-8 bytes plus its NUL (255 UTF-16 units, 3 bytes each at most). */
#define SEL4C_FAT_NAME_MAX 768

/* Cache bookkeeping per sector, and the bytes a cache of `n` sectors of `size` bytes needs. */
typedef struct sel4c_fat_cache_slot {
    uint64_t sector;
    uint32_t used; /* LRU stamp; 0: empty */
    uint32_t pad;
} sel4c_fat_cache_slot_t;
#define SEL4C_FAT_CACHE_BYTES(n, size) ((size_t)(n) * ((size) + sizeof(sel4c_fat_cache_slot_t)))

typedef struct sel4c_fat_error_info {
    /* A static string saying what is wrong ("cluster chain loops"), or "" */
    const char *reason;
    /* The sector holding the bad structure, and the cluster involved (0: none) */
    uint64_t sector;
    uint32_t cluster;
} sel4c_fat_error_info_t;

/* A mounted volume. Its fields are the library's: read them through the functions below. */
typedef struct sel4c_fat {
    sel4c_blk_t dev;
    sel4c_fat_clock_fn clock;
    void *clock_ctx;
    sel4c_fat_cache_slot_t *slots;
    uint8_t *cache_data;
    uint32_t cache_n, cache_stamp, cache_last;
    uint8_t fat_type; /* 12, 16 or 32 */
    uint8_t num_fats, active_fat;
    bool mirror, read_only, fsinfo_stale;
    uint32_t sector_size, sec_per_clus, cluster_size;
    uint32_t fat_start, fat_sectors;
    uint32_t root_start, root_entries, root_cluster;
    uint32_t data_start, cluster_count;
    uint32_t fsinfo_sector, free_count, next_free;
    uint64_t total_sectors;
    sel4c_fat_error_info_t error;
} sel4c_fat_t;

/* An open file. */
typedef struct sel4c_fat_file {
    sel4c_fat_t *vol;
    uint32_t first, size, pos;
    /* The cluster holding byte `clus_pos` of the file (0: not located yet) */
    uint32_t clus, clus_pos;
    /* Where the file's short directory entry is */
    uint64_t entry_sector;
    uint32_t entry_offset;
    uint32_t flags;
    bool dirty;
} sel4c_fat_file_t;

/* A directory being listed. */
typedef struct sel4c_fat_dir {
    sel4c_fat_t *vol;
    uint32_t first, index;
    uint32_t clus, clus_index;
} sel4c_fat_dir_t;

typedef struct sel4c_fat_stat {
    /* The long name if there is one, else the 8.3 name ("README.TXT", lower-cased where the
       entry's case flags say so) */
    char name[SEL4C_FAT_NAME_MAX];
    char short_name[13];
    uint8_t attr;
    uint32_t size;
    uint32_t first_cluster;
    sel4c_fat_time_t created, modified, accessed; /* accessed: the date only */
} sel4c_fat_stat_t;

typedef struct sel4c_fat_statfs {
    uint8_t fat_type;
    uint32_t cluster_size;
    uint32_t cluster_count;
    uint32_t free_clusters;
} sel4c_fat_statfs_t;

/* Mount flags */
#define SEL4C_FAT_MOUNT_READ_ONLY 0x1

/*
 * Mounts the FAT volume on `dev` (copied) into `vol`, with `cache_bytes` of `cache` as the
 * sector cache and `clock` for timestamps. Reads and checks the boot sector (BPB) and on FAT32
 * the FSInfo sector (used as a hint only when its signatures and values are valid). Errors: IO,
 * NOT_FAT (no signature, sector size other than the device's, a geometry that is not FAT),
 * CORRUPT (fields that contradict each other or the device size), INVALID (cache smaller than
 * 4 sectors, or misaligned).
 */
sel4c_fat_err_t sel4c_fat_mount(sel4c_fat_t *vol, const sel4c_blk_t *dev, void *cache,
                                size_t cache_bytes, sel4c_fat_clock_fn clock, void *clock_ctx,
                                uint32_t flags) __attribute__((warn_unused_result));
/*
 * Writes the FSInfo sector (FAT32) and flushes the device. Files that are open keep their
 * unflushed data (use sel4c_fat_flush()). Errors: IO.
 */
sel4c_fat_err_t sel4c_fat_sync(sel4c_fat_t *vol) __attribute__((warn_unused_result));
/* sel4c_fat_sync(), after which `vol` and its cache may be reused (calls on the unmounted
   volume return INVALID). Errors: IO. */
sel4c_fat_err_t sel4c_fat_unmount(sel4c_fat_t *vol) __attribute__((warn_unused_result));

/* Why the last CORRUPT or IO error happened. */
const sel4c_fat_error_info_t *sel4c_fat_error(const sel4c_fat_t *vol);

/* Type, cluster size, clusters and free clusters (counted once if not known). Errors: IO,
   CORRUPT. */
sel4c_fat_err_t sel4c_fat_statfs(sel4c_fat_t *vol, sel4c_fat_statfs_t *out)
    __attribute__((warn_unused_result));

/* open flags */
#define SEL4C_FAT_READ   0x01
#define SEL4C_FAT_WRITE  0x02
#define SEL4C_FAT_CREATE 0x04 /* create the file if it does not exist */
#define SEL4C_FAT_EXCL   0x08 /* with CREATE: fail with EXISTS if it exists */
#define SEL4C_FAT_TRUNC  0x10 /* truncate to 0 on open (needs WRITE) */
#define SEL4C_FAT_APPEND 0x20 /* every write goes to the end */

/*
 * Opens the file at `path` into `file`. Errors: NOT_FOUND, NOT_DIR (a component is a file),
 * IS_DIR, EXISTS (CREATE|EXCL), READ_ONLY (WRITE on a read-only entry or volume), INVALID (no
 * READ or WRITE flag, a bad name), NO_SPACE (the directory cannot grow), CORRUPT (including a
 * size the cluster chain cannot hold), IO.
 */
sel4c_fat_err_t sel4c_fat_open(sel4c_fat_t *vol, sel4c_fat_file_t *file, const char *path,
                               uint32_t flags) __attribute__((warn_unused_result));
/* Reads up to `len` bytes at the position into `buf`; `*got` is 0 at the end of the file.
   Errors: INVALID (not opened for reading), CORRUPT, IO. */
sel4c_fat_err_t sel4c_fat_read(sel4c_fat_file_t *file, void *buf, size_t len, size_t *got)
    __attribute__((warn_unused_result));
/*
 * Writes `len` bytes at the position (at the end with APPEND), growing the file; a position
 * beyond the end fills the gap with zeros. On NO_SPACE or TOO_BIG `*written` says how much was
 * written. Errors: INVALID (not opened for writing), NO_SPACE, TOO_BIG, CORRUPT, IO.
 */
sel4c_fat_err_t sel4c_fat_write(sel4c_fat_file_t *file, const void *buf, size_t len,
                                size_t *written) __attribute__((warn_unused_result));
/* Sets the position (any value; see sel4c_fat_write()). Errors: none (always OK). */
sel4c_fat_err_t sel4c_fat_seek(sel4c_fat_file_t *file, uint32_t pos)
    __attribute__((warn_unused_result));
static inline uint32_t sel4c_fat_tell(const sel4c_fat_file_t *file)
{
    return file->pos;
}
static inline uint32_t sel4c_fat_size(const sel4c_fat_file_t *file)
{
    return file->size;
}
/* Cuts the file to `size` bytes or extends it with zeros. Errors: as sel4c_fat_write(). */
sel4c_fat_err_t sel4c_fat_truncate(sel4c_fat_file_t *file, uint32_t size)
    __attribute__((warn_unused_result));
/* Writes the directory entry (size, first cluster, times) and flushes the device: after it
   returns, the data written so far survives a crash. Errors: IO, CORRUPT. */
sel4c_fat_err_t sel4c_fat_flush(sel4c_fat_file_t *file) __attribute__((warn_unused_result));
/* sel4c_fat_flush() if anything was written; the handle is then unused. Errors: as flush. */
sel4c_fat_err_t sel4c_fat_close(sel4c_fat_file_t *file) __attribute__((warn_unused_result));

/* Information about the entry at `path` (the root has attribute DIRECTORY and name "/").
   Errors: NOT_FOUND, NOT_DIR, INVALID, CORRUPT, IO. */
sel4c_fat_err_t sel4c_fat_stat(sel4c_fat_t *vol, const char *path, sel4c_fat_stat_t *st)
    __attribute__((warn_unused_result));
/* Removes a file. Errors: NOT_FOUND, IS_DIR, READ_ONLY, NOT_DIR, INVALID, CORRUPT, IO. */
sel4c_fat_err_t sel4c_fat_unlink(sel4c_fat_t *vol, const char *path)
    __attribute__((warn_unused_result));
/* Creates an empty directory. Errors: EXISTS, NOT_FOUND (parent), NO_SPACE, READ_ONLY,
   NOT_DIR, INVALID, CORRUPT, IO. */
sel4c_fat_err_t sel4c_fat_mkdir(sel4c_fat_t *vol, const char *path)
    __attribute__((warn_unused_result));
/* Removes an empty directory. Errors: NOT_EMPTY, NOT_DIR, NOT_FOUND, INVALID (the root),
   READ_ONLY, CORRUPT, IO. */
sel4c_fat_err_t sel4c_fat_rmdir(sel4c_fat_t *vol, const char *path)
    __attribute__((warn_unused_result));
/*
 * Moves `from` to `to` (which must not exist), across directories too. Errors: EXISTS,
 * NOT_FOUND, LOOP (a directory into itself), NO_SPACE, READ_ONLY, NOT_DIR, INVALID, CORRUPT, IO.
 */
sel4c_fat_err_t sel4c_fat_rename(sel4c_fat_t *vol, const char *from, const char *to)
    __attribute__((warn_unused_result));

/*
 * Sets the READ_ONLY, HIDDEN, SYSTEM and ARCHIVE attributes of the entry at `path` to those
 * bits of `attr` (other bits are ignored; DIRECTORY stays as it is). A read-only file cannot be
 * opened for writing or unlinked; it can be renamed. Errors: NOT_FOUND, INVALID (the root),
 * READ_ONLY (volume), NOT_DIR, CORRUPT, IO.
 */
sel4c_fat_err_t sel4c_fat_set_attributes(sel4c_fat_t *vol, const char *path, uint8_t attr)
    __attribute__((warn_unused_result));

/* Opens the directory at `path` for listing. Errors: NOT_FOUND, NOT_DIR, INVALID, CORRUPT,
   IO. */
sel4c_fat_err_t sel4c_fat_opendir(sel4c_fat_t *vol, sel4c_fat_dir_t *dir, const char *path)
    __attribute__((warn_unused_result));
/*
 * The next entry of `dir` into `st` (skipping "." and ".." and the volume label), or `*end`
 * set at the end; a listing ends after 65536 entries (the most a directory may hold), which
 * also bounds a directory whose chain loops. Errors: CORRUPT (long-name entries that do not
 * match their short entry, a chain that leaves the volume), IO.
 */
sel4c_fat_err_t sel4c_fat_readdir(sel4c_fat_dir_t *dir, sel4c_fat_stat_t *st, bool *end)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif
