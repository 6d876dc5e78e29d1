/*
 * queue.system, the producing PD: 1,000,000 entries, one at a time, into the generic queue in
 * the shared region "queue", notifying the consumer only when it asked (the signalling
 * protocol), and waiting (returning to the event loop) only when the queue stays full after
 * asking to be notified. Says how many notifications it sent once the consumer is done.
 */
#include <stdint.h>
#include <stdio.h>
#include <sel4c/queue.h>
#include <microkit.h>
#include "qmsg.h"

#define CONSUMER 0

uintptr_t queue_region;
uint64_t queue_region_size;

static sel4c_queue_producer_t q;
static uint64_t next;
static unsigned long notifications;

static void produce(void)
{
    while (next < QMSG_COUNT) {
        qmsg_t m = qmsg_make(next);
        int err = sel4c_queue_enqueue(&q, &m);
        if (err == SEL4C_QUEUE_EFULL) {
            if (sel4c_queue_producer_prepare_wait(&q))
                return; /* the consumer notifies when it frees a slot */
            continue;
        }
        if (err) {
            printf("qproducer: FAIL enqueue %lu: %s\n", (unsigned long)next,
                   sel4c_queue_strerror(err));
            return;
        }
        next++;
        if (sel4c_queue_producer_must_notify(&q)) {
            notifications++;
            microkit_notify(CONSUMER);
        }
    }
}

void init(void)
{
    int err = sel4c_queue_producer_init(&q, (void *)queue_region, queue_region_size, sizeof(qmsg_t),
                                        QMSG_CAPACITY);
    if (err) {
        printf("qproducer: FAIL init: %s\n", sel4c_queue_strerror(err));
        return;
    }
    produce();
}

void notified(microkit_channel ch)
{
    if (ch != CONSUMER || next > QMSG_COUNT)
        return;
    if (next < QMSG_COUNT) {
        produce();
        return;
    }
    /* The consumer's last notification: it has printed its lines, ours do not mix with them
     * (the two PDs may run on two cores). */
    next++;
    printf("qproducer: done, %lu entries, %lu notifications sent\n", (unsigned long)QMSG_COUNT,
           notifications);
    printf("qproducer: end\n");
}
