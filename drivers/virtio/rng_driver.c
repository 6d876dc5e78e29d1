/*
 * The virtio-rng driver PD: fills a client's shared buffer with device entropy on request
 * (<sel4c/protocol/rng.h>), interrupt-driven. The device writes into a buffer of the driver's
 * own DMA region, which the driver copies to the client: the device never sees client memory.
 * A request asks for up to the data area's size; the driver gathers it in device reads of at
 * most one page. The .system fragment is in docs/virtio.md.
 *
 * Channels: IRQ_CH the device's interrupt, CLIENT_CH the client.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/protocol/rng.h>
#include <sel4c/virtio_rng.h>

#define IRQ_CH    0
#define CLIENT_CH 1
#define QUEUE     8
#define BOUNCE    4096u

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs; /* a page of virtio-mmio transports, uncached */
uintptr_t virtio_regs_size;
uintptr_t virtio_regs_paddr; /* its physical address (for the report) */
uintptr_t rng_dma;           /* queue, then the bounce buffer: the driver's alone */
uintptr_t rng_dma_size;
uintptr_t rng_dma_paddr;
uintptr_t rng_shared; /* shared with the client: struct sel4c_rng_shared, then data */
uintptr_t rng_shared_size;

static sel4c_virtio_rng_t rng;
static volatile struct sel4c_rng_shared *shared;
static bool failed;
static bool busy;        /* a request is being filled */
static uint32_t serving; /* its number (requests count from 1: the region starts zeroed) */
static uint32_t wanted, filled;
static uint8_t *bounce;
static uint64_t bounce_paddr;

static uint32_t data_size(void)
{
    return (uint32_t)(rng_shared_size - sizeof(struct sel4c_rng_shared));
}

static void answer(uint32_t status)
{
    shared->status = status;
    shared->filled = filled;
    __atomic_store_n(&shared->response, serving, __ATOMIC_RELEASE);
    busy = false;
    microkit_notify(CLIENT_CH);
}

static void ask_device(void)
{
    uint32_t n = wanted - filled < BOUNCE ? wanted - filled : BOUNCE;
    sel4c_virtio_err_t err = sel4c_virtio_rng_request(&rng, bounce_paddr, n);
    if (err) {
        printf("virtio-rng: error: request: %s; device disabled\n", sel4c_virtio_strerror(err));
        failed = true;
        answer(SEL4C_RNG_DEVICE_FAILED);
    }
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
        ask_device();
}

static void take_completion(void)
{
    uint64_t paddr;
    uint32_t len;
    sel4c_virtio_err_t err = sel4c_virtio_rng_collect(&rng, &paddr, &len);
    if (err == SEL4C_VIRTIO_EMPTY)
        return;
    if (err) {
        printf("virtio-rng: error: used ring entry %u (value %u): %s; device disabled\n",
               rng.vq.bad_index, rng.vq.bad_value, sel4c_virtio_strerror(err));
        failed = true;
        if (busy)
            answer(SEL4C_RNG_DEVICE_FAILED);
        return;
    }
    if (!busy)
        return;
    /* len was checked against what we asked for, which fits the rest of the request */
    memcpy((uint8_t *)shared->data + filled, bounce, len);
    filled += len;
    if (filled == wanted)
        answer(SEL4C_RNG_OK);
    else
        ask_device(); /* the device may give fewer bytes than asked */
}

void init(void)
{
    shared = (volatile struct sel4c_rng_shared *)rng_shared;
    uintptr_t base;
    unsigned slot;
    size_t ring = rng_dma_size > BOUNCE ? rng_dma_size - BOUNCE : 0;
    sel4c_virtio_err_t err = rng_shared_size <= sizeof(struct sel4c_rng_shared)
                                 ? SEL4C_VIRTIO_INVALID
                                 : sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size,
                                                          SEL4C_VIRTIO_ID_RNG, &base, &slot);
    if (!err)
        err = sel4c_virtio_rng_init(&rng, base, (void *)rng_dma, rng_dma_paddr, ring, QUEUE);
    if (err) {
        printf("virtio-rng: error: no usable device (DMA %#lx bytes, shared %#lx bytes): %s\n",
               (unsigned long)rng_dma_size, (unsigned long)rng_shared_size,
               sel4c_virtio_strerror(err));
        failed = true;
        return;
    }
    bounce = (uint8_t *)rng_dma + ring;
    bounce_paddr = rng_dma_paddr + ring;
    printf("virtio-rng: device at %#lx, virtio-mmio version %u\n",
           (unsigned long)(virtio_regs_paddr + slot * SEL4C_VIRTIO_MMIO_SIZE), rng.dev.version);
}

void notified(microkit_channel ch)
{
    if (ch == IRQ_CH) {
        if (!failed) {
            (void)sel4c_virtio_mmio_irq_ack(&rng.dev);
            take_completion();
        }
        microkit_deferred_irq_ack(IRQ_CH);
    } else if (ch != CLIENT_CH) {
        printf("virtio-rng: notification on unexpected channel %u ignored\n", ch);
        return;
    }
    take_request();
}
