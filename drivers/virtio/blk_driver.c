/*
 * The virtio-blk driver PD: serves one client's block requests (blk_interim.h) with a
 * virtio-blk device on the virtio-mmio transport, interrupt-driven. Data moves by DMA straight
 * between the device and the client's data region; every request is checked first (code,
 * count, alignment, range within the capacity, data within the data region) and answered with
 * an error when it fails, and a device that misbehaves is marked failed, reported once, and
 * every later request answered with BLK_RESP_IO_ERROR. The .system fragment is in
 * docs/virtio.md.
 *
 * Channels: IRQ_CH the device's interrupt, CLIENT_CH the client.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/virtio_blk.h>

#include "blk_interim.h"

#define IRQ_CH    0
#define CLIENT_CH 1
#define QUEUE     128

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs;       /* a page of virtio-mmio transports, uncached */
uintptr_t virtio_regs_size;  /* its size */
uintptr_t virtio_regs_paddr; /* its physical address (for the report) */
uintptr_t blk_dma;           /* the device's queue and headers: the driver's alone */
uintptr_t blk_dma_size;
uintptr_t blk_dma_paddr;
uintptr_t blk_ctrl; /* shared with the client */
uintptr_t blk_data; /* shared with the client: where its buffers are */
uintptr_t blk_data_size;
uintptr_t blk_data_paddr;

static sel4c_virtio_blk_t blk;
static volatile struct blk_interim_ctrl *ctrl;
static bool failed;          /* the device is unusable: answer everything with an error */
static uint32_t ring_errors; /* client ring index errors reported */

/* What the driver keeps of a request in flight, by virtio cookie. */
static struct {
    uint32_t id, count;
} inflight[QUEUE];
static uint16_t free_slots[QUEUE], nfree;

static void respond(uint32_t id, uint32_t status, uint32_t count)
{
    uint32_t tail = ctrl->resp_tail;
    ctrl->resp[tail % BLK_INTERIM_RING] = (struct blk_interim_resp){status, id, count, 0};
    __atomic_store_n(&ctrl->resp_tail, tail + 1, __ATOMIC_RELEASE);
}

/* Free response entries, less those the requests in flight will take. */
static uint32_t resp_space(void)
{
    uint32_t used = ctrl->resp_tail - __atomic_load_n(&ctrl->resp_head, __ATOMIC_ACQUIRE);
    if (used > BLK_INTERIM_RING)
        return 0; /* the client moved its index too far: answer nothing until it is sane */
    uint32_t reserved = used + (QUEUE - nfree);
    return reserved >= BLK_INTERIM_RING ? 0 : BLK_INTERIM_RING - reserved;
}

static void device_failed(const char *where, sel4c_virtio_err_t err)
{
    if (!failed)
        printf("virtio-blk: error: %s: %s (used-ring entry %u, value %u); device disabled\n", where,
               sel4c_virtio_strerror(err), blk.vq.bad_index, blk.vq.bad_value);
    failed = true;
}

/* Checks a request; on success the device operation, its sector, bytes and data address. */
static uint32_t check(const struct blk_interim_req *r, sel4c_virtio_blk_op_t *op, uint64_t *sector,
                      uint32_t *len, uint64_t *paddr)
{
    if (r->code == BLK_REQ_FLUSH) {
        *op = SEL4C_VIRTIO_BLK_FLUSH;
        return BLK_RESP_OK;
    }
    if (r->code != BLK_REQ_READ && r->code != BLK_REQ_WRITE)
        return BLK_RESP_INVALID;
    *op = r->code == BLK_REQ_READ ? SEL4C_VIRTIO_BLK_READ : SEL4C_VIRTIO_BLK_WRITE;
    uint64_t capacity = blk.capacity / (BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    uint64_t blocks_in_data = blk_data_size / BLK_TRANSFER_SIZE;
    if (r->count == 0 || r->count > blocks_in_data || r->offset % BLK_TRANSFER_SIZE ||
        r->offset / BLK_TRANSFER_SIZE > blocks_in_data - r->count)
        return BLK_RESP_INVALID;
    if (r->block_number > capacity || r->count > capacity - r->block_number)
        return BLK_RESP_SEEK_ERROR;
    if (*op == SEL4C_VIRTIO_BLK_WRITE && blk.read_only)
        return BLK_RESP_READ_ONLY;
    *sector = r->block_number * (BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    *len = r->count * BLK_TRANSFER_SIZE; /* count <= blocks_in_data keeps this in range */
    *paddr = blk_data_paddr + r->offset;
    return BLK_RESP_OK;
}

/* Takes requests while the device and the response ring have room; true if any answered. */
static bool take_requests(void)
{
    bool answered = false, kick = false;
    uint32_t head = ctrl->req_head;
    uint32_t tail = __atomic_load_n(&ctrl->req_tail, __ATOMIC_ACQUIRE);
    if (tail - head > BLK_INTERIM_RING) {
        if (ring_errors++ == 0)
            printf("virtio-blk: error: client request ring: tail %u is more than %u past head "
                   "%u; ignoring the ring until it is consistent\n",
                   tail, BLK_INTERIM_RING, head);
        return false;
    }
    while (head != tail && nfree > 0 && resp_space() > 0) {
        /* One copy out of shared memory: the client may change the entry under us. */
        struct blk_interim_req r = ctrl->req[head % BLK_INTERIM_RING];
        sel4c_virtio_blk_op_t op = SEL4C_VIRTIO_BLK_FLUSH;
        uint64_t sector = 0, paddr = 0;
        uint32_t len = 0;
        uint32_t status = failed ? BLK_RESP_IO_ERROR : check(&r, &op, &sector, &len, &paddr);
        if (status == BLK_RESP_OK) {
            uint16_t slot = free_slots[nfree - 1];
            sel4c_virtio_err_t err = sel4c_virtio_blk_submit(&blk, op, sector, paddr, len, slot);
            if (err == SEL4C_VIRTIO_NO_SPACE)
                break; /* retried after the next completion */
            if (err == SEL4C_VIRTIO_OK) {
                nfree--;
                inflight[slot].id = r.id;
                inflight[slot].count = r.count;
                kick = true;
            } else if (err == SEL4C_VIRTIO_UNSUPPORTED) {
                /* only a flush the device did not offer: its writes are already durable */
                respond(r.id, BLK_RESP_OK, 0), answered = true;
            } else {
                device_failed("submit", err);
                respond(r.id, BLK_RESP_IO_ERROR, 0), answered = true;
            }
        } else {
            respond(r.id, status, 0), answered = true;
        }
        head++;
        __atomic_store_n(&ctrl->req_head, head, __ATOMIC_RELEASE);
    }
    if (kick)
        sel4c_virtio_blk_kick(&blk);
    return answered;
}

/* Answers the requests the device completed; true if any. */
static bool take_completions(void)
{
    bool answered = false;
    uint64_t cookie;
    sel4c_virtio_err_t result, err = SEL4C_VIRTIO_EMPTY;
    while (!failed &&
           (err = sel4c_virtio_blk_complete(&blk, &cookie, &result)) == SEL4C_VIRTIO_OK) {
        uint16_t slot = (uint16_t)cookie; /* our own cookie, from private memory */
        respond(inflight[slot].id, result == SEL4C_VIRTIO_OK ? BLK_RESP_OK : BLK_RESP_IO_ERROR,
                result == SEL4C_VIRTIO_OK ? inflight[slot].count : 0);
        free_slots[nfree++] = slot;
        answered = true;
    }
    if (!failed && err != SEL4C_VIRTIO_EMPTY)
        device_failed("used ring", err);
    if (failed && nfree < QUEUE) {
        /* The device will not answer what it holds: answer it ourselves. */
        for (uint16_t s = 0; s < QUEUE; s++) {
            bool busy = true;
            for (uint16_t i = 0; i < nfree; i++)
                busy = busy && free_slots[i] != s;
            if (busy) {
                respond(inflight[s].id, BLK_RESP_IO_ERROR, 0);
                free_slots[nfree++] = s;
                answered = true;
            }
        }
    }
    return answered;
}

void init(void)
{
    ctrl = (volatile struct blk_interim_ctrl *)blk_ctrl;
    for (uint16_t i = 0; i < QUEUE; i++)
        free_slots[nfree++] = (uint16_t)(QUEUE - 1 - i);
    uintptr_t base;
    unsigned slot;
    sel4c_virtio_err_t err =
        sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size, SEL4C_VIRTIO_ID_BLOCK, &base, &slot);
    if (!err)
        err =
            sel4c_virtio_blk_init(&blk, base, (void *)blk_dma, blk_dma_paddr, blk_dma_size, QUEUE);
    if (err) {
        printf("virtio-blk: error: no usable device in the %#lx bytes of transports mapped: %s\n",
               (unsigned long)virtio_regs_size, sel4c_virtio_strerror(err));
        failed = true;
        __atomic_store_n(&ctrl->ready, 2, __ATOMIC_RELEASE);
        microkit_notify(CLIENT_CH);
        return;
    }
    printf("virtio-blk: device at %#lx, virtio-mmio version %u, %llu sectors of 512 bytes, "
           "block size %u%s%s\n",
           (unsigned long)(virtio_regs_paddr + slot * SEL4C_VIRTIO_MMIO_SIZE), blk.dev.version,
           (unsigned long long)blk.capacity, blk.block_size, blk.read_only ? ", read-only" : "",
           blk.can_flush ? ", flush" : "");
    ctrl->capacity = blk.capacity / (BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    ctrl->block_size = blk.block_size;
    ctrl->read_only = blk.read_only;
    __atomic_store_n(&ctrl->ready, 1, __ATOMIC_RELEASE);
    microkit_notify(CLIENT_CH);
}

void notified(microkit_channel ch)
{
    bool answered = false;
    if (ch == IRQ_CH) {
        if (!failed)
            (void)sel4c_virtio_mmio_irq_ack(&blk.dev);
        answered = take_completions();
        microkit_deferred_irq_ack(IRQ_CH);
    } else if (ch != CLIENT_CH) {
        printf("virtio-blk: notification on unexpected channel %u ignored\n", ch);
        return;
    }
    /* Completions free room for requests that waited, so always look at the ring. */
    answered = take_requests() || answered;
    if (answered)
        microkit_notify(CLIENT_CH);
}
