/* Paths and the operations on names: stat, listing, unlink, mkdir, rmdir, rename. */
#include "fat_internal.h"

/* The directory an entry names (".." entries say 0 for the root). */
static sel4c_fat_err_t entry_dir(sel4c_fat_t *vol, const dir_found_t *f, uint32_t *dir)
{
    if (!(f->raw[11] & SEL4C_FAT_ATTR_DIRECTORY))
        return SEL4C_FAT_ERR_NOT_DIR;
    uint32_t c = entry_cluster(vol, f->raw);
    if (c == 0 && __builtin_memcmp(f->raw, "..         ", 11) == 0) {
        *dir = dir_root(vol);
        return SEL4C_FAT_OK;
    }
    if (!cluster_valid(vol, c))
        return CORRUPT(vol, "directory entry's cluster outside the volume", f->sector, c);
    *dir = c;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t path_parent(sel4c_fat_t *vol, const char *path, uint32_t *parent, const char **name,
                            size_t *len)
{
    if (!path)
        return SEL4C_FAT_ERR_INVALID;
    uint32_t cur = dir_root(vol);
    *name = 0;
    *len = 0;
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == 0)
            break;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t n = (size_t)(p - start);
        const char *rest = p;
        while (*rest == '/')
            rest++;
        if (*rest == 0) {
            *name = start;
            *len = n;
            break;
        }
        if (n == 1 && start[0] == '.')
            continue;
        dir_found_t f;
        sel4c_fat_err_t err = dir_lookup(vol, cur, start, n, &f);
        if (err != SEL4C_FAT_OK)
            return err;
        ERR_CHECK(entry_dir(vol, &f, &cur));
    }
    *parent = cur;
    return SEL4C_FAT_OK;
}

/* The entry at `path`; `*root` when the path names the root (then `f` is unset). */
static sel4c_fat_err_t lookup(sel4c_fat_t *vol, const char *path, uint32_t *parent, dir_found_t *f,
                              bool *root)
{
    const char *name;
    size_t len;
    ERR_CHECK(path_parent(vol, path, parent, &name, &len));
    *root = name == 0 || (len == 1 && name[0] == '.' && *parent == dir_root(vol));
    if (*root)
        return SEL4C_FAT_OK;
    return dir_lookup(vol, *parent, name, len, f);
}

sel4c_fat_err_t sel4c_fat_stat(sel4c_fat_t *vol, const char *path, sel4c_fat_stat_t *st)
{
    uint32_t parent;
    dir_found_t f;
    bool root;
    ERR_CHECK(lookup(vol, path, &parent, &f, &root));
    if (root) {
        __builtin_memset(st, 0, sizeof *st);
        st->name[0] = '/';
        st->attr = SEL4C_FAT_ATTR_DIRECTORY;
        st->first_cluster = dir_root(vol);
        return SEL4C_FAT_OK;
    }
    *st = f.st;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_opendir(sel4c_fat_t *vol, sel4c_fat_dir_t *dir, const char *path)
{
    uint32_t parent, first;
    dir_found_t f;
    bool root;
    ERR_CHECK(lookup(vol, path, &parent, &f, &root));
    if (root)
        first = dir_root(vol);
    else
        ERR_CHECK(entry_dir(vol, &f, &first));
    dir->vol = vol;
    dir->first = first;
    dir->index = 0;
    dir->clus = 0;
    dir->clus_index = 0;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_readdir(sel4c_fat_dir_t *dir, sel4c_fat_stat_t *st, bool *end)
{
    dir_iter_t it = {dir->first, dir->clus, dir->clus_index};
    dir_found_t f;
    for (;;) {
        sel4c_fat_err_t err = dir_next(dir->vol, &it, &dir->index, &f, end);
        dir->clus = it.clus;
        dir->clus_index = it.clus_index;
        if (err != SEL4C_FAT_OK || *end)
            return err;
        if (__builtin_memcmp(f.raw, ".          ", 11) != 0 &&
            __builtin_memcmp(f.raw, "..         ", 11) != 0)
            break;
    }
    *st = f.st;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_unlink(sel4c_fat_t *vol, const char *path)
{
    uint32_t parent;
    dir_found_t f;
    bool root;
    ERR_CHECK(lookup(vol, path, &parent, &f, &root));
    if (root || (f.raw[11] & SEL4C_FAT_ATTR_DIRECTORY))
        return SEL4C_FAT_ERR_IS_DIR;
    if (f.raw[11] & SEL4C_FAT_ATTR_READ_ONLY)
        return SEL4C_FAT_ERR_READ_ONLY;
    uint32_t c = entry_cluster(vol, f.raw);
    if (c != 0 && !cluster_valid(vol, c))
        return CORRUPT(vol, "file's first cluster outside the volume", f.sector, c);
    ERR_CHECK(fat_modifying(vol));
    /* the entry goes before its clusters: a crash in between leaves clusters fsck frees */
    ERR_CHECK(dir_remove(vol, parent, &f));
    return fat_free_chain(vol, c);
}

sel4c_fat_err_t sel4c_fat_set_attributes(sel4c_fat_t *vol, const char *path, uint8_t attr)
{
    const uint8_t settable = SEL4C_FAT_ATTR_READ_ONLY | SEL4C_FAT_ATTR_HIDDEN |
                             SEL4C_FAT_ATTR_SYSTEM | SEL4C_FAT_ATTR_ARCHIVE;
    uint32_t parent;
    dir_found_t f;
    bool root;
    ERR_CHECK(lookup(vol, path, &parent, &f, &root));
    if (root || __builtin_memcmp(f.raw, ".", 1) == 0)
        return SEL4C_FAT_ERR_INVALID;
    ERR_CHECK(fat_modifying(vol));
    uint8_t *s;
    ERR_CHECK(cache_get(vol, f.sector, &s));
    s[f.offset + 11] = (uint8_t)((s[f.offset + 11] & ~settable) | (attr & settable));
    return cache_write(vol, f.sector, s);
}

static void dot_entry(sel4c_fat_t *vol, uint8_t e[DIR_ENTRY], const char *name, uint32_t c)
{
    __builtin_memset(e, 0, DIR_ENTRY);
    __builtin_memset(e, ' ', 11);
    __builtin_memcpy(e, name, __builtin_strlen(name));
    e[11] = SEL4C_FAT_ATTR_DIRECTORY;
    entry_times_now(vol, e, true);
    entry_set_cluster(e, c);
}

sel4c_fat_err_t sel4c_fat_mkdir(sel4c_fat_t *vol, const char *path)
{
    uint32_t parent;
    const char *name;
    size_t len;
    ERR_CHECK(path_parent(vol, path, &parent, &name, &len));
    if (!name)
        return SEL4C_FAT_ERR_EXISTS;
    dir_found_t f;
    sel4c_fat_err_t err = dir_lookup(vol, parent, name, len, &f);
    if (err == SEL4C_FAT_OK)
        return SEL4C_FAT_ERR_EXISTS;
    if (err != SEL4C_FAT_ERR_NOT_FOUND)
        return err;
    uint16_t utf16[256];
    int n;
    uint8_t sn[11];
    bool fits;
    ERR_CHECK(name_prepare(name, len, utf16, &n, sn, &fits));
    ERR_CHECK(fat_modifying(vol));
    /* the new directory's cluster is complete before an entry names it */
    uint32_t c;
    ERR_CHECK(fat_alloc(vol, true, &c));
    uint8_t *s, e[DIR_ENTRY];
    uint64_t sector = cluster_sector(vol, c);
    ERR_CHECK(cache_get(vol, sector, &s));
    dot_entry(vol, e, ".", c);
    __builtin_memcpy(s, e, DIR_ENTRY);
    dot_entry(vol, e, "..", parent == dir_root(vol) ? 0 : parent);
    __builtin_memcpy(s + DIR_ENTRY, e, DIR_ENTRY);
    ERR_CHECK(cache_write(vol, sector, s));
    dot_entry(vol, e, "", c);
    err = dir_add(vol, parent, name, len, e, &f);
    if (err != SEL4C_FAT_OK)
        (void)fat_free_chain(vol, c);
    return err;
}

sel4c_fat_err_t sel4c_fat_rmdir(sel4c_fat_t *vol, const char *path)
{
    uint32_t parent, first;
    dir_found_t f;
    bool root;
    ERR_CHECK(lookup(vol, path, &parent, &f, &root));
    if (root || __builtin_memcmp(f.raw, ".", 1) == 0)
        return SEL4C_FAT_ERR_INVALID;
    ERR_CHECK(entry_dir(vol, &f, &first));
    if (f.raw[11] & SEL4C_FAT_ATTR_READ_ONLY)
        return SEL4C_FAT_ERR_READ_ONLY;
    bool empty;
    ERR_CHECK(dir_is_empty(vol, first, &empty));
    if (!empty)
        return SEL4C_FAT_ERR_NOT_EMPTY;
    ERR_CHECK(fat_modifying(vol));
    ERR_CHECK(dir_remove(vol, parent, &f));
    return fat_free_chain(vol, first);
}

/* Whether directory `dir` is `ancestor` or below it (walking up through ".." entries). Not
   inlined: its frame need not add to rename's while rename calls dir_add. */
static __attribute__((noinline)) sel4c_fat_err_t is_below(sel4c_fat_t *vol, uint32_t dir,
                                                          uint32_t ancestor, bool *below)
{
    for (uint32_t n = 0; n <= vol->cluster_count; n++) {
        if (dir == ancestor) {
            *below = true;
            return SEL4C_FAT_OK;
        }
        if (dir == dir_root(vol)) {
            *below = false;
            return SEL4C_FAT_OK;
        }
        dir_found_t f;
        sel4c_fat_err_t err = dir_lookup(vol, dir, "..", 2, &f);
        if (err == SEL4C_FAT_ERR_NOT_FOUND)
            return CORRUPT(vol, "directory without a \"..\" entry", 0, dir);
        ERR_CHECK(err);
        ERR_CHECK(entry_dir(vol, &f, &dir));
    }
    return CORRUPT(vol, "directory tree loops", 0, dir);
}

sel4c_fat_err_t sel4c_fat_rename(sel4c_fat_t *vol, const char *from, const char *to)
{
    uint32_t from_parent, to_parent;
    dir_found_t f, g;
    bool root;
    ERR_CHECK(lookup(vol, from, &from_parent, &f, &root));
    if (root || __builtin_memcmp(f.raw, ".", 1) == 0)
        return SEL4C_FAT_ERR_INVALID;
    const char *name;
    size_t len;
    ERR_CHECK(path_parent(vol, to, &to_parent, &name, &len));
    if (!name)
        return SEL4C_FAT_ERR_EXISTS;
    sel4c_fat_err_t err = dir_lookup(vol, to_parent, name, len, &g);
    /* renaming an entry onto itself changes only the case of its name */
    if (err == SEL4C_FAT_OK && !(to_parent == from_parent && g.index == f.index))
        return SEL4C_FAT_ERR_EXISTS;
    if (err != SEL4C_FAT_OK && err != SEL4C_FAT_ERR_NOT_FOUND)
        return err;
    bool is_dir = (f.raw[11] & SEL4C_FAT_ATTR_DIRECTORY) != 0;
    uint32_t moved = 0;
    if (is_dir) {
        ERR_CHECK(entry_dir(vol, &f, &moved));
        bool below = false;
        ERR_CHECK(is_below(vol, to_parent, moved, &below));
        if (below)
            return SEL4C_FAT_ERR_LOOP;
    }
    ERR_CHECK(fat_modifying(vol));
    /* new entry (dir_add checks the name before it writes), then the moved directory's "..",
       then the old entry goes */
    ERR_CHECK(dir_add(vol, to_parent, name, len, f.raw, &g));
    if (is_dir && to_parent != from_parent) {
        ERR_CHECK(dir_lookup(vol, moved, "..", 2, &g));
        entry_set_cluster(g.raw, to_parent == dir_root(vol) ? 0 : to_parent);
        uint8_t *s;
        ERR_CHECK(cache_get(vol, g.sector, &s));
        __builtin_memcpy(s + g.offset, g.raw, DIR_ENTRY);
        ERR_CHECK(cache_write(vol, g.sector, s));
    }
    return dir_remove(vol, from_parent, &f);
}
