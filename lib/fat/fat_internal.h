/* What the files of lib/fat share: on-disk layout helpers and the internal interfaces. */
#pragma once

#include <sel4c/fat.h>

#define ERR_CHECK(expr)                                                                            \
    do {                                                                                           \
        sel4c_fat_err_t err_ = (expr);                                                             \
        if (err_ != SEL4C_FAT_OK)                                                                  \
            return err_;                                                                           \
    } while (0)

/* Little-endian fields of on-disk structures */
static inline uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

/* Records why the volume is corrupt (or the device failed) and returns `err`. */
sel4c_fat_err_t fat_fail(sel4c_fat_t *vol, sel4c_fat_err_t err, const char *reason, uint64_t sector,
                         uint32_t cluster);
#define CORRUPT(vol, reason, sector, cluster)                                                      \
    fat_fail(vol, SEL4C_FAT_ERR_CORRUPT, reason, sector, cluster)

/* cache.c: a write-through cache of sectors. A pointer from cache_get is valid until the next
   cache call; modify the sector, then cache_write it before anything else. */
void cache_init(sel4c_fat_t *vol);
sel4c_fat_err_t cache_get(sel4c_fat_t *vol, uint64_t sector, uint8_t **data);
sel4c_fat_err_t cache_write(sel4c_fat_t *vol, uint64_t sector, const uint8_t *data);
/* Whole sectors straight between the device and `buf`, keeping cached copies current. */
sel4c_fat_err_t dev_read(sel4c_fat_t *vol, uint64_t sector, uint32_t count, void *buf);
sel4c_fat_err_t dev_write(sel4c_fat_t *vol, uint64_t sector, uint32_t count, const void *buf);
sel4c_fat_err_t dev_flush(sel4c_fat_t *vol);

/* table.c: the FAT */
#define FAT_EOC 0x0FFFFFFFu
static inline uint64_t cluster_sector(const sel4c_fat_t *vol, uint32_t c)
{
    return vol->data_start + (uint64_t)(c - 2) * vol->sec_per_clus;
}
static inline bool cluster_valid(const sel4c_fat_t *vol, uint32_t c)
{
    return c >= 2 && c - 2 < vol->cluster_count;
}
/* The raw entry of cluster `c` (which must be valid) */
sel4c_fat_err_t fat_get(sel4c_fat_t *vol, uint32_t c, uint32_t *value);
/* Sets the entry of `c` in every FAT copy; FAT_EOC marks an end of chain. */
sel4c_fat_err_t fat_set(sel4c_fat_t *vol, uint32_t c, uint32_t value);
/* The cluster after `c` in a chain, 0 at its end; CORRUPT for free, bad or outside values. */
sel4c_fat_err_t fat_next(sel4c_fat_t *vol, uint32_t c, uint32_t *next);
/* The number of clusters in the chain from `first`; CORRUPT if it loops. */
sel4c_fat_err_t fat_chain_length(sel4c_fat_t *vol, uint32_t first, uint32_t *length);
/* Allocates up to `want` (at least 1) clusters that follow each other on disk, linked into a
   chain marked end-of-chain, each FAT sector written once: `*first`, `*count`. */
sel4c_fat_err_t fat_alloc_run(sel4c_fat_t *vol, uint32_t want, uint32_t *first, uint32_t *count);
/* Allocates a cluster, marked end of chain, zero-filled when `zero`. */
sel4c_fat_err_t fat_alloc(sel4c_fat_t *vol, bool zero, uint32_t *c);
/* Frees the chain starting at `c` (0: nothing), entry by entry from its start. */
sel4c_fat_err_t fat_free_chain(sel4c_fat_t *vol, uint32_t c);
/* Before the first change after mount or sync: mark the FSInfo free count unknown. */
sel4c_fat_err_t fat_modifying(sel4c_fat_t *vol);
sel4c_fat_err_t fat_write_fsinfo(sel4c_fat_t *vol);

/* name.c */
#define LFN_CHARS 13
uint8_t lfn_checksum(const uint8_t short_name[11]);
/* The 8.3 name as text ("README.TXT"), lower-cased per the case flags when `use_case`. */
void short_to_text(const uint8_t raw[11], uint8_t case_flags, bool use_case, char out[13]);
/* UTF-16 of a long name to UTF-8; false if it does not fit or has a lone surrogate. */
bool utf16_to_utf8(const uint16_t *in, int n, char *out, size_t out_size);
/* A name to be stored: checks it, converts it to UTF-16 (`*n` units), and says whether it is
   a valid 8.3 name as it stands (then `short_name` holds it and no long entries are needed). */
sel4c_fat_err_t name_prepare(const char *name, size_t len, uint16_t *utf16, int *n,
                             uint8_t short_name[11], bool *fits_short);
/* The basis of a numeric-tail alias (Microsoft's rules), before the tail is added. */
void alias_basis(const uint16_t *utf16, int n, uint8_t basis[11], bool *lossy);
/* `basis` with "~N" in its base part. */
void alias_with_tail(const uint8_t basis[11], uint32_t num, uint8_t out[11]);
/* Case-insensitive (ASCII) comparison of a path component with a stored name. */
bool name_equal(const char *a, size_t alen, const char *b);

/* dir.c: directories (first == 0: the FAT12/16 root region) */
#define DIR_ENTRY    32
#define DIR_MAX      65536
#define ATTR_LFN     0x0F
#define DELETED_MARK 0xE5

typedef struct dir_iter {
    uint32_t first, clus, clus_index;
} dir_iter_t;

/* A directory entry as found: its name and where its entries are. */
typedef struct dir_found {
    sel4c_fat_stat_t st;
    uint8_t raw[DIR_ENTRY];
    uint32_t lfn_index; /* first long entry (== index without long entries) */
    uint32_t index;     /* the short entry */
    uint64_t sector;    /* where the short entry is */
    uint32_t offset;
} dir_found_t;

uint32_t dir_root(const sel4c_fat_t *vol);
void dir_iter_init(dir_iter_t *it, uint32_t first);
/* Sector and offset of entry `index`; `*end` when the directory has no such entry. */
sel4c_fat_err_t dir_locate(sel4c_fat_t *vol, dir_iter_t *it, uint32_t index, uint64_t *sector,
                           uint32_t *offset, bool *end);
/* The next used entry at or after `*index` (advanced past it), `*end` at the end. */
sel4c_fat_err_t dir_next(sel4c_fat_t *vol, dir_iter_t *it, uint32_t *index, dir_found_t *f,
                         bool *end);
/* Looks `name` up in directory `first`. NOT_FOUND if absent. */
sel4c_fat_err_t dir_lookup(sel4c_fat_t *vol, uint32_t first, const char *name, size_t len,
                           dir_found_t *f);
/* Adds an entry named `name` with the short-entry fields of `proto` (attr, cluster, size,
   times); fills `f` with where it went. */
sel4c_fat_err_t dir_add(sel4c_fat_t *vol, uint32_t first, const char *name, size_t len,
                        const uint8_t proto[DIR_ENTRY], dir_found_t *f);
/* Marks the short entry of `f` deleted, then its long entries from the last to the first. */
sel4c_fat_err_t dir_remove(sel4c_fat_t *vol, uint32_t first, const dir_found_t *f);
/* Whether directory `first` has only "." and "..". */
sel4c_fat_err_t dir_is_empty(sel4c_fat_t *vol, uint32_t first, bool *empty);
/* Fills a short entry's times and stat fields */
void entry_times_now(sel4c_fat_t *vol, uint8_t e[DIR_ENTRY], bool created);
void entry_to_stat(const uint8_t e[DIR_ENTRY], sel4c_fat_stat_t *st);
static inline uint32_t entry_cluster(const sel4c_fat_t *vol, const uint8_t *e)
{
    uint32_t hi = vol->fat_type == 32 ? (uint32_t)get16(e + 20) << 16 : 0;
    return hi | get16(e + 26);
}
static inline void entry_set_cluster(uint8_t *e, uint32_t c)
{
    put16(e + 20, (uint16_t)(c >> 16));
    put16(e + 26, (uint16_t)c);
}

/* path.c: resolves every component but the last; `*name` is the last (no trailing '/'). */
sel4c_fat_err_t path_parent(sel4c_fat_t *vol, const char *path, uint32_t *parent, const char **name,
                            size_t *len);
