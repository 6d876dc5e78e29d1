/*
 * The virtio-blk driver PD: serves one client's block requests (<sel4c/protocol/blk.h>: sDDF's
 * storage info and block queues) with a virtio-blk device on the virtio-mmio transport,
 * interrupt-driven. Data moves by DMA straight between the device and the client's data
 * region; every request is checked first (code, count, alignment, data within the data region,
 * blocks within the capacity) and answered with an error when it fails, and a device that
 * misbehaves is marked failed, reported once, and every later request answered
 * SEL4C_BLK_RESP_ERR_NO_DEVICE. A client that corrupts a queue index is reported once and not
 * served until the index is sane again. The .system fragment is in docs/virtio.md.
 *
 * Channels: IRQ_CH the device's interrupt, CLIENT_CH the client.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/dma.h>
#include <sel4c/protocol/blk.h>
#include <sel4c/virtio_blk.h>

_Static_assert(offsetof(struct sel4c_blk_storage_info, ready) == 65, "sDDF's layout");
_Static_assert(offsetof(struct sel4c_blk_storage_info, capacity) == 80, "sDDF's layout");

#define IRQ_CH    0
#define CLIENT_CH 1
#define QUEUE     128 /* virtio descriptors: 3 per request */
#define INFLIGHT  (QUEUE / 3)

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs;       /* a page of virtio-mmio transports, uncached */
uintptr_t virtio_regs_size;  /* its size */
uintptr_t virtio_regs_paddr; /* its physical address (for the report) */
uintptr_t blk_dma;           /* the device's queue and headers: the driver's alone */
uintptr_t blk_dma_size;
uintptr_t blk_dma_paddr;
uintptr_t blk_storage_info; /* shared with the client */
uintptr_t blk_req_queue;
uintptr_t blk_req_queue_size;
uintptr_t blk_resp_queue;
uintptr_t blk_resp_queue_size;
uintptr_t blk_data; /* the client's buffers */
uintptr_t blk_data_size;
uintptr_t blk_data_paddr;

static sel4c_virtio_blk_t blk;
static sel4c_blk_req_consumer_t reqs;
static sel4c_blk_resp_producer_t resps;
static uint32_t capacity; /* of each queue */
static bool failed;       /* no usable device: answer everything with ERR_NO_DEVICE */
static bool client_broken_reported;
static bool holding; /* a flush or barrier waits for the requests before it */
static sel4c_blk_req_t held;
static bool answered; /* responses enqueued since the last notification */

/* The requests in flight, by the cookie given to the device: our own memory. */
static struct {
    uint32_t id;
    uint16_t count;
} inflight[INFLIGHT];
static uint16_t free_slots[INFLIGHT], nfree;

static void client_broken(const char *where, int err)
{
    if (!client_broken_reported)
        printf("virtio-blk: error: client's %s: %s; not serving it until it is consistent\n", where,
               sel4c_queue_strerror(err));
    client_broken_reported = true;
}

static void respond(uint32_t id, uint32_t status, uint16_t count)
{
    int err = sel4c_blk_enqueue_resp(&resps, (sel4c_blk_resp_t){status, count, id});
    if (err)
        client_broken("response queue", err);
    answered = true;
}

/* Free response entries, less those the requests in flight and a held one will take. */
static uint32_t resp_space(void)
{
    uint32_t used;
    int err = sel4c_blk_resp_producer_length(&resps, &used);
    if (err) {
        client_broken("response queue", err);
        return 0;
    }
    uint32_t reserved = used + (INFLIGHT - nfree) + holding;
    return reserved >= capacity ? 0 : capacity - reserved;
}

static void device_failed(const char *where, sel4c_virtio_err_t err)
{
    if (!failed)
        printf("virtio-blk: error: %s: %s (used-ring entry %u, value %u); device disabled\n", where,
               sel4c_virtio_strerror(err), blk.vq.bad_index, blk.vq.bad_value);
    failed = true;
}

/* Checks a read or write; on success the device's sector, bytes and data address. */
static uint32_t check(const sel4c_blk_req_t *r, uint64_t *sector, uint32_t *len, uint64_t *paddr)
{
    uint64_t blocks = blk.capacity / (SEL4C_BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    uint64_t blocks_in_data = blk_data_size / SEL4C_BLK_TRANSFER_SIZE;
    if (r->count == 0 || r->count > blocks_in_data || r->io_or_offset % SEL4C_BLK_TRANSFER_SIZE ||
        r->io_or_offset / SEL4C_BLK_TRANSFER_SIZE > blocks_in_data - r->count)
        return SEL4C_BLK_RESP_ERR_INVALID_PARAM;
    if (r->block_number > blocks || r->count > blocks - r->block_number)
        return SEL4C_BLK_RESP_ERR_INVALID_PARAM;
    if (r->code == SEL4C_BLK_REQ_WRITE && blk.read_only)
        return SEL4C_BLK_RESP_ERR_INVALID_PARAM;
    *sector = r->block_number * (SEL4C_BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    *len = (uint32_t)r->count * SEL4C_BLK_TRANSFER_SIZE;
    *paddr = blk_data_paddr + r->io_or_offset;
    return SEL4C_BLK_RESP_OK;
}

/* Starts or answers one request; false when the device queue is full (retry it later). */
static bool serve(const sel4c_blk_req_t *r)
{
    if (failed) {
        respond(r->id, SEL4C_BLK_RESP_ERR_NO_DEVICE, 0);
        return true;
    }
    if (r->code == SEL4C_BLK_REQ_BARRIER) {
        respond(r->id, SEL4C_BLK_RESP_OK, 0); /* everything before it is answered */
        return true;
    }
    sel4c_virtio_blk_op_t op = SEL4C_VIRTIO_BLK_FLUSH;
    uint64_t sector = 0, paddr = 0;
    uint32_t len = 0;
    if (r->code != SEL4C_BLK_REQ_FLUSH) {
        uint32_t status = check(r, &sector, &len, &paddr);
        if (status != SEL4C_BLK_RESP_OK) {
            respond(r->id, status, 0);
            return true;
        }
        op = r->code == SEL4C_BLK_REQ_READ ? SEL4C_VIRTIO_BLK_READ : SEL4C_VIRTIO_BLK_WRITE;
    }
    uint16_t slot = free_slots[nfree - 1];
    sel4c_virtio_err_t err = sel4c_virtio_blk_submit(&blk, op, sector, paddr, len, slot);
    if (err == SEL4C_VIRTIO_NO_SPACE)
        return false;
    if (err == SEL4C_VIRTIO_OK) {
        nfree--;
        inflight[slot].id = r->id;
        inflight[slot].count = r->count;
    } else if (err == SEL4C_VIRTIO_UNSUPPORTED) {
        /* only a flush the device did not offer: its writes are durable when answered */
        respond(r->id, SEL4C_BLK_RESP_OK, 0);
    } else {
        device_failed("submit", err);
        respond(r->id, SEL4C_BLK_RESP_ERR_NO_DEVICE, 0);
    }
    return true;
}

/* Takes requests while the device and the response queue have room. */
static void take_requests(void)
{
    unsigned before = nfree;
    if (holding && nfree == INFLIGHT) { /* what it waited for is answered */
        if (!serve(&held))
            return;
        holding = false;
    }
    while (!holding && nfree > 0 && resp_space() > 0 && !sel4c_blk_req_plugged(&reqs)) {
        sel4c_blk_req_t r;
        int err = sel4c_blk_dequeue_req(&reqs, &r);
        if (err == SEL4C_QUEUE_EEMPTY)
            break;
        if (err == SEL4C_QUEUE_ECORRUPT_TAIL) {
            client_broken("request queue", err);
            break;
        }
        client_broken_reported = false;
        if (err) { /* taken, but its code, offset or length is wrong */
            respond(r.id, SEL4C_BLK_RESP_ERR_INVALID_PARAM, 0);
            continue;
        }
        if ((r.code == SEL4C_BLK_REQ_FLUSH || r.code == SEL4C_BLK_REQ_BARRIER) &&
            nfree < INFLIGHT) {
            held = r, holding = true;
            break;
        }
        if (!serve(&r)) {
            held = r, holding = true; /* the device queue is full: first in line */
            break;
        }
    }
    if (nfree < before)
        sel4c_virtio_blk_kick(&blk);
}

/* Answers the requests the device completed. */
static void take_completions(void)
{
    uint64_t cookie;
    sel4c_virtio_err_t result, err = SEL4C_VIRTIO_EMPTY;
    while (!failed &&
           (err = sel4c_virtio_blk_complete(&blk, &cookie, &result)) == SEL4C_VIRTIO_OK) {
        uint16_t slot = (uint16_t)cookie; /* our own cookie, from private memory */
        bool ok = result == SEL4C_VIRTIO_OK;
        respond(inflight[slot].id, ok ? SEL4C_BLK_RESP_OK : SEL4C_BLK_RESP_ERR_IO,
                ok ? inflight[slot].count : 0);
        free_slots[nfree++] = slot;
    }
    if (!failed && err != SEL4C_VIRTIO_EMPTY)
        device_failed("used ring", err);
    if (failed && nfree < INFLIGHT) {
        /* The device will not answer what it holds: answer it ourselves. */
        for (uint16_t s = 0; s < INFLIGHT; s++) {
            bool busy = true;
            for (uint16_t i = 0; i < nfree; i++)
                busy = busy && free_slots[i] != s;
            if (busy) {
                respond(inflight[s].id, SEL4C_BLK_RESP_ERR_NO_DEVICE, 0);
                free_slots[nfree++] = s;
            }
        }
    }
}

/* The device's queue and headers, from the DMA region (lib/shmem's heap, so the region may
 * be larger and hold other buffers later). */
static sel4c_err_t dma_area(sel4c_dma_buf_t *area)
{
    static sel4c_dma_extent_t extents[SEL4C_DMA_HEAP_EXTENTS(1)];
    static sel4c_dma_heap_t heap;
    sel4c_shmem_t view;
    sel4c_err_t err = sel4c_shmem_init_phys(&view, (void *)blk_dma, blk_dma_size, blk_dma_paddr);
    if (!err)
        err = sel4c_dma_heap_init(&heap, &view, 0, blk_dma_size, 64, extents,
                                  SEL4C_DMA_HEAP_EXTENTS(1));
    if (!err)
        err =
            sel4c_dma_heap_alloc(&heap, sel4c_virtio_blk_dma_bytes(QUEUE), SEL4C_VIRTQ_ALIGN, area);
    if (err)
        printf("virtio-blk: error: DMA region of %#lx bytes: %s (%s)\n",
               (unsigned long)blk_dma_size, sel4c_strerror(err),
               heap.error.reason   ? heap.error.reason
               : view.error.reason ? view.error.reason
                                   : "");
    return err;
}

static void notify_client(void)
{
    if (answered)
        microkit_notify(CLIENT_CH);
    answered = false;
}

void init(void)
{
    volatile struct sel4c_blk_storage_info *info =
        (volatile struct sel4c_blk_storage_info *)blk_storage_info;
    for (uint16_t i = 0; i < INFLIGHT; i++)
        free_slots[nfree++] = (uint16_t)(INFLIGHT - 1 - i);
    capacity = sel4c_blk_queue_capacity(blk_req_queue_size, blk_resp_queue_size);
    int qerr = SEL4C_QUEUE_EINVAL;
    if (capacity)
        qerr = sel4c_blk_req_consumer_init(&reqs, (sel4c_blk_req_queue_t *)blk_req_queue, capacity,
                                           0, blk_data_size);
    if (!qerr)
        qerr = sel4c_blk_resp_producer_init(&resps, (sel4c_blk_resp_queue_t *)blk_resp_queue,
                                            capacity);
    if (qerr) {
        printf("virtio-blk: error: queues of %#lx and %#lx bytes: %s; not serving\n",
               (unsigned long)blk_req_queue_size, (unsigned long)blk_resp_queue_size,
               sel4c_queue_strerror(qerr));
        return;
    }

    sel4c_dma_buf_t area;
    if (dma_area(&area)) {
        failed = true;
        microkit_notify(CLIENT_CH);
        return;
    }
    uintptr_t base;
    unsigned slot;
    sel4c_virtio_err_t err =
        sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size, SEL4C_VIRTIO_ID_BLOCK, &base, &slot);
    if (!err)
        err = sel4c_virtio_blk_init(&blk, base, area.vaddr, area.paddr, area.size, QUEUE);
    if (err) {
        printf("virtio-blk: error: no usable device in the %#lx bytes of transports mapped: %s\n",
               (unsigned long)virtio_regs_size, sel4c_virtio_strerror(err));
        failed = true;
        microkit_notify(CLIENT_CH);
        return;
    }
    printf("virtio-blk: device at %#lx, virtio-mmio version %u, %llu sectors of 512 bytes, "
           "block size %u%s%s; queues of %u\n",
           (unsigned long)(virtio_regs_paddr + slot * SEL4C_VIRTIO_MMIO_SIZE), blk.dev.version,
           (unsigned long long)blk.capacity, blk.block_size, blk.read_only ? ", read-only" : "",
           blk.can_flush ? ", flush" : "", capacity);
    info->read_only = blk.read_only;
    info->sector_size = SEL4C_VIRTIO_BLK_SECTOR;
    info->block_size = 1;
    info->queue_depth = INFLIGHT;
    info->capacity = blk.capacity / (SEL4C_BLK_TRANSFER_SIZE / SEL4C_VIRTIO_BLK_SECTOR);
    __atomic_store_n(&info->ready, true, __ATOMIC_RELEASE);
    microkit_notify(CLIENT_CH);
}

void notified(microkit_channel ch)
{
    if (!capacity)
        return; /* no queues to serve */
    if (ch == IRQ_CH) {
        if (!failed)
            (void)sel4c_virtio_mmio_irq_ack(&blk.dev);
        take_completions();
        microkit_deferred_irq_ack(IRQ_CH);
    } else if (ch != CLIENT_CH) {
        printf("virtio-blk: notification on unexpected channel %u ignored\n", ch);
        return;
    }
    /* Completions free room for requests that waited, so always look at the queue. */
    take_requests();
    notify_client();
}
