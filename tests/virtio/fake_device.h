/*
 * A fake virtio-mmio device in host memory, for the transport and virtqueue tests: a register
 * file behind sel4c_virtio_mmio_read32/write32 and a device model that, on a queue
 * notification, consumes the available ring and fills the used ring (a block device over an
 * in-memory disk, or an entropy device). It can be told to misbehave.
 *
 * "Physical" addresses are offsets into fake_ram plus FAKE_RAM_PADDR; the device reaches
 * nothing else, and a descriptor outside it fails the test.
 */
#ifndef FAKE_DEVICE_H
#define FAKE_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#define FAKE_REGS_BASE  0x10000000u /* the register window's "virtual address" */
#define FAKE_RAM_PADDR  0x40000000u
#define FAKE_RAM_BYTES  (1u << 20)
#define FAKE_DISK_BYTES (64u * 1024)

enum fake_misbehaviour {
    FAKE_OK,
    FAKE_BAD_ID,      /* used id = queue size + 3 */
    FAKE_NOT_HEAD_ID, /* used id = the chain's second descriptor */
    FAKE_BAD_LEN,     /* used len = writable bytes + 1 */
    FAKE_BAD_IDX,     /* used idx advanced by one more than completed */
    FAKE_IO_ERROR,    /* status VIRTIO_BLK_S_IOERR */
    FAKE_SHORT_READ,  /* used len = 1 on reads */
};

struct fake_device {
    uint32_t magic, version, device_id;
    uint64_t offered;        /* device features */
    bool refuse_features_ok; /* clear FEATURES_OK when the driver sets it */
    uint32_t queue_num_max;
    uint32_t flip_generation; /* change ConfigGeneration on this many reads */
    enum fake_misbehaviour misbehave;
    bool deferred; /* complete on fake_complete(), not on the notification */
    /* driver-visible state */
    uint32_t features_sel, driver_features_sel, queue_sel, status, isr, generation;
    uint64_t driver_features;
    uint32_t page_size, queue_align, pfn, num, ready;
    uint64_t desc, driver, device;
    uint8_t config[0x100];
    /* model state */
    uint16_t last_avail, used_idx;
    unsigned notifies, completed;
    char error[200]; /* the first protocol violation the model saw */
};

extern struct fake_device fake;
extern uint8_t *fake_ram; /* FAKE_RAM_BYTES, 4 KiB aligned */
extern uint8_t fake_disk[FAKE_DISK_BYTES];

/* A fresh device of `device_id` on transport `version` (legacy 1, modern 2). */
void fake_reset(uint32_t version, uint32_t device_id);
/* The host pointer of fake physical address `paddr` for `len` bytes, or NULL if outside. */
void *fake_ptr(uint64_t paddr, uint64_t len);
/* Completes what the driver made available (when `deferred`). */
void fake_complete(void);

#endif
