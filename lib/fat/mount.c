/* Mounting: the boot sector's BPB, checked field by field, and the FSInfo hint of FAT32. */
#include "fat_internal.h"

#define FSINFO_LEAD   0x41615252u
#define FSINFO_STRUCT 0x61417272u
#define FSINFO_TRAIL  0xAA550000u
#define UNKNOWN       0xFFFFFFFFu

sel4c_fat_err_t fat_fail(sel4c_fat_t *vol, sel4c_fat_err_t err, const char *reason, uint64_t sector,
                         uint32_t cluster)
{
    vol->error.reason = reason;
    vol->error.sector = sector;
    vol->error.cluster = cluster;
    return err;
}

const sel4c_fat_error_info_t *sel4c_fat_error(const sel4c_fat_t *vol)
{
    return &vol->error;
}

const char *sel4c_fat_strerror(sel4c_fat_err_t err)
{
    static const char *const names[] = {
        "no error",         "device error",
        "corrupt volume",   "not a FAT volume",
        "invalid argument", "not found",
        "already exists",   "not a directory",
        "is a directory",   "directory not empty",
        "no space left",    "file too big",
        "read-only",        "directory moved into itself",
    };
    return (unsigned)err < sizeof names / sizeof names[0] ? names[err] : "unknown error";
}

static bool power_of_two(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

/* The BPB's geometry; `b` is sector 0. */
static sel4c_fat_err_t read_bpb(sel4c_fat_t *vol, const uint8_t *b)
{
    if (b[510] != 0x55 || b[511] != 0xAA)
        return fat_fail(vol, SEL4C_FAT_ERR_NOT_FAT, "no boot sector signature", 0, 0);
    if (b[0] != 0xEB && b[0] != 0xE9)
        return fat_fail(vol, SEL4C_FAT_ERR_NOT_FAT, "no jump instruction in the boot sector", 0, 0);
    uint32_t bps = get16(b + 11), spc = b[13], reserved = get16(b + 14), nfats = b[16];
    uint32_t root_entries = get16(b + 17), total = get16(b + 19), fat_size = get16(b + 22);
    if (bps != vol->dev.sector_size)
        return fat_fail(vol, SEL4C_FAT_ERR_NOT_FAT,
                        "bytes per sector differ from the device's sector size", 0, 0);
    if (!power_of_two(spc) || bps * spc > 65536)
        return CORRUPT(vol, "sectors per cluster not a power of two up to 64 KiB", 0, 0);
    if (reserved == 0)
        return CORRUPT(vol, "no reserved sectors", 0, 0);
    if (nfats == 0 || nfats > 4)
        return CORRUPT(vol, "number of FATs not 1 to 4", 0, 0);
    if (total == 0)
        total = get32(b + 32);
    bool fat32_bpb = fat_size == 0;
    if (fat32_bpb)
        fat_size = get32(b + 36);
    if (total == 0 || fat_size == 0)
        return CORRUPT(vol, "total sectors or FAT size is zero", 0, 0);
    if (total > vol->dev.sector_count)
        return CORRUPT(vol, "volume larger than its device", 0, 0);
    uint64_t root_sectors = ((uint64_t)root_entries * DIR_ENTRY + bps - 1) / bps;
    uint64_t data_start = reserved + (uint64_t)nfats * fat_size + root_sectors;
    if (data_start >= total)
        return CORRUPT(vol, "no room for data after the FATs and root directory", 0, 0);
    uint32_t clusters = (uint32_t)((total - data_start) / spc);
    uint8_t type = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
    if (clusters == 0)
        return CORRUPT(vol, "no data clusters", 0, 0);
    if ((type == 32) != fat32_bpb)
        return CORRUPT(vol, "FAT size field does not match the FAT type of the cluster count", 0,
                       0);
    if (type == 32 && root_entries != 0)
        return CORRUPT(vol, "FAT32 volume with a fixed root directory", 0, 0);
    if (type != 32 && root_entries == 0)
        return CORRUPT(vol, "FAT12/16 volume without root directory entries", 0, 0);
    if (type == 32 && clusters > 0x0FFFFFF5u)
        return CORRUPT(vol, "more clusters than FAT32 can address", 0, 0);
    /* the FAT must have an entry for every cluster */
    uint64_t fat_bytes =
        type == 12 ? ((uint64_t)clusters + 2) * 3 / 2 + 1 : ((uint64_t)clusters + 2) * (type / 8);
    if (fat_bytes > (uint64_t)fat_size * bps)
        return CORRUPT(vol, "FAT too small for the number of clusters", 0, 0);

    vol->fat_type = type;
    vol->sector_size = bps;
    vol->sec_per_clus = spc;
    vol->cluster_size = bps * spc;
    vol->num_fats = (uint8_t)nfats;
    vol->fat_start = reserved;
    vol->fat_sectors = fat_size;
    vol->root_start = (uint32_t)(reserved + nfats * fat_size);
    vol->root_entries = root_entries;
    vol->data_start = (uint32_t)data_start;
    vol->cluster_count = clusters;
    vol->total_sectors = total;
    vol->mirror = true;
    vol->active_fat = 0;
    vol->root_cluster = 0;
    vol->fsinfo_sector = 0;
    if (type == 32) {
        uint16_t ext = get16(b + 40);
        if (ext & 0x80) {
            vol->mirror = false;
            vol->active_fat = ext & 0xF;
            if (vol->active_fat >= nfats)
                return CORRUPT(vol, "active FAT beyond the number of FATs", 0, 0);
        }
        if (get16(b + 42) != 0)
            return fat_fail(vol, SEL4C_FAT_ERR_NOT_FAT, "FAT32 version is not 0.0", 0, 0);
        vol->root_cluster = get32(b + 44);
        if (!cluster_valid(vol, vol->root_cluster))
            return CORRUPT(vol, "root directory cluster outside the volume", 0, vol->root_cluster);
        uint32_t fsinfo = get16(b + 48);
        if (fsinfo != 0 && fsinfo != 0xFFFF && fsinfo < reserved)
            vol->fsinfo_sector = fsinfo;
    }
    return SEL4C_FAT_OK;
}

/* The FSInfo hint is taken only when it is whole and plausible; else free space is counted. */
static sel4c_fat_err_t read_fsinfo(sel4c_fat_t *vol)
{
    vol->free_count = UNKNOWN;
    vol->next_free = 2;
    if (vol->fsinfo_sector == 0)
        return SEL4C_FAT_OK;
    uint8_t *s;
    ERR_CHECK(cache_get(vol, vol->fsinfo_sector, &s));
    if (get32(s) != FSINFO_LEAD || get32(s + 484) != FSINFO_STRUCT ||
        get32(s + 508) != FSINFO_TRAIL) {
        vol->fsinfo_sector = 0; /* not ours to overwrite */
        return SEL4C_FAT_OK;
    }
    uint32_t free_count = get32(s + 488), next = get32(s + 492);
    if (free_count <= vol->cluster_count)
        vol->free_count = free_count;
    if (cluster_valid(vol, next))
        vol->next_free = next;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t sel4c_fat_mount(sel4c_fat_t *vol, const sel4c_blk_t *dev, void *cache,
                                size_t cache_bytes, sel4c_fat_clock_fn clock, void *clock_ctx,
                                uint32_t flags)
{
    __builtin_memset(vol, 0, sizeof *vol);
    vol->error.reason = "";
    if (!dev || !dev->read || !dev->write || !cache || ((uintptr_t)cache & 7) != 0)
        return SEL4C_FAT_ERR_INVALID;
    if (!power_of_two(dev->sector_size) || dev->sector_size < 512 || dev->sector_size > 4096)
        return fat_fail(vol, SEL4C_FAT_ERR_NOT_FAT, "device sector size not 512 to 4096", 0, 0);
    size_t per = dev->sector_size + sizeof(sel4c_fat_cache_slot_t);
    if (cache_bytes / per < 4)
        return SEL4C_FAT_ERR_INVALID;
    vol->dev = *dev;
    vol->clock = clock;
    vol->clock_ctx = clock_ctx;
    vol->read_only = (flags & SEL4C_FAT_MOUNT_READ_ONLY) != 0;
    vol->cache_n = (uint32_t)(cache_bytes / per > 0xFFFF ? 0xFFFF : cache_bytes / per);
    vol->slots = (sel4c_fat_cache_slot_t *)cache;
    vol->cache_data = (uint8_t *)cache + vol->cache_n * sizeof(sel4c_fat_cache_slot_t);
    vol->sector_size = dev->sector_size;
    vol->total_sectors = dev->sector_count;
    cache_init(vol);
    uint8_t *b;
    ERR_CHECK(cache_get(vol, 0, &b));
    ERR_CHECK(read_bpb(vol, b));
    ERR_CHECK(read_fsinfo(vol));
    vol->fsinfo_stale = false;
    return SEL4C_FAT_OK;
}

sel4c_fat_err_t fat_write_fsinfo(sel4c_fat_t *vol)
{
    if (vol->fsinfo_sector == 0)
        return SEL4C_FAT_OK;
    uint8_t *s;
    ERR_CHECK(cache_get(vol, vol->fsinfo_sector, &s));
    put32(s + 488, vol->free_count);
    put32(s + 492, vol->next_free);
    return cache_write(vol, vol->fsinfo_sector, s);
}

/* Until the next sync the free count on disk says "unknown", so a crash cannot leave a wrong
   one behind. */
sel4c_fat_err_t fat_modifying(sel4c_fat_t *vol)
{
    if (vol->read_only)
        return SEL4C_FAT_ERR_READ_ONLY;
    if (vol->fsinfo_stale || vol->fsinfo_sector == 0)
        return SEL4C_FAT_OK;
    uint32_t known = vol->free_count;
    vol->free_count = UNKNOWN;
    sel4c_fat_err_t err = fat_write_fsinfo(vol);
    vol->free_count = known;
    if (err == SEL4C_FAT_OK)
        vol->fsinfo_stale = true;
    return err;
}

sel4c_fat_err_t sel4c_fat_sync(sel4c_fat_t *vol)
{
    if (vol->fsinfo_stale) {
        ERR_CHECK(dev_flush(vol)); /* what the count describes is on disk before the count */
        ERR_CHECK(fat_write_fsinfo(vol));
        vol->fsinfo_stale = false;
    }
    return dev_flush(vol);
}

sel4c_fat_err_t sel4c_fat_unmount(sel4c_fat_t *vol)
{
    sel4c_fat_err_t err = vol->read_only ? SEL4C_FAT_OK : sel4c_fat_sync(vol);
    vol->cache_n = 0;
    return err;
}

sel4c_fat_err_t sel4c_fat_statfs(sel4c_fat_t *vol, sel4c_fat_statfs_t *out)
{
    if (vol->free_count == UNKNOWN) {
        uint32_t n = 0;
        for (uint32_t c = 2; c - 2 < vol->cluster_count; c++) {
            uint32_t v;
            ERR_CHECK(fat_get(vol, c, &v));
            n += v == 0;
        }
        vol->free_count = n;
    }
    out->fat_type = vol->fat_type;
    out->cluster_size = vol->cluster_size;
    out->cluster_count = vol->cluster_count;
    out->free_clusters = vol->free_count;
    return SEL4C_FAT_OK;
}
