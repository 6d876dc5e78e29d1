/*
 * Sends 1000 numbered entries to the event-loop PD (evloop.c) through a shared <sel4c/queue.h>
 * queue of 16, with its signalling protocol: it notifies when the consumer asked, and when
 * the queue is full it asks to be notified of space and waits. evloop checks the entries;
 * this prints only on failure (see pinger.c).
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/queue.h>

#define EVLOOP  0
#define ENTRIES 1000

uintptr_t queue_region; /* setvar_vaddr */
uintptr_t queue_size;   /* setvar_size */

static sel4c_queue_producer_t q;
static uint64_t next;

static void fill(void)
{
    while (next < ENTRIES) {
        int err = sel4c_queue_enqueue(&q, &next);
        if (err == SEL4C_QUEUE_EFULL) {
            if (sel4c_queue_producer_prepare_wait(&q))
                return; /* the consumer notifies when it frees a slot */
            continue;
        }
        if (err != SEL4C_QUEUE_OK) {
            printf("producer: FAIL enqueue: %s\n", sel4c_queue_strerror(err));
            return;
        }
        next++;
        if (sel4c_queue_producer_must_notify(&q))
            microkit_notify(EVLOOP);
    }
}

void init(void)
{
    int err = sel4c_queue_producer_init(&q, (void *)queue_region, queue_size, 8, 16);
    if (err != SEL4C_QUEUE_OK) {
        printf("producer: FAIL init: %s\n", sel4c_queue_strerror(err));
        return;
    }
    fill();
}

void notified(microkit_channel ch)
{
    if (ch != EVLOOP)
        printf("producer: FAIL notified on channel %u\n", ch);
    else if (next < ENTRIES)
        fill();
}
