/*
 * The sector cache: least recently used, write-through. Writing through keeps the device's
 * order of metadata writes exactly the order the code makes them in, which is what crash
 * consistency rests on (docs/fat.md); no dirty sector ever waits for eviction.
 */
#include "fat_internal.h"

void cache_init(sel4c_fat_t *vol)
{
    for (uint32_t i = 0; i < vol->cache_n; i++)
        vol->slots[i].used = 0;
    vol->cache_stamp = 0;
    vol->cache_last = 0;
}

static uint8_t *slot_data(sel4c_fat_t *vol, uint32_t i)
{
    return vol->cache_data + (size_t)i * vol->sector_size;
}

static bool in_range(const sel4c_fat_t *vol, uint64_t sector, uint32_t count)
{
    return sector < vol->total_sectors && count <= vol->total_sectors - sector;
}

/* The stamp orders uses; when it wraps, every slot is made older than the next use. */
static uint32_t next_stamp(sel4c_fat_t *vol)
{
    if (++vol->cache_stamp == 0) {
        for (uint32_t i = 0; i < vol->cache_n; i++)
            if (vol->slots[i].used)
                vol->slots[i].used = 1;
        vol->cache_stamp = 2;
    }
    return vol->cache_stamp;
}

sel4c_fat_err_t cache_get(sel4c_fat_t *vol, uint64_t sector, uint8_t **data)
{
    if (vol->cache_n == 0)
        return SEL4C_FAT_ERR_INVALID; /* unmounted: the cache is the caller's again */
    if (!in_range(vol, sector, 1))
        return CORRUPT(vol, "sector beyond the end of the volume", sector, 0);
    /* runs of lookups in one sector (a FAT sector along a chain) skip the search */
    sel4c_fat_cache_slot_t *last = &vol->slots[vol->cache_last];
    if (last->used && last->sector == sector) {
        last->used = next_stamp(vol);
        *data = slot_data(vol, vol->cache_last);
        return SEL4C_FAT_OK;
    }
    uint32_t victim = 0;
    for (uint32_t i = 0; i < vol->cache_n; i++) {
        sel4c_fat_cache_slot_t *s = &vol->slots[i];
        if (s->used && s->sector == sector) {
            s->used = next_stamp(vol);
            vol->cache_last = i;
            *data = slot_data(vol, i);
            return SEL4C_FAT_OK;
        }
        if (s->used < vol->slots[victim].used)
            victim = i;
    }
    sel4c_fat_cache_slot_t *s = &vol->slots[victim];
    s->used = 0;
    if (vol->dev.read(vol->dev.ctx, sector, 1, slot_data(vol, victim)) != 0)
        return fat_fail(vol, SEL4C_FAT_ERR_IO, "device read failed", sector, 0);
    s->sector = sector;
    s->used = next_stamp(vol);
    vol->cache_last = victim;
    *data = slot_data(vol, victim);
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t cache_write(sel4c_fat_t *vol, uint64_t sector, const uint8_t *data)
{
    if (!in_range(vol, sector, 1))
        return CORRUPT(vol, "sector beyond the end of the volume", sector, 0);
    if (vol->dev.write(vol->dev.ctx, sector, 1, data) != 0)
        return fat_fail(vol, SEL4C_FAT_ERR_IO, "device write failed", sector, 0);
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t dev_read(sel4c_fat_t *vol, uint64_t sector, uint32_t count, void *buf)
{
    if (!in_range(vol, sector, count))
        return CORRUPT(vol, "sector beyond the end of the volume", sector, 0);
    if (vol->dev.read(vol->dev.ctx, sector, count, buf) != 0)
        return fat_fail(vol, SEL4C_FAT_ERR_IO, "device read failed", sector, 0);
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t dev_write(sel4c_fat_t *vol, uint64_t sector, uint32_t count, const void *buf)
{
    if (!in_range(vol, sector, count))
        return CORRUPT(vol, "sector beyond the end of the volume", sector, 0);
    if (vol->dev.write(vol->dev.ctx, sector, count, buf) != 0)
        return fat_fail(vol, SEL4C_FAT_ERR_IO, "device write failed", sector, 0);
    /* cached copies of those sectors become the new contents */
    for (uint32_t i = 0; i < vol->cache_n; i++) {
        sel4c_fat_cache_slot_t *s = &vol->slots[i];
        if (s->used && s->sector >= sector && s->sector - sector < count)
            __builtin_memcpy(slot_data(vol, i),
                             (const uint8_t *)buf + (size_t)(s->sector - sector) * vol->sector_size,
                             vol->sector_size);
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t dev_flush(sel4c_fat_t *vol)
{
    if (vol->dev.flush && vol->dev.flush(vol->dev.ctx) != 0)
        return fat_fail(vol, SEL4C_FAT_ERR_IO, "device flush failed", 0, 0);
    return SEL4C_FAT_OK;
}
