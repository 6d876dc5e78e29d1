/*
 * The HTTP(S) server as one protection domain (http-server-single.system): the same web
 * server (../server.h) with its drivers linked in as libraries, no virtualisers and no other
 * PD. lwIP sends and receives through the virtio-net device's own buffers
 * (<sel4c/virtio_netdev.h>), the site is read through virtio-blk one request at a time
 * (<sel4c/virtio_blkdev.h>), entropy is polled from virtio-rng, the time and timeouts come
 * from the generic timer (timer.h), the date from the PL031, and the log goes straight to the
 * PL011 (the serial driver's library, polled). It is the baseline that
 * measures what isolation costs (docs/http-server.md, bench/http-server).
 *
 * Channels are the interrupts: TIMER_IRQ the generic timer's, NET_IRQ and BLK_IRQ the
 * devices'. The entropy device is only polled.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/drivers/rtc.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/drivers/timer.h>
#include <sel4c/event.h>
#include <sel4c/runtime.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>
#include <sel4c/virtio_blkdev.h>
#include <sel4c/virtio_netdev.h>
#include <sel4c/virtio_rng.h>

#include "../server.h"
#include "timer.h"

#define TIMER_IRQ 0
#define NET_IRQ   1
#define BLK_IRQ   2

#define NET_QUEUE 256
#define BLK_QUEUE 128
#define RNG_QUEUE 8
#define RNG_POLLS (1u << 26) /* used-ring reads an entropy request waits, at most */

/* Set by the system builder (setvar_vaddr, setvar_size, region_paddr). */
uintptr_t virtio_regs, virtio_regs_size; /* the page of virtio-mmio transports, uncached */
uintptr_t pl031_base;
uintptr_t pl011_base;
uintptr_t net_dma, net_dma_size, net_dma_paddr; /* virtqueues and headers */
uintptr_t net_buffers, net_buffers_size, net_buffers_paddr;
uintptr_t blk_dma, blk_dma_size, blk_dma_paddr; /* the queue, then the bounce buffer */
uintptr_t rng_dma, rng_dma_size, rng_dma_paddr; /* the queue, then the bounce buffer */

static sel4c_timer_t timer;
static sel4c_virtio_net_t net;
static sel4c_virtio_netdev_t netdev;
static sel4c_netdev_t dev;
static sel4c_netif_t *nif;
static sel4c_virtio_blk_t blk;
static sel4c_virtio_blkdev_t disk;
static bool have_disk;
static sel4c_virtio_rng_t rng;
static size_t rng_queue_bytes;
static sel4c_event_handler_t on_net, on_blk;
static int rtc_ready;

/* A device's transport in the page of transports, found by its type. */
static sel4c_virtio_err_t find(uint32_t id, uintptr_t *base)
{
    unsigned slot;
    return sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size, id, base, &slot);
}

static size_t page_round(size_t n)
{
    return (n + 0xfff) & ~(size_t)0xfff;
}

static void network(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    if (sel4c_virtio_netdev_process(&netdev, nif) == SEL4C_VIRTIO_OK)
        sel4c_net_poll();
}

static void disk_interrupt(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    (void)sel4c_virtio_mmio_irq_ack(&blk.dev);
}

/* The loader task waits for the disk's interrupt between a request and its completion. */
static void wait_disk(void *ctx)
{
    (void)ctx;
    sel4c_task_wait_channel(BLK_IRQ);
}

static const sel4c_blk_t *open_disk(void)
{
    return have_disk ? sel4c_virtio_blkdev_dev(&disk) : NULL;
}

static int rtc_seconds(int64_t *seconds)
{
    if (!rtc_ready)
        return -1;
    *seconds = sel4c_pl031_seconds(pl031_base);
    return 0;
}

static int entropy(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    return sel4c_virtio_rng_read(&rng, (void *)(rng_dma + rng_queue_bytes),
                                 rng_dma_paddr + rng_queue_bytes,
                                 (uint32_t)(rng_dma_size - rng_queue_bytes), buf, len, RNG_POLLS);
}

static void start_disk(void)
{
    uintptr_t base;
    size_t q = page_round(sel4c_virtio_blk_dma_bytes(BLK_QUEUE));
    sel4c_virtio_err_t err =
        q < blk_dma_size ? find(SEL4C_VIRTIO_ID_BLOCK, &base) : SEL4C_VIRTIO_INVALID;
    if (!err)
        err = sel4c_virtio_blk_init(&blk, base, (void *)blk_dma, blk_dma_paddr, q, BLK_QUEUE);
    if (!err)
        err = sel4c_virtio_blkdev_init(&disk, &blk, (void *)(blk_dma + q), blk_dma_paddr + q,
                                       (uint32_t)(blk_dma_size - q), wait_disk, NULL);
    if (!err && sel4c_event_on_notify(&on_blk, BLK_IRQ, disk_interrupt, NULL) != SEL4C_NO_ERROR)
        err = SEL4C_VIRTIO_INVALID;
    if (err)
        printf("http-server: error: the disk: %s\n", sel4c_virtio_strerror(err));
    have_disk = !err;
}

static bool start_entropy(void)
{
    uintptr_t base;
    rng_queue_bytes = page_round(sel4c_virtio_rng_dma_bytes(RNG_QUEUE));
    sel4c_virtio_err_t err =
        rng_queue_bytes < rng_dma_size ? find(SEL4C_VIRTIO_ID_RNG, &base) : SEL4C_VIRTIO_INVALID;
    if (!err)
        err = sel4c_virtio_rng_init(&rng, base, (void *)rng_dma, rng_dma_paddr, rng_queue_bytes,
                                    RNG_QUEUE);
    if (err)
        printf("http-server: error: no entropy device (%s): HTTPS disabled\n",
               sel4c_virtio_strerror(err));
    return !err;
}

static bool start_network(void)
{
    uintptr_t base;
    sel4c_virtio_err_t err = find(SEL4C_VIRTIO_ID_NET, &base);
    if (!err)
        err = sel4c_virtio_net_init(&net, base, (void *)net_dma, net_dma_paddr, net_dma_size,
                                    NET_QUEUE);
    if (!err)
        err = sel4c_virtio_netdev_init(&netdev, &net, (void *)net_buffers, net_buffers_paddr,
                                       net_buffers_size, &dev);
    if (err) {
        printf("http-server: error: the network device: %s\n", sel4c_virtio_strerror(err));
        return false;
    }
    return sel4c_event_on_notify(&on_net, NET_IRQ, network, NULL) == SEL4C_NO_ERROR;
}

/* The console: the UART's FIFO takes a byte whenever it has room (QEMU's always has). */
static int uart_putc(char c)
{
    for (unsigned tries = 0; tries < 100000; tries++)
        if (sel4c_pl011_write(pl011_base, &c, 1) == 1)
            return 0;
    return -1;
}

void init(void)
{
    if (pl011_base && sel4c_pl011_init(pl011_base) == SEL4C_NO_ERROR)
        sel4c_set_output(uart_putc);
    sel4c_generic_timer_stop();
    if (sel4c_timer_init(&timer, TIMER_IRQ) != SEL4C_NO_ERROR || !start_network()) {
        printf("http-server: error: set-up failed\n");
        return;
    }
    rtc_ready = pl031_base && sel4c_pl031_init(pl031_base) == SEL4C_NO_ERROR;
    start_disk();
    /* The server keeps the platform: static. */
    static server_platform_t p = {
        .timer = &timer,
        .netdev = &dev,
        .rtc_seconds = rtc_seconds,
        .entropy = entropy,
        .disk = open_disk,
    };
    if (!start_entropy())
        p.entropy = NULL;
    nif = server_start(&p);
    if (nif == NULL)
        return;
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    if (ch == TIMER_IRQ)
        single_timer_irq();
    sel4c_event_dispatch(ch);
    if (ch == NET_IRQ)
        microkit_deferred_irq_ack(ch); /* with the next receive: one system call fewer */
    else
        microkit_irq_ack(ch);
}
