/*
 * The virtio-rng driver PD: fills a client's shared buffer with device entropy
 * (<sel4c/protocol/rng.h>), interrupt-driven, in two ways:
 *   - on request (a request number and a notification): up to the data area's size, gathered
 *     in device reads of at most one page;
 *   - by protected procedure call, at once, from a pool of device bytes the driver keeps full
 *     (filled by polling the device in init(), refilled from interrupts afterwards), for
 *     clients that need entropy synchronously (a TLS library's seeding callback).
 * The device writes into buffers in the driver's own DMA region, which the driver copies to
 * the client: the device never sees client memory. Every pool byte goes to one caller only.
 * The .system fragment is in docs/virtio.md.
 *
 * Channels: IRQ_CH the device's interrupt, CLIENT_CH the client.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/dma.h>
#include <sel4c/protocol/rng.h>
#include <sel4c/virtio_rng.h>

#define IRQ_CH    0
#define CLIENT_CH 1
#define QUEUE     8
#define BOUNCE    4096u /* each device read, at most */
#define POOL      4096u
#define POLL_MAX  (1u << 26) /* register reads init() waits for the device, at most */

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs; /* a page of virtio-mmio transports, uncached */
uintptr_t virtio_regs_size;
uintptr_t virtio_regs_paddr; /* its physical address (for the report) */
uintptr_t rng_dma;           /* the queue and two bounce buffers: the driver's alone */
uintptr_t rng_dma_size;
uintptr_t rng_dma_paddr;
uintptr_t rng_shared; /* shared with the client: struct sel4c_rng_shared, then data */
uintptr_t rng_shared_size;

static sel4c_virtio_rng_t rng;
static volatile struct sel4c_rng_shared *shared;
static bool failed;

/* The request being filled (the notification protocol) */
static bool busy;
static uint32_t serving; /* its number (requests count from 1: the region starts zeroed) */
static uint32_t wanted, filled;
static sel4c_dma_buf_t req_buf;

/* The pool (the PP call protocol) */
static uint8_t pool[POOL];
static uint32_t pool_len;
static bool refilling;
static sel4c_dma_buf_t pool_buf;

static uint32_t data_size(void)
{
    return (uint32_t)(rng_shared_size - sizeof(struct sel4c_rng_shared));
}

static void disable(const char *where, sel4c_virtio_err_t err)
{
    if (!failed)
        printf("virtio-rng: error: %s: %s (used-ring entry %u, value %u); device disabled\n", where,
               sel4c_virtio_strerror(err), rng.vq.bad_index, rng.vq.bad_value);
    failed = true;
}

static void answer(uint32_t status)
{
    shared->status = status;
    shared->filled = filled;
    __atomic_store_n(&shared->response, serving, __ATOMIC_RELEASE);
    busy = false;
    microkit_notify(CLIENT_CH);
}

static void ask_for_request(void)
{
    uint32_t n = wanted - filled < BOUNCE ? wanted - filled : BOUNCE;
    sel4c_virtio_err_t err = sel4c_virtio_rng_request(&rng, req_buf.paddr, n);
    if (err) {
        disable("request", err);
        answer(SEL4C_RNG_DEVICE_FAILED);
    }
}

static void ask_for_pool(void)
{
    if (failed || refilling || pool_len == POOL)
        return;
    sel4c_virtio_err_t err = sel4c_virtio_rng_request(&rng, pool_buf.paddr, POOL - pool_len);
    if (err)
        disable("pool request", err);
    refilling = !err;
}

static void take_request(void)
{
    uint32_t request = __atomic_load_n(&shared->request, __ATOMIC_ACQUIRE);
    if (busy || request == serving)
        return;
    serving = request;
    wanted = shared->len; /* read once */
    filled = 0;
    busy = true;
    if (wanted == 0 || wanted > data_size())
        answer(SEL4C_RNG_INVALID);
    else if (failed)
        answer(SEL4C_RNG_DEVICE_FAILED);
    else
        ask_for_request();
}

/* Takes what the device filled; false when nothing was there. */
static bool take_completion(void)
{
    uint64_t paddr;
    uint32_t len;
    sel4c_virtio_err_t err = sel4c_virtio_rng_collect(&rng, &paddr, &len);
    if (err == SEL4C_VIRTIO_EMPTY)
        return false;
    if (err) {
        disable("used ring", err);
        if (busy)
            answer(SEL4C_RNG_DEVICE_FAILED);
        return false;
    }
    /* len was checked against the buffer, which we sized to what the request or pool lacks */
    if (paddr == pool_buf.paddr) {
        memcpy(pool + pool_len, pool_buf.vaddr, len);
        pool_len += len;
        refilling = false;
        ask_for_pool(); /* the device may give fewer bytes than asked */
    } else if (busy) {
        memcpy((uint8_t *)shared->data + filled, req_buf.vaddr, len);
        filled += len;
        if (filled == wanted)
            answer(SEL4C_RNG_OK);
        else
            ask_for_request();
    }
    return true;
}

/* The device's queue and the two bounce buffers, from the DMA region (lib/shmem's heap). */
static sel4c_err_t dma_areas(sel4c_dma_buf_t *ring)
{
    static sel4c_dma_extent_t extents[SEL4C_DMA_HEAP_EXTENTS(3)];
    static sel4c_dma_heap_t heap;
    sel4c_shmem_t view;
    sel4c_err_t err = sel4c_shmem_init_phys(&view, (void *)rng_dma, rng_dma_size, rng_dma_paddr);
    if (!err)
        err = sel4c_dma_heap_init(&heap, &view, 0, rng_dma_size, 64, extents,
                                  SEL4C_DMA_HEAP_EXTENTS(3));
    if (!err)
        err =
            sel4c_dma_heap_alloc(&heap, sel4c_virtio_rng_dma_bytes(QUEUE), SEL4C_VIRTQ_ALIGN, ring);
    if (!err)
        err = sel4c_dma_heap_alloc(&heap, BOUNCE, 64, &req_buf);
    if (!err)
        err = sel4c_dma_heap_alloc(&heap, POOL, 64, &pool_buf);
    if (err)
        printf("virtio-rng: error: DMA region of %#lx bytes: %s (%s)\n",
               (unsigned long)rng_dma_size, sel4c_strerror(err),
               heap.error.reason   ? heap.error.reason
               : view.error.reason ? view.error.reason
                                   : "");
    return err;
}

void init(void)
{
    shared = (volatile struct sel4c_rng_shared *)rng_shared;
    sel4c_dma_buf_t ring;
    if (dma_areas(&ring)) {
        failed = true;
        return;
    }
    uintptr_t base;
    unsigned slot;
    sel4c_virtio_err_t err = rng_shared_size <= sizeof(struct sel4c_rng_shared)
                                 ? SEL4C_VIRTIO_INVALID
                                 : sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size,
                                                          SEL4C_VIRTIO_ID_RNG, &base, &slot);
    if (!err)
        err = sel4c_virtio_rng_init(&rng, base, ring.vaddr, ring.paddr, ring.size, QUEUE);
    if (err) {
        printf("virtio-rng: error: no usable device (shared region %#lx bytes): %s\n",
               (unsigned long)rng_shared_size, sel4c_virtio_strerror(err));
        failed = true;
        return;
    }
    /* Fill the pool before any client runs: poll, as no interrupt arrives inside init(). */
    ask_for_pool();
    for (uint32_t i = 0; i < POLL_MAX && !failed && pool_len < POOL; i++)
        (void)take_completion();
    printf("virtio-rng: device at %#lx, virtio-mmio version %u; pool of %u bytes\n",
           (unsigned long)(virtio_regs_paddr + slot * SEL4C_VIRTIO_MMIO_SIZE), rng.dev.version,
           pool_len);
}

void notified(microkit_channel ch)
{
    if (ch == IRQ_CH) {
        if (!failed) {
            (void)sel4c_virtio_mmio_irq_ack(&rng.dev);
            while (!failed && take_completion())
                ;
        }
        microkit_deferred_irq_ack(IRQ_CH);
    } else if (ch != CLIENT_CH) {
        printf("virtio-rng: notification on unexpected channel %u ignored\n", ch);
        return;
    }
    take_request();
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    uint32_t status = SEL4C_RNG_OK, n = 0;
    uint64_t len = microkit_mr_get(0);
    if (ch != CLIENT_CH || microkit_msginfo_get_label(msginfo) != SEL4C_RNG_PPC_FILL || len == 0 ||
        len > SEL4C_RNG_PPC_MAX || len > data_size())
        status = SEL4C_RNG_INVALID;
    else if (busy)
        status = SEL4C_RNG_BUSY;
    else if (failed && pool_len < len)
        status = SEL4C_RNG_DEVICE_FAILED;
    else if (pool_len < len)
        status = SEL4C_RNG_AGAIN;
    if (status == SEL4C_RNG_OK) {
        /* Hand out the pool's last bytes and forget them. */
        n = (uint32_t)len;
        pool_len -= n;
        memcpy((uint8_t *)shared->data, pool + pool_len, n);
        memset(pool + pool_len, 0, n);
        ask_for_pool();
    }
    microkit_mr_set(0, n);
    return microkit_msginfo_new(status, 1);
}
