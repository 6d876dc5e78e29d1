/* MBR partition tables, and a partition as a bounded window onto its disk. */
#include <sel4c/mbr.h>

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static sel4c_mbr_err_t bad(sel4c_mbr_t *mbr, int entry, const char *reason)
{
    mbr->bad_entry = entry;
    mbr->reason = reason;
    return SEL4C_MBR_ERR_BAD_ENTRY;
}

sel4c_mbr_err_t sel4c_mbr_read(const sel4c_blk_t *disk, sel4c_mbr_t *mbr)
{
    mbr->bad_entry = -1;
    mbr->reason = "";
    if (disk->sector_size != 512)
        return SEL4C_MBR_ERR_INVALID;
    uint8_t s[512];
    if (disk->sector_count == 0 || disk->read(disk->ctx, 0, 1, s) != 0)
        return SEL4C_MBR_ERR_IO;
    if (s[510] != 0x55 || s[511] != 0xAA)
        return SEL4C_MBR_ERR_NO_TABLE;
    for (int i = 0; i < SEL4C_MBR_ENTRIES; i++) {
        const uint8_t *e = s + 446 + 16 * i;
        sel4c_mbr_entry_t *p = &mbr->entry[i];
        p->type = e[4];
        p->bootable = e[0] == 0x80;
        p->first = le32(e + 8);
        p->count = le32(e + 12);
        if (p->type == 0) {
            if (p->count != 0 || p->first != 0)
                return bad(mbr, i, "unused entry (type 0) with sectors");
            continue;
        }
        if (e[0] != 0 && e[0] != 0x80)
            return bad(mbr, i, "status byte neither 0x00 nor 0x80");
        if (p->count == 0)
            return bad(mbr, i, "partition with zero sectors");
        if (p->first == 0)
            return bad(mbr, i, "partition overlaps the partition table");
        if ((uint64_t)p->first + p->count > disk->sector_count)
            return bad(mbr, i, "partition ends beyond the disk");
    }
    for (int i = 0; i < SEL4C_MBR_ENTRIES; i++) {
        for (int j = 0; j < i; j++) {
            const sel4c_mbr_entry_t *a = &mbr->entry[i], *b = &mbr->entry[j];
            if (a->type == 0 || b->type == 0)
                continue;
            if ((uint64_t)a->first < (uint64_t)b->first + b->count &&
                (uint64_t)b->first < (uint64_t)a->first + a->count)
                return bad(mbr, i, "partition overlaps another");
        }
    }
    return SEL4C_MBR_OK;
}

/* A partition's callbacks refuse accesses beyond it before they reach the disk. */
static bool in_part(const sel4c_mbr_part_t *p, uint64_t sector, uint32_t count)
{
    return sector < p->count && count <= p->count - sector;
}

static int part_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    const sel4c_mbr_part_t *p = ctx;
    if (!in_part(p, sector, count))
        return -1;
    return p->disk->read(p->disk->ctx, p->first + sector, count, buf);
}

static int part_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    const sel4c_mbr_part_t *p = ctx;
    if (!in_part(p, sector, count))
        return -1;
    return p->disk->write(p->disk->ctx, p->first + sector, count, buf);
}

static int part_flush(void *ctx)
{
    const sel4c_mbr_part_t *p = ctx;
    return p->disk->flush ? p->disk->flush(p->disk->ctx) : 0;
}

sel4c_mbr_err_t sel4c_mbr_partition(const sel4c_blk_t *disk, const sel4c_mbr_t *mbr, int index,
                                    sel4c_mbr_part_t *part, sel4c_blk_t *dev)
{
    if (index < 0 || index >= SEL4C_MBR_ENTRIES || mbr->entry[index].type == 0)
        return SEL4C_MBR_ERR_INVALID;
    part->disk = disk;
    part->first = mbr->entry[index].first;
    part->count = mbr->entry[index].count;
    dev->ctx = part;
    dev->read = part_read;
    dev->write = part_write;
    dev->flush = part_flush;
    dev->sector_count = mbr->entry[index].count;
    dev->sector_size = disk->sector_size;
    return SEL4C_MBR_OK;
}
