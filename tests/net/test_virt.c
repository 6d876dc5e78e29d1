/*
 * The network virtualisers' logic (drivers/net/virt_rx.c, virt_tx.c) against fake peers on
 * queues in memory: frames routed by destination MAC (broadcast to every client, unknown
 * destinations dropped), runts dropped, a client without buffers losing only its own frames;
 * on the transmit side, frames copied to the driver's DMA buffers, spoofed source MACs and bad
 * lengths refused, garbage descriptors refused while the other client is served, buffers the
 * driver gives back twice refused, and round robin between a busy and a quiet client.
 */
#include "../../drivers/net/virt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond);                        \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#define CAP       64
#define BUFS      32
#define BUF       SEL4C_NET_BUFFER_SIZE
#define QBYTES    (8 + CAP * 16)
#define DMA_PADDR 0x40000000ull

struct queues {
    _Alignas(64) uint8_t free_q[QBYTES], active_q[QBYTES];
};
static struct queues drv, cl[2];
static _Alignas(64) uint8_t dma[BUFS * BUF], data[2][BUFS * BUF];
static const uint8_t mac[2][6] = {{2, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 2}};
static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

static void setup_clients(net_virt_client_region_t *r)
{
    memset(cl, 0, sizeof cl);
    for (int i = 0; i < 2; i++)
        r[i] = (net_virt_client_region_t){.free_queue = cl[i].free_q,
                                          .active_queue = cl[i].active_q,
                                          .capacity = CAP,
                                          .data = data[i],
                                          .data_size = sizeof data[i]};
    memcpy(r[0].mac, mac[0], 6);
    memcpy(r[1].mac, mac[1], 6);
}

static void frame(uint8_t *at, const uint8_t *dst, const uint8_t *src, uint8_t fill, size_t len)
{
    memcpy(at, dst, 6);
    memcpy(at + 6, src, 6);
    at[12] = 0x08;
    at[13] = 0x00;
    memset(at + 14, fill, len - 14);
}

static void test_rx(void)
{
    net_virt_client_region_t r[2];
    setup_clients(r);
    memset(&drv, 0, sizeof drv);
    net_virt_rx_t v;
    CHECK(net_virt_rx_init(&v, drv.free_q, drv.active_q, CAP, dma, DMA_PADDR, sizeof dma, r, 2) ==
          0);
    /* The fake driver: takes the DMA buffers lent, fills some, hands them over. */
    sel4c_net_consumer_t dfree;
    sel4c_net_producer_t dactive;
    CHECK(!sel4c_net_consumer_init(&dfree, (void *)drv.free_q, CAP, DMA_PADDR, sizeof dma, BUF));
    CHECK(!sel4c_net_producer_init(&dactive, (void *)drv.active_q, CAP));
    uint32_t lent;
    CHECK(!sel4c_net_consumer_length(&dfree, &lent) && lent == BUFS);
    /* Client 0 lends 4 buffers, client 1 none yet. */
    sel4c_net_producer_t c0free, c1free;
    sel4c_net_consumer_t c0active, c1active;
    CHECK(!sel4c_net_producer_init(&c0free, (void *)cl[0].free_q, CAP));
    CHECK(!sel4c_net_producer_init(&c1free, (void *)cl[1].free_q, CAP));
    CHECK(!sel4c_net_consumer_init(&c0active, (void *)cl[0].active_q, CAP, 0, sizeof data[0], BUF));
    CHECK(!sel4c_net_consumer_init(&c1active, (void *)cl[1].active_q, CAP, 0, sizeof data[1], BUF));
    for (int i = 0; i < 4; i++)
        CHECK(!sel4c_net_enqueue(&c0free, (sel4c_net_buff_desc_t){.io_or_offset = i * BUF}));
    /* Frames: to client 0, to client 1 (no buffer), broadcast, unknown, a runt. */
    const uint8_t other[6] = {2, 9, 9, 9, 9, 9};
    struct {
        const uint8_t *dst;
        uint16_t len;
    } f[] = {{mac[0], 100}, {mac[1], 200}, {bcast, 60}, {other, 80}, {mac[0], 10}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        sel4c_net_buff_desc_t d;
        CHECK(!sel4c_net_dequeue(&dfree, &d));
        frame(dma + (d.io_or_offset - DMA_PADDR), f[i].dst, other, (uint8_t)i,
              f[i].len < 14 ? 14 : f[i].len);
        d.len = f[i].len;
        CHECK(!sel4c_net_enqueue(&dactive, d));
    }
    net_virt_rx_process(&v);
    CHECK(v.clients[0].count.frames == 2);    /* its own and the broadcast */
    CHECK(v.clients[1].count.no_buffer == 2); /* its own and the broadcast */
    CHECK(v.unknown_destination == 1 && v.runts == 1);
    CHECK(v.notify_driver && v.clients[0].notify);
    sel4c_net_buff_desc_t d;
    CHECK(!sel4c_net_dequeue(&c0active, &d) && d.len == 100 && data[0][d.io_or_offset + 14] == 0);
    CHECK(!sel4c_net_dequeue(&c0active, &d) && d.len == 60 && data[0][d.io_or_offset + 14] == 2);
    CHECK(sel4c_net_dequeue(&c1active, &d) == SEL4C_QUEUE_EEMPTY);
    /* Every DMA buffer is back with the driver. */
    CHECK(!sel4c_net_consumer_length(&dfree, &lent) && lent == BUFS);
    /* A client lending garbage: refused and counted; its good buffer still used. */
    CHECK(
        !sel4c_net_enqueue(&c1free, (sel4c_net_buff_desc_t){.io_or_offset = sizeof data[1] + BUF}));
    CHECK(!sel4c_net_enqueue(&c1free, (sel4c_net_buff_desc_t){.io_or_offset = 100}));
    CHECK(!sel4c_net_enqueue(&c1free, (sel4c_net_buff_desc_t){.io_or_offset = 3 * BUF}));
    CHECK(!sel4c_net_dequeue(&dfree, &d));
    frame(dma + (d.io_or_offset - DMA_PADDR), mac[1], other, 7, 300);
    d.len = 300;
    CHECK(!sel4c_net_enqueue(&dactive, d));
    net_virt_rx_process(&v);
    CHECK(v.clients[1].count.refused == 2 && v.clients[1].count.frames == 1);
    CHECK(!sel4c_net_dequeue(&c1active, &d) && d.io_or_offset == 3 * BUF && d.len == 300);
    /* A driver descriptor outside the DMA region: refused, nothing read from it. */
    CHECK(!sel4c_net_enqueue(&dactive, (sel4c_net_buff_desc_t){.io_or_offset = 0x1000, .len = 60}));
    net_virt_rx_process(&v);
    CHECK(v.driver_refused == 1);
    printf("rx: routing by MAC, broadcast, unknown and runt frames, clients' garbage: ok\n");
}

static void test_tx(void)
{
    net_virt_client_region_t r[2];
    setup_clients(r);
    memset(&drv, 0, sizeof drv);
    net_virt_tx_t v;
    CHECK(net_virt_tx_init(&v, drv.free_q, drv.active_q, CAP, dma, DMA_PADDR, sizeof dma, r, 2) ==
          0);
    sel4c_net_consumer_t dactive;
    sel4c_net_producer_t dfree;
    CHECK(
        !sel4c_net_consumer_init(&dactive, (void *)drv.active_q, CAP, DMA_PADDR, sizeof dma, BUF));
    CHECK(!sel4c_net_producer_init(&dfree, (void *)drv.free_q, CAP));
    sel4c_net_producer_t c0, c1;
    sel4c_net_consumer_t c0back, c1back;
    CHECK(!sel4c_net_producer_init(&c0, (void *)cl[0].active_q, CAP));
    CHECK(!sel4c_net_producer_init(&c1, (void *)cl[1].active_q, CAP));
    CHECK(!sel4c_net_consumer_init(&c0back, (void *)cl[0].free_q, CAP, 0, sizeof data[0], BUF));
    CHECK(!sel4c_net_consumer_init(&c1back, (void *)cl[1].free_q, CAP, 0, sizeof data[1], BUF));
    /* Client 0: 30 good frames; client 1: a spoofed one, a runt, garbage, then a good one. */
    for (int i = 0; i < 30; i++) {
        frame(data[0] + i * BUF, bcast, mac[0], (uint8_t)i, 100);
        CHECK(
            !sel4c_net_enqueue(&c0, (sel4c_net_buff_desc_t){.io_or_offset = i * BUF, .len = 100}));
    }
    frame(data[1], bcast, mac[0], 0xee, 100); /* client 0's address: spoofed */
    CHECK(!sel4c_net_enqueue(&c1, (sel4c_net_buff_desc_t){.io_or_offset = 0, .len = 100}));
    frame(data[1] + BUF, bcast, mac[1], 0, 14);
    CHECK(!sel4c_net_enqueue(&c1, (sel4c_net_buff_desc_t){.io_or_offset = BUF, .len = 5}));
    CHECK(!sel4c_net_enqueue(&c1, (sel4c_net_buff_desc_t){.io_or_offset = 77, .len = 60}));
    frame(data[1] + 2 * BUF, bcast, mac[1], 0x55, 1500);
    CHECK(!sel4c_net_enqueue(&c1, (sel4c_net_buff_desc_t){.io_or_offset = 2 * BUF, .len = 1500}));
    net_virt_tx_process(&v);
    /* 32 DMA buffers: 31 frames fit (30 + 1); client 1's good frame went out within the
     * first round, before most of client 0's. */
    CHECK(v.clients[1].count.frames == 1 && v.clients[1].count.spoofed == 1);
    CHECK(v.clients[1].count.refused == 2);
    CHECK(v.clients[0].count.frames == 30);
    uint32_t n;
    CHECK(!sel4c_net_consumer_length(&dactive, &n) && n == 31);
    int position = -1;
    for (uint32_t i = 0; i < n; i++) {
        sel4c_net_buff_desc_t d;
        CHECK(!sel4c_net_dequeue(&dactive, &d));
        const uint8_t *fr = dma + (d.io_or_offset - DMA_PADDR);
        if (d.len == 1500 && fr[14] == 0x55)
            position = (int)i;
        else
            CHECK(d.len == 100 && memcmp(fr + 6, mac[0], 6) == 0);
        /* The fake driver sends it and gives the buffer back, the first one twice. */
        CHECK(!sel4c_net_enqueue(&dfree, d));
        if (i == 0)
            CHECK(!sel4c_net_enqueue(&dfree, d));
    }
    printf("tx: the quiet client's frame went out %d of %u\n", position + 1, n);
    CHECK(position >= 0 && position < NET_VIRT_TX_BATCH + 1);
    /* Every client buffer came back to its owner. */
    CHECK(!sel4c_net_consumer_length(&c0back, &n) && n == 30);
    CHECK(!sel4c_net_consumer_length(&c1back, &n) && n == 3); /* the garbage one is dropped */
    net_virt_tx_process(&v);
    CHECK(v.driver_refused == 1); /* the buffer given back twice */
    CHECK(v.dma_held.free_slots == BUFS);
    /* A client that corrupts its tail is ignored from then on, and cannot keep the
     * virtualiser looking at its queue: waiting is possible again at once. */
    sel4c_net_queue_t *q1 = (sel4c_net_queue_t *)cl[1].active_q;
    __atomic_store_n(&q1->tail, (uint16_t)(q1->tail + 20000), __ATOMIC_RELEASE);
    net_virt_tx_process(&v);
    CHECK(v.clients[1].broken && v.clients[1].count.last_error == SEL4C_QUEUE_ECORRUPT_TAIL);
    CHECK(net_virt_tx_prepare_wait(&v));
    frame(data[0], bcast, mac[0], 1, 100);
    CHECK(!sel4c_net_enqueue(&c0, (sel4c_net_buff_desc_t){.io_or_offset = 0, .len = 100}));
    net_virt_tx_process(&v);
    CHECK(v.clients[0].count.frames == 31);
    printf("tx: copies, spoofing, runts, garbage, round robin, double returns, a corrupt tail: "
           "ok\n");
}

int main(void)
{
    test_rx();
    test_tx();
    printf("PASS\n");
    return 0;
}
