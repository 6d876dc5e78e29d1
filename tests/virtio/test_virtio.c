/*
 * The virtio-mmio transport, the split virtqueue and the block and entropy device logic against
 * a fake device (fake_device.c), on the legacy and the modern transport: the handshake and
 * feature negotiation, reads and writes through the queue (with index wrap-around), request
 * validation, and devices that misbehave; the blocking block device over virtio-blk and the
 * polled entropy read that a PD linking the drivers in uses.
 *   test_virtio 1|2
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/virtio_blk.h>
#include <sel4c/virtio_blkdev.h>
#include <sel4c/virtio_rng.h>

#include "../../drivers/virtio/mmio_regs.h"
#include "fake_device.h"

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)
#define CHECK_ERR(expr, want)                                                                      \
    do {                                                                                           \
        sel4c_virtio_err_t got_ = (expr);                                                          \
        if (got_ != (want)) {                                                                      \
            fprintf(stderr, "%s:%d: %s: got %s, want %s\n", __FILE__, __LINE__, #expr,             \
                    sel4c_virtio_strerror(got_), sel4c_virtio_strerror(want));                     \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)
#define NO_VIOLATION()                                                                             \
    do {                                                                                           \
        if (fake.error[0]) {                                                                       \
            fprintf(stderr, "%s:%d: the device saw: %s\n", __FILE__, __LINE__, fake.error);        \
            failures++;                                                                            \
            fake.error[0] = 0;                                                                     \
        }                                                                                          \
    } while (0)

static uint32_t version;

/* The DMA region of the driver (queue, headers) and a data area, both in fake RAM. */
#define DMA_OFF  0
#define DATA_OFF (64 * 1024)

static void blk_device(uint64_t sectors, uint64_t features)
{
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    fake.offered |= features;
    memcpy(fake.config, &sectors, 8);
    uint32_t bs = 4096;
    memcpy(fake.config + 20, &bs, 4);
}

static sel4c_virtio_err_t blk_init(sel4c_virtio_blk_t *blk, uint16_t max_queue)
{
    return sel4c_virtio_blk_init(blk, FAKE_REGS_BASE, fake_ram + DMA_OFF, FAKE_RAM_PADDR + DMA_OFF,
                                 DATA_OFF, max_queue);
}

static void test_probe(void)
{
    sel4c_virtio_mmio_t dev;
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    CHECK(dev.version == version && dev.device_id == SEL4C_VIRTIO_ID_BLOCK);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_RNG),
              SEL4C_VIRTIO_WRONG_DEVICE);
    fake.device_id = 0;
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_NO_DEVICE);
    fake.magic = 0x12345678;
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_NO_DEVICE);
    fake_reset(3, SEL4C_VIRTIO_ID_BLOCK);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_BAD_VERSION);
    NO_VIOLATION();
}

static void test_negotiation(void)
{
    sel4c_virtio_mmio_t dev;
    /* A required feature missing: refused, and the device marked FAILED. */
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    fake.offered |= SEL4C_VIRTIO_FEATURE(9);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    CHECK_ERR(sel4c_virtio_mmio_negotiate(&dev, SEL4C_VIRTIO_FEATURE(6), 0), SEL4C_VIRTIO_FEATURES);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    /* Optional features: only what is offered; nothing else. */
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    fake.offered |= SEL4C_VIRTIO_FEATURE(9) | SEL4C_VIRTIO_FEATURE(11) | SEL4C_VIRTIO_FEATURE(29);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    CHECK_ERR(
        sel4c_virtio_mmio_negotiate(&dev, 0, SEL4C_VIRTIO_FEATURE(9) | SEL4C_VIRTIO_FEATURE(6)),
        SEL4C_VIRTIO_OK);
    uint64_t want = SEL4C_VIRTIO_FEATURE(9);
    if (version == 2)
        want |= SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_F_VERSION_1);
    CHECK(dev.features == want);
    CHECK(fake.driver_features == (version == 2 ? want : (uint32_t)want));
    if (version == 2)
        CHECK(fake.status & VIRTIO_STATUS_FEATURES_OK);
    NO_VIOLATION();
    if (version != 2)
        return;
    /* Modern: a device without VERSION_1, and one that will not take our features. */
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    fake.offered = 0;
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    CHECK_ERR(sel4c_virtio_mmio_negotiate(&dev, 0, 0), SEL4C_VIRTIO_FEATURES);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    fake.refuse_features_ok = true;
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    CHECK_ERR(sel4c_virtio_mmio_negotiate(&dev, 0, 0), SEL4C_VIRTIO_FEATURES);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    /* A configuration that never settles is refused, not waited for. */
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    CHECK_ERR(sel4c_virtio_mmio_probe(&dev, FAKE_REGS_BASE, SEL4C_VIRTIO_ID_BLOCK),
              SEL4C_VIRTIO_OK);
    uint64_t v;
    fake.flip_generation = 1000;
    CHECK_ERR(sel4c_virtio_mmio_config64(&dev, 0, &v), SEL4C_VIRTIO_DEVICE_FAILED);
    fake.flip_generation = 1; /* one change: the second attempt reads it */
    CHECK_ERR(sel4c_virtio_mmio_config64(&dev, 0, &v), SEL4C_VIRTIO_OK);
    NO_VIOLATION();
}

static void fill_disk(void)
{
    for (unsigned i = 0; i < FAKE_DISK_BYTES; i++)
        fake_disk[i] = (uint8_t)(i * 13 + i / 512);
}

/* Runs everything the device completed through blk_complete; returns how many. */
static unsigned drain(sel4c_virtio_blk_t *blk, sel4c_virtio_err_t want_result)
{
    unsigned n = 0;
    uint64_t cookie;
    sel4c_virtio_err_t result;
    while (sel4c_virtio_blk_complete(blk, &cookie, &result) == SEL4C_VIRTIO_OK) {
        CHECK_ERR(result, want_result);
        n++;
    }
    return n;
}

static void test_blk_io(void)
{
    sel4c_virtio_blk_t blk;
    blk_device(FAKE_DISK_BYTES / 512, SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_FLUSH) |
                                          SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_BLK_SIZE));
    fill_disk();
    CHECK_ERR(blk_init(&blk, 16), SEL4C_VIRTIO_OK);
    NO_VIOLATION();
    CHECK(blk.capacity == FAKE_DISK_BYTES / 512);
    CHECK(blk.block_size == 4096);
    CHECK(blk.can_flush && !blk.read_only);
    CHECK(blk.vq.size == 16);
    CHECK(fake.status & VIRTIO_STATUS_DRIVER_OK);

    /* Read 8 KiB at sector 24 and compare with the disk. */
    uint8_t *data = fake_ram + DATA_OFF;
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 24, FAKE_RAM_PADDR + DATA_OFF,
                                      8192, 77),
              SEL4C_VIRTIO_OK);
    sel4c_virtio_blk_kick(&blk);
    NO_VIOLATION();
    CHECK(sel4c_virtio_mmio_irq_ack(&blk.dev) == 1);
    CHECK(fake.isr == 0);
    uint64_t cookie = 0;
    sel4c_virtio_err_t result;
    CHECK_ERR(sel4c_virtio_blk_complete(&blk, &cookie, &result), SEL4C_VIRTIO_OK);
    CHECK_ERR(result, SEL4C_VIRTIO_OK);
    CHECK(cookie == 77);
    CHECK(memcmp(data, fake_disk + 24 * 512, 8192) == 0);
    CHECK_ERR(sel4c_virtio_blk_complete(&blk, &cookie, &result), SEL4C_VIRTIO_EMPTY);

    /* Write the last sector, flush, read it back. */
    memset(data, 0xc3, 512);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_WRITE, blk.capacity - 1,
                                      FAKE_RAM_PADDR + DATA_OFF, 512, 1),
              SEL4C_VIRTIO_OK);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_FLUSH, 0, 0, 0, 2), SEL4C_VIRTIO_OK);
    sel4c_virtio_blk_kick(&blk);
    CHECK(drain(&blk, SEL4C_VIRTIO_OK) == 2);
    CHECK(fake_disk[FAKE_DISK_BYTES - 1] == 0xc3 && fake_disk[FAKE_DISK_BYTES - 512] == 0xc3);
    NO_VIOLATION();

    /* Many requests, deferred, so the queue fills: NO_SPACE, then all complete; 70000
     * requests take the 16-bit ring indices round more than once. */
    fake.deferred = true;
    unsigned queued = 0;
    sel4c_virtio_err_t err;
    while ((err = sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, queued,
                                          FAKE_RAM_PADDR + DATA_OFF, 512, queued)) ==
           SEL4C_VIRTIO_OK)
        queued++;
    CHECK_ERR(err, SEL4C_VIRTIO_NO_SPACE);
    CHECK(queued == 16 / 3);
    sel4c_virtio_blk_kick(&blk);
    fake_complete();
    CHECK(drain(&blk, SEL4C_VIRTIO_OK) == queued);
    fake.deferred = false;
    for (unsigned i = 0; i < 70000; i++) {
        uint64_t sector = i % blk.capacity;
        if (sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, sector,
                                    FAKE_RAM_PADDR + DATA_OFF + (i % 8) * 512, 512,
                                    i) != SEL4C_VIRTIO_OK) {
            CHECK(!"submit failed");
            break;
        }
        sel4c_virtio_blk_kick(&blk);
        if (sel4c_virtio_blk_complete(&blk, &cookie, &result) != SEL4C_VIRTIO_OK || cookie != i ||
            result != SEL4C_VIRTIO_OK ||
            memcmp(data + (i % 8) * 512, fake_disk + sector * 512, 512) != 0) {
            CHECK(!"round trip failed");
            break;
        }
    }
    CHECK(blk.vq.num_free == blk.vq.size && blk.vq.in_flight == 0);
    NO_VIOLATION();
}

static void test_blk_validation(void)
{
    sel4c_virtio_blk_t blk;
    blk_device(100, SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_RO));
    CHECK_ERR(blk_init(&blk, 8), SEL4C_VIRTIO_OK);
    uint64_t p = FAKE_RAM_PADDR + DATA_OFF;
    CHECK(blk.read_only && !blk.can_flush && blk.block_size == 512);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 100, p, 512, 0),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 99, p, 1024, 0),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, UINT64_MAX, p, 512, 0),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 0, p, 0, 0),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 0, p, 100, 0),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, 7, 0, p, 512, 0), SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_WRITE, 0, p, 512, 0),
              SEL4C_VIRTIO_UNSUPPORTED);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_FLUSH, 0, 0, 0, 0),
              SEL4C_VIRTIO_UNSUPPORTED);
    CHECK_ERR(sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 99, p, 512, 0), SEL4C_VIRTIO_OK);
    CHECK(fake.notifies == 0);
    NO_VIOLATION();

    /* A block size that is not a power of two is refused. */
    blk_device(100, SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_BLK_SIZE));
    uint32_t bs = 1000;
    memcpy(fake.config + 20, &bs, 4);
    CHECK_ERR(blk_init(&blk, 8), SEL4C_VIRTIO_INVALID);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    /* Too little DMA memory, and a device with no queue. */
    blk_device(100, 0);
    CHECK_ERR(sel4c_virtio_blk_init(&blk, FAKE_REGS_BASE, fake_ram, FAKE_RAM_PADDR, 4096, 8),
              SEL4C_VIRTIO_INVALID);
    fake.queue_num_max = 0;
    CHECK_ERR(blk_init(&blk, 8), SEL4C_VIRTIO_QUEUE_UNAVAIL);
    /* A device smaller than we would like: the queue shrinks to fit. */
    blk_device(100, 0);
    fake.queue_num_max = 4;
    CHECK_ERR(blk_init(&blk, 64), SEL4C_VIRTIO_OK);
    CHECK(blk.vq.size == 4 && fake.num == 4);
    NO_VIOLATION();
}

/* A device that misbehaves in `how` is refused with `want`, and marked failed. */
static void misbehaving_blk(enum fake_misbehaviour how, sel4c_virtio_err_t want)
{
    sel4c_virtio_blk_t blk;
    blk_device(128, 0);
    CHECK_ERR(blk_init(&blk, 8), SEL4C_VIRTIO_OK);
    fake.misbehave = how;
    CHECK_ERR(
        sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 1, FAKE_RAM_PADDR + DATA_OFF, 1024, 5),
        SEL4C_VIRTIO_OK);
    sel4c_virtio_blk_kick(&blk);
    uint64_t cookie;
    sel4c_virtio_err_t result = SEL4C_VIRTIO_OK;
    sel4c_virtio_err_t err = sel4c_virtio_blk_complete(&blk, &cookie, &result);
    if (want == SEL4C_VIRTIO_DEVICE_ERROR || want == SEL4C_VIRTIO_OK) {
        /* The request completes, with an error result; the queue stays usable. */
        CHECK_ERR(err, SEL4C_VIRTIO_OK);
        CHECK_ERR(result, want);
        CHECK(!blk.vq.broken);
        return;
    }
    CHECK_ERR(err, want);
    CHECK(blk.vq.broken);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    /* A broken queue stays broken. */
    CHECK_ERR(sel4c_virtio_blk_complete(&blk, &cookie, &result), SEL4C_VIRTIO_DEVICE_FAILED);
    CHECK_ERR(
        sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, 1, FAKE_RAM_PADDR + DATA_OFF, 512, 5),
        SEL4C_VIRTIO_DEVICE_FAILED);
    NO_VIOLATION();
}

/* A device that writes anything at all into the used ring: every answer is either a request
 * in flight with a plausible length or an error, never an out-of-bounds access (ASan). */
static void test_random_used_ring(void)
{
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (int round = 0; round < 3000; round++) {
        sel4c_virtio_blk_t blk;
        blk_device(128, 0);
        fake.deferred = true;
        if (blk_init(&blk, 8) != SEL4C_VIRTIO_OK) {
            CHECK(!"init failed");
            return;
        }
        bool submitted[4] = {false};
        for (unsigned i = 0; i < 2; i++)
            submitted[i] =
                sel4c_virtio_blk_submit(&blk, SEL4C_VIRTIO_BLK_READ, i, FAKE_RAM_PADDR + DATA_OFF,
                                        512, i) == SEL4C_VIRTIO_OK;
        /* Each field mostly near valid values, sometimes anything. */
        uint8_t *used = fake_ptr(blk.vq.used_paddr, 4 + 8 * 8);
        for (unsigned i = 0; i < 1 + 2 * 8; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            uint32_t v = (uint32_t)(x >> 32);
            if (x % 7 != 0)
                v = i == 0 ? v % 4 : i % 2 ? v % 8 : v % 1100; /* idx, ids, lengths */
            if (i == 0)
                memcpy(used + 2, &(uint16_t){(uint16_t)v}, 2);
            else
                memcpy(used + 4 + 4 * (i - 1), &v, 4);
        }
        for (int n = 0; n < 10; n++) {
            uint64_t cookie;
            sel4c_virtio_err_t result;
            sel4c_virtio_err_t err = sel4c_virtio_blk_complete(&blk, &cookie, &result);
            if (err != SEL4C_VIRTIO_OK)
                break;
            CHECK(cookie < 2 && submitted[cookie]);
            if (cookie < 2)
                submitted[cookie] = false; /* answered at most once */
        }
        CHECK(blk.vq.num_free + 3 * blk.vq.in_flight == blk.vq.size);
    }
    NO_VIOLATION();
}

static void test_rng(void)
{
    sel4c_virtio_rng_t rng;
    fake_reset(version, SEL4C_VIRTIO_ID_RNG);
    CHECK_ERR(sel4c_virtio_rng_init(&rng, FAKE_REGS_BASE, fake_ram, FAKE_RAM_PADDR, DATA_OFF, 8),
              SEL4C_VIRTIO_OK);
    CHECK(rng.vq.size == 8);
    uint8_t *data = fake_ram + DATA_OFF;
    memset(data, 0, 64);
    CHECK_ERR(sel4c_virtio_rng_request(&rng, FAKE_RAM_PADDR + DATA_OFF, 64), SEL4C_VIRTIO_OK);
    uint64_t paddr;
    uint32_t len;
    CHECK_ERR(sel4c_virtio_rng_collect(&rng, &paddr, &len), SEL4C_VIRTIO_OK);
    CHECK(paddr == FAKE_RAM_PADDR + DATA_OFF && len == 64);
    CHECK(data[0] == 1 && data[1] == 8);
    CHECK_ERR(sel4c_virtio_rng_request(&rng, FAKE_RAM_PADDR + DATA_OFF, 0), SEL4C_VIRTIO_INVALID);
    fake.misbehave = FAKE_BAD_LEN;
    CHECK_ERR(sel4c_virtio_rng_request(&rng, FAKE_RAM_PADDR + DATA_OFF, 64), SEL4C_VIRTIO_OK);
    CHECK_ERR(sel4c_virtio_rng_collect(&rng, &paddr, &len), SEL4C_VIRTIO_BAD_USED_LEN);
    CHECK(rng.vq.bad_value == 65 && rng.vq.bad_index == 1);
    CHECK(fake.status & VIRTIO_STATUS_FAILED);
    NO_VIOLATION();
    /* Not an entropy device */
    fake_reset(version, SEL4C_VIRTIO_ID_BLOCK);
    CHECK_ERR(sel4c_virtio_rng_init(&rng, FAKE_REGS_BASE, fake_ram, FAKE_RAM_PADDR, DATA_OFF, 8),
              SEL4C_VIRTIO_WRONG_DEVICE);
}

/* The blocking device's wait: the device completes what it was given only now. */
static unsigned waits;
static void complete_on_wait(void *ctx)
{
    (void)ctx;
    waits++;
    fake_complete();
}

static void test_blkdev(void)
{
    sel4c_virtio_blk_t blk;
    sel4c_virtio_blkdev_t d;
    blk_device(FAKE_DISK_BYTES / 512, SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_FLUSH));
    fill_disk();
    CHECK_ERR(blk_init(&blk, 16), SEL4C_VIRTIO_OK);
    uint8_t *bounce = fake_ram + DATA_OFF;
    CHECK_ERR(
        sel4c_virtio_blkdev_init(&d, &blk, bounce, FAKE_RAM_PADDR + DATA_OFF, 100, NULL, NULL),
        SEL4C_VIRTIO_INVALID);
    CHECK_ERR(
        sel4c_virtio_blkdev_init(&d, &blk, bounce, FAKE_RAM_PADDR + DATA_OFF, 2048, NULL, NULL),
        SEL4C_VIRTIO_OK);
    const sel4c_blk_t *dev = sel4c_virtio_blkdev_dev(&d);
    CHECK(dev->sector_size == 512 && dev->sector_count == FAKE_DISK_BYTES / 512);

    /* 11 sectors through a 4-sector bounce buffer: three pieces, polled. */
    static uint8_t buf[16 * 512];
    CHECK(dev->read(dev->ctx, 5, 11, buf) == 0);
    CHECK(memcmp(buf, fake_disk + 5 * 512, 11 * 512) == 0);
    memset(buf, 0x5a, 9 * 512);
    CHECK(dev->write(dev->ctx, 100, 9, buf) == 0);
    CHECK(fake_disk[100 * 512] == 0x5a && fake_disk[109 * 512 - 1] == 0x5a);
    CHECK(fake_disk[109 * 512] != 0x5a || fake_disk[109 * 512 + 1] != 0x5a);
    CHECK(dev->flush(dev->ctx) == 0);
    NO_VIOLATION();

    /* A device that completes later: the wait runs until it has. */
    fake.deferred = true;
    CHECK_ERR(sel4c_virtio_blkdev_init(&d, &blk, bounce, FAKE_RAM_PADDR + DATA_OFF, 2048,
                                       complete_on_wait, NULL),
              SEL4C_VIRTIO_OK);
    waits = 0;
    CHECK(dev->read(dev->ctx, 40, 6, buf) == 0);
    CHECK(waits == 2 && memcmp(buf, fake_disk + 40 * 512, 6 * 512) == 0);
    fake.deferred = false;

    /* A device error is the call's failure, with the reason kept. */
    fake.misbehave = FAKE_IO_ERROR;
    CHECK(dev->read(dev->ctx, 0, 1, buf) == -1);
    CHECK_ERR(d.last_error, SEL4C_VIRTIO_DEVICE_ERROR);
    fake.misbehave = FAKE_OK;
    /* Out of range: refused before the device sees it. */
    CHECK(dev->read(dev->ctx, FAKE_DISK_BYTES / 512, 1, buf) == -1);
    CHECK_ERR(d.last_error, SEL4C_VIRTIO_INVALID);
    NO_VIOLATION();
}

static void test_rng_read(void)
{
    sel4c_virtio_rng_t rng;
    fake_reset(version, SEL4C_VIRTIO_ID_RNG);
    CHECK_ERR(sel4c_virtio_rng_init(&rng, FAKE_REGS_BASE, fake_ram, FAKE_RAM_PADDR, DATA_OFF, 8),
              SEL4C_VIRTIO_OK);
    uint8_t *bounce = fake_ram + DATA_OFF, buf[100];
    /* 100 bytes through a 64-byte bounce buffer: two requests, each the device's pattern. */
    CHECK_ERR(
        sel4c_virtio_rng_read(&rng, bounce, FAKE_RAM_PADDR + DATA_OFF, 64, buf, sizeof buf, 10),
        SEL4C_VIRTIO_OK);
    CHECK(buf[0] == 1 && buf[1] == 8 && buf[63] == (uint8_t)(63 * 7 + 1));
    CHECK(buf[64] == (uint8_t)(31 + 1) && buf[99] == (uint8_t)(31 + 35 * 7 + 1));
    CHECK(bounce[0] == 0 && bounce[35] == 0); /* nothing left behind */
    /* A device that never answers: EMPTY after the polls, the buffer zeroed. */
    fake.deferred = true;
    CHECK_ERR(sel4c_virtio_rng_read(&rng, bounce, FAKE_RAM_PADDR + DATA_OFF, 64, buf, 16, 10),
              SEL4C_VIRTIO_EMPTY);
    CHECK(buf[0] == 0 && buf[15] == 0);
    CHECK_ERR(sel4c_virtio_rng_read(&rng, NULL, 0, 64, buf, 16, 10), SEL4C_VIRTIO_INVALID);
    NO_VIOLATION();
}

static void test_virtq_args(void)
{
    sel4c_virtq_t vq;
    CHECK(sel4c_virtq_bytes(128) == 8192 && sel4c_virtq_bytes(256) == 12288);
    CHECK_ERR(sel4c_virtq_init(&vq, fake_ram, FAKE_RAM_PADDR, 8192, 12), SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtq_init(&vq, fake_ram, FAKE_RAM_PADDR, 8192, 512), SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtq_init(&vq, fake_ram + 8, FAKE_RAM_PADDR + 8, 8192, 8),
              SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtq_init(&vq, fake_ram, FAKE_RAM_PADDR, 4096, 256), SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtq_init(&vq, fake_ram, FAKE_RAM_PADDR, 8192, 8), SEL4C_VIRTIO_OK);
    sel4c_virtq_buf_t bufs[2] = {{FAKE_RAM_PADDR, 16}, {FAKE_RAM_PADDR, 0}};
    uint16_t head;
    CHECK_ERR(sel4c_virtq_add(&vq, bufs, 0, 0, &head), SEL4C_VIRTIO_INVALID);
    CHECK_ERR(sel4c_virtq_add(&vq, bufs, 1, 1, &head), SEL4C_VIRTIO_INVALID);
    CHECK(vq.num_free == 8);
    CHECK(vq.avail->flags == 0); /* interrupts wanted after init */
    sel4c_virtq_interrupts(&vq, false);
    CHECK(vq.avail->flags == SEL4C_VIRTQ_AVAIL_F_NO_INTERRUPT);
    sel4c_virtq_interrupts(&vq, true);
    CHECK(vq.avail->flags == 0);
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "1") && strcmp(argv[1], "2"))) {
        fprintf(stderr, "usage: test_virtio 1|2   (the transport version)\n");
        return 2;
    }
    version = (uint32_t)atoi(argv[1]);
    test_probe();
    test_negotiation();
    test_virtq_args();
    test_blk_io();
    test_blk_validation();
    misbehaving_blk(FAKE_BAD_ID, SEL4C_VIRTIO_BAD_USED_ID);
    misbehaving_blk(FAKE_NOT_HEAD_ID, SEL4C_VIRTIO_BAD_USED_ID);
    misbehaving_blk(FAKE_BAD_LEN, SEL4C_VIRTIO_BAD_USED_LEN);
    misbehaving_blk(FAKE_BAD_IDX, SEL4C_VIRTIO_BAD_USED_IDX);
    misbehaving_blk(FAKE_IO_ERROR, SEL4C_VIRTIO_DEVICE_ERROR);
    misbehaving_blk(FAKE_SHORT_READ, SEL4C_VIRTIO_DEVICE_ERROR);
    test_random_used_ring();
    test_rng();
    test_blkdev();
    test_rng_read();
    free(fake_ram);
    if (failures) {
        printf("virtio (transport version %u): %d checks failed\n", version, failures);
        return 1;
    }
    printf("virtio (transport version %u): all checks passed\n", version);
    return 0;
}
