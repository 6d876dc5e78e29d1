/*
 * Files: open, read, write, seek, truncate, flush.
 *
 * Write ordering (docs/fat.md): a new cluster is marked end-of-chain in the FAT, then linked to
 * the chain, then filled. The directory entry (first cluster and size) is written only by
 * flush, after a device flush, so the size on disk never covers data that is not there. Until
 * then a crash leaves a chain longer than the size, which fsck.fat cuts back.
 */
#include "fat_internal.h"

#define MAX_SIZE 0xFFFFFFFFu

/* Clusters to allocate when the chain ends at byte `start` and a write reaches `end`. */
static uint32_t clusters_wanted(const sel4c_fat_t *vol, uint32_t start, uint64_t end)
{
    uint64_t n = end > start ? (end - start + vol->cluster_size - 1) / vol->cluster_size : 1;
    return n > 0x10000 ? 0x10000 : (uint32_t)n;
}

/*
 * The cluster holding byte `off`. Past the end of the chain, with `alloc_end` nonzero (the end
 * of the write being made), clusters are allocated as runs reaching that end: each run is
 * linked and marked end-of-chain by fat_alloc_run before it is linked to the chain here.
 */
static sel4c_fat_err_t file_cluster(sel4c_fat_file_t *file, uint32_t off, uint64_t alloc_end)
{
    sel4c_fat_t *vol = file->vol;
    uint32_t cs = vol->cluster_size;
    if (file->first == 0) {
        if (!alloc_end)
            return CORRUPT(vol, "file has a size but no clusters", file->entry_sector, 0);
        uint32_t c, n;
        ERR_CHECK(fat_alloc_run(vol, clusters_wanted(vol, 0, alloc_end), &c, &n));
        file->first = c;
        file->dirty = true;
        file->clus = 0;
    }
    if (file->clus == 0 || off < file->clus_pos) {
        file->clus = file->first;
        file->clus_pos = 0;
    }
    for (uint32_t n = 0; off - file->clus_pos >= cs; n++) {
        if (n > vol->cluster_count)
            return CORRUPT(vol, "cluster chain loops", file->entry_sector, file->first);
        uint32_t next;
        ERR_CHECK(fat_next(vol, file->clus, &next));
        if (next == 0) {
            if (!alloc_end)
                return CORRUPT(vol, "cluster chain shorter than the file size", file->entry_sector,
                               file->clus);
            uint32_t count;
            ERR_CHECK(fat_alloc_run(vol, clusters_wanted(vol, file->clus_pos + cs, alloc_end),
                                    &next, &count));
            ERR_CHECK(fat_set(vol, file->clus, next));
        }
        file->clus = next;
        file->clus_pos += cs;
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_open(sel4c_fat_t *vol, sel4c_fat_file_t *file, const char *path,
                               uint32_t flags)
{
    if (!(flags & (SEL4C_FAT_READ | SEL4C_FAT_WRITE)) ||
        ((flags & (SEL4C_FAT_CREATE | SEL4C_FAT_TRUNC | SEL4C_FAT_APPEND)) &&
         !(flags & SEL4C_FAT_WRITE)))
        return SEL4C_FAT_ERR_INVALID;
    uint32_t parent;
    const char *name;
    size_t len;
    ERR_CHECK(path_parent(vol, path, &parent, &name, &len));
    if (!name)
        return SEL4C_FAT_ERR_IS_DIR;
    dir_found_t f;
    sel4c_fat_err_t err = dir_lookup(vol, parent, name, len, &f);
    if (err == SEL4C_FAT_OK) {
        if ((flags & SEL4C_FAT_CREATE) && (flags & SEL4C_FAT_EXCL))
            return SEL4C_FAT_ERR_EXISTS;
        if (f.raw[11] & SEL4C_FAT_ATTR_DIRECTORY)
            return SEL4C_FAT_ERR_IS_DIR;
        if ((flags & SEL4C_FAT_WRITE) && (f.raw[11] & SEL4C_FAT_ATTR_READ_ONLY))
            return SEL4C_FAT_ERR_READ_ONLY;
        if (flags & SEL4C_FAT_WRITE)
            ERR_CHECK(fat_modifying(vol));
    } else if (err == SEL4C_FAT_ERR_NOT_FOUND && (flags & SEL4C_FAT_CREATE)) {
        ERR_CHECK(fat_modifying(vol));
        uint8_t e[DIR_ENTRY] = {0};
        e[11] = SEL4C_FAT_ATTR_ARCHIVE;
        entry_times_now(vol, e, true);
        ERR_CHECK(dir_add(vol, parent, name, len, e, &f));
    } else {
        return err;
    }
    uint32_t first = entry_cluster(vol, f.raw), size = get32(f.raw + 28);
    if (first != 0 && !cluster_valid(vol, first))
        return CORRUPT(vol, "file's first cluster outside the volume", f.sector, first);
    if (size != 0 && first == 0)
        return CORRUPT(vol, "file has a size but no clusters", f.sector, 0);
    if ((size - 1) / vol->cluster_size >= vol->cluster_count && size != 0)
        return CORRUPT(vol, "file size larger than the volume", f.sector, first);
    /* a chain checked once here cannot make reads wrap around a loop */
    if (first != 0) {
        uint32_t clusters;
        ERR_CHECK(fat_chain_length(vol, first, &clusters));
        if ((uint64_t)clusters * vol->cluster_size < size)
            return CORRUPT(vol, "cluster chain shorter than the file size", f.sector, first);
    }
    *file = (sel4c_fat_file_t){
        .vol = vol,
        .first = first,
        .size = size,
        .entry_sector = f.sector,
        .entry_offset = f.offset,
        .flags = flags,
    };
    if ((flags & SEL4C_FAT_TRUNC) && size != 0) {
        ERR_CHECK(sel4c_fat_truncate(file, 0));
        ERR_CHECK(sel4c_fat_flush(file));
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_read(sel4c_fat_file_t *file, void *buf, size_t len, size_t *got)
{
    *got = 0;
    if (!file->vol || !(file->flags & SEL4C_FAT_READ))
        return SEL4C_FAT_ERR_INVALID;
    sel4c_fat_t *vol = file->vol;
    uint8_t *out = buf;
    if (file->pos >= file->size)
        return SEL4C_FAT_OK;
    if (len > file->size - file->pos)
        len = file->size - file->pos;
    while (len > 0) {
        ERR_CHECK(file_cluster(file, file->pos, 0));
        uint32_t in = file->pos - file->clus_pos;
        uint64_t sector = cluster_sector(vol, file->clus) + in / vol->sector_size;
        uint32_t so = in % vol->sector_size;
        size_t n;
        if (so == 0 && len >= vol->sector_size) {
            /* whole sectors straight into the caller's buffer, to the end of the cluster */
            uint32_t count = (vol->cluster_size - in) / vol->sector_size;
            /* clusters that follow each other on disk join one device read */
            while (len / vol->sector_size > count && count < 0x10000) {
                uint32_t next;
                ERR_CHECK(fat_next(vol, file->clus, &next));
                if (next != file->clus + 1)
                    break;
                file->clus = next;
                file->clus_pos += vol->cluster_size;
                count += vol->sec_per_clus;
            }
            if (count > len / vol->sector_size)
                count = (uint32_t)(len / vol->sector_size);
            ERR_CHECK(dev_read(vol, sector, count, out));
            n = (size_t)count * vol->sector_size;
        } else {
            uint8_t *s;
            ERR_CHECK(cache_get(vol, sector, &s));
            n = vol->sector_size - so;
            if (n > len)
                n = len;
            __builtin_memcpy(out, s + so, n);
        }
        out += n;
        len -= n;
        *got += n;
        file->pos += (uint32_t)n;
    }
    return SEL4C_FAT_OK;
}

/* Writes at the position; `buf` NULL writes zeros. */
static sel4c_fat_err_t write_at(sel4c_fat_file_t *file, const uint8_t *buf, size_t len,
                                size_t *written)
{
    static const uint8_t zeros[4096];
    sel4c_fat_t *vol = file->vol;
    while (len > 0) {
        ERR_CHECK(file_cluster(file, file->pos, (uint64_t)file->pos + len));
        uint32_t in = file->pos - file->clus_pos;
        uint64_t sector = cluster_sector(vol, file->clus) + in / vol->sector_size;
        uint32_t so = in % vol->sector_size;
        size_t n;
        if (so == 0 && len >= vol->sector_size) {
            uint32_t count = (vol->cluster_size - in) / vol->sector_size;
            /* clusters already in the chain that follow on disk join one device write */
            while (buf && len / vol->sector_size > count && count < 0x10000) {
                uint32_t next;
                ERR_CHECK(fat_next(vol, file->clus, &next));
                if (next != file->clus + 1)
                    break;
                file->clus = next;
                file->clus_pos += vol->cluster_size;
                count += vol->sec_per_clus;
            }
            if (count > len / vol->sector_size)
                count = (uint32_t)(len / vol->sector_size);
            if (!buf)
                count = 1;
            ERR_CHECK(dev_write(vol, sector, count, buf ? buf : zeros));
            n = (size_t)count * vol->sector_size;
        } else {
            uint8_t *s;
            /* part of a sector: read, changed and written through the cache */
            ERR_CHECK(cache_get(vol, sector, &s));
            n = vol->sector_size - so;
            if (n > len)
                n = len;
            if (buf)
                __builtin_memcpy(s + so, buf, n);
            else
                __builtin_memset(s + so, 0, n);
            ERR_CHECK(cache_write(vol, sector, s));
        }
        if (buf)
            buf += n;
        len -= n;
        *written += n;
        file->pos += (uint32_t)n;
        if (file->pos > file->size) {
            file->size = file->pos;
            file->dirty = true;
        }
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_write(sel4c_fat_file_t *file, const void *buf, size_t len,
                                size_t *written)
{
    *written = 0;
    if (!file->vol || !(file->flags & SEL4C_FAT_WRITE))
        return SEL4C_FAT_ERR_INVALID;
    ERR_CHECK(fat_modifying(file->vol));
    if (file->flags & SEL4C_FAT_APPEND)
        file->pos = file->size;
    file->dirty = true; /* the modification time changes */
    if (file->pos > file->size) {
        uint32_t target = file->pos;
        size_t zeroed = 0;
        file->pos = file->size;
        ERR_CHECK(write_at(file, 0, target - file->pos, &zeroed));
    }
    bool too_big = len > MAX_SIZE - file->pos;
    if (too_big)
        len = MAX_SIZE - file->pos;
    ERR_CHECK(write_at(file, buf, len, written));
    return too_big ? SEL4C_FAT_ERR_TOO_BIG : SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_seek(sel4c_fat_file_t *file, uint32_t pos)
{
    file->pos = pos;
    return SEL4C_FAT_OK;
}

/* Writes the directory entry from the handle. */
static sel4c_fat_err_t write_entry(sel4c_fat_file_t *file)
{
    sel4c_fat_t *vol = file->vol;
    uint8_t *s;
    ERR_CHECK(cache_get(vol, file->entry_sector, &s));
    uint8_t *e = s + file->entry_offset;
    if (e[0] == 0 || e[0] == DELETED_MARK || (e[11] & SEL4C_FAT_ATTR_DIRECTORY))
        return CORRUPT(vol, "open file's directory entry was removed", file->entry_sector, 0);
    entry_set_cluster(e, file->first);
    put32(e + 28, file->size);
    e[11] |= SEL4C_FAT_ATTR_ARCHIVE;
    entry_times_now(vol, e, false);
    return cache_write(vol, file->entry_sector, s);
}

sel4c_fat_err_t sel4c_fat_truncate(sel4c_fat_file_t *file, uint32_t size)
{
    if (!file->vol || !(file->flags & SEL4C_FAT_WRITE))
        return SEL4C_FAT_ERR_INVALID;
    sel4c_fat_t *vol = file->vol;
    ERR_CHECK(fat_modifying(vol));
    if (size > file->size) {
        uint32_t pos = file->pos;
        size_t zeroed = 0;
        file->pos = file->size;
        sel4c_fat_err_t err = write_at(file, 0, size - file->size, &zeroed);
        file->pos = pos;
        return err;
    }
    file->dirty = true;
    if (size == file->size)
        return SEL4C_FAT_OK;
    /* the smaller size goes to disk first, so the chain is never shorter than the size */
    uint32_t old_first = file->first, cut;
    uint32_t keep = size == 0 ? 0 : (size - 1) / vol->cluster_size + 1;
    if (keep == 0) {
        file->first = 0;
        file->size = 0;
        ERR_CHECK(write_entry(file));
        cut = old_first;
    } else {
        ERR_CHECK(file_cluster(file, (keep - 1) * vol->cluster_size, 0));
        uint32_t last = file->clus;
        file->size = size;
        ERR_CHECK(write_entry(file));
        ERR_CHECK(fat_next(vol, last, &cut));
        if (cut != 0)
            ERR_CHECK(fat_set(vol, last, FAT_EOC));
    }
    file->clus = 0;
    return fat_free_chain(vol, cut);
}

sel4c_fat_err_t sel4c_fat_flush(sel4c_fat_file_t *file)
{
    if (!file->vol)
        return SEL4C_FAT_ERR_INVALID;
    if (file->dirty) {
        /* the data is stable before the entry that makes it part of the file */
        ERR_CHECK(dev_flush(file->vol));
        ERR_CHECK(write_entry(file));
        file->dirty = false;
    }
    return dev_flush(file->vol);
}

sel4c_fat_err_t sel4c_fat_close(sel4c_fat_file_t *file)
{
    sel4c_fat_err_t err = SEL4C_FAT_OK;
    if (file->vol && file->dirty)
        err = sel4c_fat_flush(file);
    file->vol = 0;
    return err;
}
