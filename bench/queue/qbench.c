/*
 * The cost of an enqueue and a dequeue on seL4, in one PD (bench/queue/target.sh boots it
 * under QEMU with -icount shift=0, where one instruction takes one nanosecond of virtual time,
 * so the physical counter measures instructions): PAIRS enqueue+dequeue pairs through the
 * generic queue one at a time, then in batches of 32, then through a plain ring of the same
 * shape, less the cost of the empty loop. Prints instructions per pair.
 */
#include <stdint.h>
#include <stdio.h>
#include <sel4c/queue.h>
#include <microkit.h>
#include "counter.h"

#define PAIRS    32768u
#define CAPACITY 512u

typedef struct msg {
    uint64_t seq;
    uint64_t payload;
} msg_t;

static uint8_t region[SEL4C_QUEUE_HEADER_SIZE + CAPACITY * sizeof(msg_t)]
    __attribute__((aligned(64)));
static volatile uint64_t sink;

/* A plain ring of the same shape: no checks, no private copies of the indices. */
static struct {
    uint32_t tail;
    uint8_t pad0[60];
    uint32_t head;
    uint8_t pad1[60];
    msg_t slots[CAPACITY];
} ring __attribute__((aligned(64)));

static __attribute__((noinline)) void ring_put(const msg_t *m)
{
    ring.slots[ring.tail % CAPACITY] = *m;
    __atomic_store_n(&ring.tail, ring.tail + 1, __ATOMIC_RELEASE);
}

static __attribute__((noinline)) void ring_get(msg_t *m)
{
    (void)__atomic_load_n(&ring.tail, __ATOMIC_ACQUIRE);
    *m = ring.slots[ring.head % CAPACITY];
    __atomic_store_n(&ring.head, ring.head + 1, __ATOMIC_RELEASE);
}

/* Counter ticks to instructions: at -icount shift=0 one instruction is one nanosecond. */
static uint64_t instructions(uint64_t ticks)
{
    return ticks * 1000000000ull / counter_hz();
}

void init(void)
{
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    if (sel4c_queue_producer_init(&p, region, sizeof region, sizeof(msg_t), CAPACITY) ||
        sel4c_queue_consumer_init(&c, region, sizeof region, sizeof(msg_t), CAPACITY)) {
        printf("qbench: FAIL init\n");
        return;
    }
    msg_t m = {0, 0}, batch[32];
    uint64_t sum = 0, t0, t1, t2, t3, t4;
    int bad = 0;

    t0 = counter_now();
    for (uint32_t i = 0; i < PAIRS; i++) {
        sum += i;
        __asm__ volatile("" : "+r"(sum)); /* keeps the loop a loop */
    }
    t1 = counter_now();
    for (uint32_t i = 0; i < PAIRS; i++) {
        m.seq = i;
        bad |= sel4c_queue_enqueue(&p, &m);
        bad |= sel4c_queue_dequeue(&c, &m);
        sum += m.seq;
    }
    t2 = counter_now();
    for (uint32_t i = 0; i < PAIRS / 32; i++) {
        uint32_t done = 0;
        for (uint32_t k = 0; k < 32; k++)
            batch[k].seq = i * 32 + k;
        bad |= sel4c_queue_enqueue_batch(&p, batch, 32, &done);
        bad |= sel4c_queue_dequeue_batch(&c, batch, 32, &done);
        for (uint32_t k = 0; k < 32; k++)
            sum += batch[k].seq;
    }
    t3 = counter_now();
    for (uint32_t i = 0; i < PAIRS; i++) {
        m.seq = i;
        ring_put(&m);
        ring_get(&m);
        sum += m.seq;
    }
    t4 = counter_now();
    sink = sum;
    if (bad) {
        printf("qbench: FAIL a queue operation failed\n");
        return;
    }
    uint64_t empty = instructions(t1 - t0);
    printf("qbench: instructions per enqueue+dequeue pair: sel4c one at a time %lu, sel4c in "
           "batches of 32 %lu, plain ring %lu (loop overhead %lu taken off)\n",
           (unsigned long)((instructions(t2 - t1) - empty) / PAIRS),
           (unsigned long)((instructions(t3 - t2) - empty) / PAIRS),
           (unsigned long)((instructions(t4 - t3) - empty) / PAIRS),
           (unsigned long)(empty / PAIRS));
    printf("qbench: done\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
