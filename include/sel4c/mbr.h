/*
 * MBR partition tables: reading the four primary entries of a disk's sector 0, and a partition
 * as a block device of its own (a window of sectors of another device).
 *
 * Every entry is checked: a used entry with no sectors, one that ends beyond the disk, or two
 * that overlap make the whole table invalid, since a partition we would write to must not be
 * shared with another. Extended partitions are listed as entries but not followed.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4c/blk.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_MBR_ENTRIES 4

typedef enum sel4c_mbr_err {
    SEL4C_MBR_OK = 0,
    /* The device could not be read. */
    SEL4C_MBR_ERR_IO,
    /* Sector 0 has no 0x55AA signature: there is no partition table. */
    SEL4C_MBR_ERR_NO_TABLE,
    /* A used entry is invalid; sel4c_mbr_t.reason and .bad_entry say which and why. */
    SEL4C_MBR_ERR_BAD_ENTRY,
    /* The index names no used entry, or the device's sectors are not 512 bytes. */
    SEL4C_MBR_ERR_INVALID,
} sel4c_mbr_err_t;

typedef struct sel4c_mbr_entry {
    uint8_t type;   /* partition type byte; 0 means the entry is unused */
    bool bootable;  /* status byte 0x80 */
    uint32_t first; /* first sector (LBA) */
    uint32_t count; /* number of sectors */
} sel4c_mbr_entry_t;

typedef struct sel4c_mbr {
    sel4c_mbr_entry_t entry[SEL4C_MBR_ENTRIES];
    /* After SEL4C_MBR_ERR_BAD_ENTRY: which entry (0-3) and a static string saying why. */
    int bad_entry;
    const char *reason;
} sel4c_mbr_t;

/*
 * Reads and validates the partition table of `disk` into `mbr`. Errors: IO, NO_TABLE,
 * BAD_ENTRY (a used entry has zero sectors, an unused type with a size, a status byte other
 * than 0x00/0x80, ends beyond the disk, or overlaps another), INVALID (sector size not 512).
 */
sel4c_mbr_err_t sel4c_mbr_read(const sel4c_blk_t *disk, sel4c_mbr_t *mbr)
    __attribute__((warn_unused_result));

/* A partition: a block device that offsets and bounds `disk`. */
typedef struct sel4c_mbr_part {
    const sel4c_blk_t *disk;
    uint64_t first, count;
} sel4c_mbr_part_t;

/*
 * Makes `dev` the block device of entry `index` (0-3) of `mbr` on `disk`, using `part` (which
 * must outlive `dev`) as its context. Accesses beyond the partition are refused by the
 * callbacks (they return nonzero) rather than reaching the disk. Errors: INVALID (an unused
 * entry or an index outside 0-3).
 */
sel4c_mbr_err_t sel4c_mbr_partition(const sel4c_blk_t *disk, const sel4c_mbr_t *mbr, int index,
                                    sel4c_mbr_part_t *part, sel4c_blk_t *dev)
    __attribute__((warn_unused_result));

#ifdef __cplusplus
}
#endif
