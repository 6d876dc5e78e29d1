/* The file allocation table: reading and writing entries of every FAT width, following chains
   (bounded and checked), allocating and freeing clusters. */
#include "fat_internal.h"

#define UNKNOWN 0xFFFFFFFFu

static uint32_t fat_offset(const sel4c_fat_t *vol, uint32_t c)
{
    return vol->fat_type == 12 ? c + c / 2 : c * (vol->fat_type / 8u);
}

/* The sector of the FAT that is read holding the entry of `c`, for error reports. */
static uint64_t fat_sector(const sel4c_fat_t *vol, uint32_t c)
{
    return vol->fat_start + (uint64_t)vol->active_fat * vol->fat_sectors +
           fat_offset(vol, c) / vol->sector_size;
}

sel4c_fat_err_t fat_get(sel4c_fat_t *vol, uint32_t c, uint32_t *value)
{
    if (!cluster_valid(vol, c))
        return CORRUPT(vol, "cluster number outside the volume", 0, c);
    uint32_t off = fat_offset(vol, c), pos = off % vol->sector_size;
    uint64_t sector =
        vol->fat_start + (uint64_t)vol->active_fat * vol->fat_sectors + off / vol->sector_size;
    uint8_t *s;
    ERR_CHECK(cache_get(vol, sector, &s));
    switch (vol->fat_type) {
    case 32: *value = get32(s + pos) & 0x0FFFFFFF; break;
    case 16: *value = get16(s + pos); break;
    default: {
        /* a FAT12 entry may straddle two sectors */
        uint32_t lo = s[pos], hi;
        if (pos + 1 < vol->sector_size) {
            hi = s[pos + 1];
        } else {
            ERR_CHECK(cache_get(vol, sector + 1, &s));
            hi = s[0];
        }
        uint32_t w = lo | hi << 8;
        *value = c & 1 ? w >> 4 : w & 0xFFF;
    }
    }
    return SEL4C_FAT_OK;
}

/* Changes byte `pos` of FAT sector `sector` under `mask`, and writes it through. */
static sel4c_fat_err_t put_byte(sel4c_fat_t *vol, uint64_t sector, uint32_t pos, uint8_t v,
                                uint8_t mask)
{
    uint8_t *s;
    ERR_CHECK(cache_get(vol, sector, &s));
    s[pos] = (uint8_t)((s[pos] & ~mask) | (v & mask));
    return cache_write(vol, sector, s);
}

sel4c_fat_err_t fat_set(sel4c_fat_t *vol, uint32_t c, uint32_t value)
{
    if (!cluster_valid(vol, c))
        return CORRUPT(vol, "cluster number outside the volume", 0, c);
    uint32_t off = fat_offset(vol, c), pos = off % vol->sector_size;
    for (uint32_t k = 0; k < vol->num_fats; k++) {
        if (!vol->mirror && k != vol->active_fat)
            continue;
        uint64_t sector = vol->fat_start + (uint64_t)k * vol->fat_sectors + off / vol->sector_size;
        uint8_t *s;
        ERR_CHECK(cache_get(vol, sector, &s));
        switch (vol->fat_type) {
        case 32: put32(s + pos, (get32(s + pos) & 0xF0000000u) | (value & 0x0FFFFFFF)); break;
        case 16: put16(s + pos, (uint16_t)value); break;
        default: {
            uint32_t v = value & 0xFFF;
            uint8_t lo = (uint8_t)(c & 1 ? v << 4 : v), lo_mask = c & 1 ? 0xF0 : 0xFF;
            uint8_t hi = (uint8_t)(c & 1 ? v >> 4 : v >> 8), hi_mask = c & 1 ? 0xFF : 0x0F;
            s[pos] = (uint8_t)((s[pos] & ~lo_mask) | lo);
            if (pos + 1 < vol->sector_size) {
                s[pos + 1] = (uint8_t)((s[pos + 1] & ~hi_mask) | hi);
            } else {
                ERR_CHECK(cache_write(vol, sector, s));
                ERR_CHECK(put_byte(vol, sector + 1, 0, hi, hi_mask));
                continue;
            }
        }
        }
        ERR_CHECK(cache_write(vol, sector, s));
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t fat_next(sel4c_fat_t *vol, uint32_t c, uint32_t *next)
{
    uint32_t v;
    ERR_CHECK(fat_get(vol, c, &v));
    uint32_t bad = vol->fat_type == 12 ? 0xFF7 : vol->fat_type == 16 ? 0xFFF7 : 0x0FFFFFF7;
    if (v > bad) {
        *next = 0;
        return SEL4C_FAT_OK;
    }
    if (v == bad)
        return CORRUPT(vol, "bad cluster in a cluster chain", fat_sector(vol, c), c);
    if (v < 2)
        return CORRUPT(vol, "free or reserved cluster in a cluster chain", fat_sector(vol, c), c);
    if (!cluster_valid(vol, v))
        return CORRUPT(vol, "cluster chain points outside the volume", fat_sector(vol, c), c);
    *next = v;
    return SEL4C_FAT_OK;
}

static const uint8_t zeros[4096];

/* The first free cluster from the next-free hint on, wrapping once. */
static sel4c_fat_err_t find_free(sel4c_fat_t *vol, uint32_t *out)
{
    if (vol->free_count == 0)
        return SEL4C_FAT_ERR_NO_SPACE;
    uint32_t c = cluster_valid(vol, vol->next_free) ? vol->next_free : 2;
    for (uint32_t n = 0; n < vol->cluster_count; n++, c = cluster_valid(vol, c + 1) ? c + 1 : 2) {
        uint32_t v;
        ERR_CHECK(fat_get(vol, c, &v));
        if (v == 0) {
            *out = c;
            return SEL4C_FAT_OK;
        }
    }
    vol->free_count = 0;
    return SEL4C_FAT_ERR_NO_SPACE;
}

/* Links clusters c .. c+n-1 into a chain ending there, writing each FAT sector once. */
static sel4c_fat_err_t set_run(sel4c_fat_t *vol, uint32_t c, uint32_t n)
{
    if (vol->fat_type == 12) { /* entries straddle sectors: one at a time */
        for (uint32_t i = 0; i < n; i++)
            ERR_CHECK(fat_set(vol, c + i, i + 1 < n ? c + i + 1 : FAT_EOC));
        return SEL4C_FAT_OK;
    }
    uint32_t width = vol->fat_type / 8u;
    for (uint32_t k = 0; k < vol->num_fats; k++) {
        if (!vol->mirror && k != vol->active_fat)
            continue;
        for (uint32_t i = 0; i < n;) {
            uint32_t off = (c + i) * width;
            uint64_t sector =
                vol->fat_start + (uint64_t)k * vol->fat_sectors + off / vol->sector_size;
            uint8_t *s;
            ERR_CHECK(cache_get(vol, sector, &s));
            for (uint32_t pos = off % vol->sector_size; pos < vol->sector_size && i < n;
                 pos += width, i++) {
                uint32_t v = i + 1 < n ? c + i + 1 : FAT_EOC;
                if (width == 4)
                    put32(s + pos, (get32(s + pos) & 0xF0000000u) | (v & 0x0FFFFFFF));
                else
                    put16(s + pos, (uint16_t)v);
            }
            ERR_CHECK(cache_write(vol, sector, s));
        }
    }
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t fat_alloc_run(sel4c_fat_t *vol, uint32_t want, uint32_t *first, uint32_t *count)
{
    uint32_t c, n = 1;
    ERR_CHECK(find_free(vol, &c));
    while (n < want && cluster_valid(vol, c + n)) {
        uint32_t v;
        ERR_CHECK(fat_get(vol, c + n, &v));
        if (v != 0)
            break;
        n++;
    }
    ERR_CHECK(set_run(vol, c, n));
    if (vol->free_count != UNKNOWN)
        vol->free_count -= n;
    vol->next_free = cluster_valid(vol, c + n) ? c + n : 2;
    *first = c;
    *count = n;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t fat_alloc(sel4c_fat_t *vol, bool zero, uint32_t *out)
{
    uint32_t c, n;
    if (zero) {
        /* zeroing a free cluster changes nothing a crash could expose; marking it follows */
        ERR_CHECK(find_free(vol, &c));
        uint64_t s = cluster_sector(vol, c);
        for (uint32_t i = 0; i < vol->sec_per_clus; i++)
            ERR_CHECK(dev_write(vol, s + i, 1, zeros));
    }
    ERR_CHECK(fat_alloc_run(vol, 1, &c, &n));
    *out = c;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t fat_free_chain(sel4c_fat_t *vol, uint32_t c)
{
    for (uint32_t n = 0; c != 0; n++) {
        if (n >= vol->cluster_count)
            return CORRUPT(vol, "cluster chain loops", 0, c);
        uint32_t next;
        ERR_CHECK(fat_next(vol, c, &next));
        ERR_CHECK(fat_set(vol, c, 0));
        if (vol->free_count != UNKNOWN)
            vol->free_count++;
        c = next;
    }
    return SEL4C_FAT_OK;
}

/* Brent's cycle detection: a loop is found within a few times its length plus its start. */
sel4c_fat_err_t fat_chain_length(sel4c_fat_t *vol, uint32_t first, uint32_t *length)
{
    uint32_t tortoise = first, hare = first, power = 1, lambda = 1, n = 1;
    for (;;) {
        uint32_t next;
        ERR_CHECK(fat_next(vol, hare, &next));
        if (next == 0) {
            *length = n;
            return SEL4C_FAT_OK;
        }
        if (power == lambda) {
            tortoise = hare;
            power *= 2;
            lambda = 0;
        }
        hare = next;
        lambda++;
        n++;
        if (hare == tortoise || n > vol->cluster_count)
            return CORRUPT(vol, "cluster chain loops", fat_sector(vol, hare), hare);
    }
}
