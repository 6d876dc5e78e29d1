/*
 * queue.system, the consuming PD: takes entries in batches of up to 32 from the generic queue
 * in the shared region "queue", checking that they arrive in order and intact, asks for a
 * notification only when it finds the queue empty (and waits only if it is still empty after
 * asking), and notifies the producer only when it asked for room. Success:
 *   qconsumer: PASS 1000000 entries in order
 */
#include <stdint.h>
#include <stdio.h>
#include <sel4c/queue.h>
#include <microkit.h>
#include "qmsg.h"

#define PRODUCER 1
#define BATCH    32

uintptr_t queue_region;
uint64_t queue_region_size;

static sel4c_queue_consumer_t q;
static uint64_t next;
static unsigned long notifications, wakeups;
static int failed;

static void consume(void)
{
    qmsg_t in[BATCH];
    while (next < QMSG_COUNT && !failed) {
        uint32_t done = 0;
        int err = sel4c_queue_dequeue_batch(&q, in, BATCH, &done);
        if (err) {
            printf("qconsumer: FAIL dequeue at %lu: %s\n", (unsigned long)next,
                   sel4c_queue_strerror(err));
            failed = 1;
            return;
        }
        if (done == 0) {
            if (sel4c_queue_consumer_prepare_wait(&q))
                return; /* the producer notifies when it publishes */
            continue;
        }
        for (uint32_t i = 0; i < done; i++, next++) {
            qmsg_t want = qmsg_make(next);
            if (in[i].seq != want.seq || in[i].pattern != want.pattern) {
                printf("qconsumer: FAIL entry %lu is %lu\n", (unsigned long)next,
                       (unsigned long)in[i].seq);
                failed = 1;
                return;
            }
        }
        if (sel4c_queue_consumer_must_notify(&q)) {
            notifications++;
            microkit_notify(PRODUCER);
        }
    }
    if (next == QMSG_COUNT && !failed) {
        printf("qconsumer: %lu wake-ups, %lu notifications sent\n", wakeups, notifications);
        printf("qconsumer: PASS %lu entries in order\n", (unsigned long)next);
        next++;
        microkit_notify(PRODUCER); /* done: the producer prints its figures */
    }
}

void init(void)
{
    int err = sel4c_queue_consumer_init(&q, (void *)queue_region, queue_region_size, sizeof(qmsg_t),
                                        QMSG_CAPACITY);
    if (err) {
        printf("qconsumer: FAIL init: %s\n", sel4c_queue_strerror(err));
        failed = 1;
        return;
    }
    consume();
}

void notified(microkit_channel ch)
{
    if (ch != PRODUCER)
        return;
    wakeups++;
    consume();
}
