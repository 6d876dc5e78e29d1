/*
 * corrupt.system, the misbehaving producer: it shares an sDDF-layout network queue with
 * qcheck and, one step per round trip, publishes good descriptors, then a tail far ahead of
 * head, a buffer outside the data region, a length longer than a buffer, an offset inside a
 * buffer, a tail behind head, and good descriptors again.
 */
#include <stdint.h>
#include <stdio.h>
#include <sel4c/queue/net.h>
#include <microkit.h>

#define CHECKER  0
#define CAPACITY 64u
#define BUFFERS  16u

uintptr_t net_queue;

static sel4c_net_producer_t p;
static sel4c_net_queue_t *q;
static unsigned step;

static void put(uint64_t offset, uint16_t len)
{
    int err = sel4c_net_enqueue(&p, (sel4c_net_buff_desc_t){.io_or_offset = offset, .len = len});
    if (err)
        printf("qbad: FAIL enqueue: %s\n", sel4c_queue_strerror(err));
}

static void next_step(void)
{
    q->tail = p.tail; /* undo the last step's damage to the shared tail */
    switch (step++) {
    case 0: put(0, 100), put(2048, 1500); break;
    case 1: q->tail = (uint16_t)(p.tail + 1000); break;
    case 2: put(BUFFERS * 2048, 10); break;
    case 3: put(3 * 2048, 4000); break;
    case 4: put(3 * 2048 + 100, 10); break;
    case 5: q->tail = (uint16_t)(p.tail - 1); break;
    case 6: put(5 * 2048, 60); break;
    default: return;
    }
    printf("qbad: step %u\n", step - 1);
    microkit_notify(CHECKER);
}

void init(void)
{
    q = (sel4c_net_queue_t *)net_queue;
    if (sel4c_net_producer_init(&p, q, CAPACITY)) {
        printf("qbad: FAIL init\n");
        return;
    }
    next_step();
}

void notified(microkit_channel ch)
{
    if (ch == CHECKER)
        next_step();
}
