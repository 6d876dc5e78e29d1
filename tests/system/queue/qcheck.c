/*
 * corrupt.system, the consumer facing a misbehaving producer (qbad): each bad index or
 * descriptor is reported with the queue library's reason, and the PD goes on. Success:
 *   qcheck: rejected: <reason>     for each of the five bad inputs
 *   qcheck: PASS 3 good descriptors, 5 bad inputs reported, still running
 */
#include <stdint.h>
#include <stdio.h>
#include <sel4c/queue/net.h>
#include <microkit.h>

#define PRODUCER 1
#define CAPACITY 64u
#define BUFFERS  16u

uintptr_t net_queue;

static sel4c_net_consumer_t c;
static unsigned good, bad;

void init(void)
{
    if (sel4c_net_consumer_init(&c, (sel4c_net_queue_t *)net_queue, CAPACITY, 0,
                                BUFFERS * SEL4C_NET_BUFFER_SIZE, SEL4C_NET_BUFFER_SIZE))
        printf("qcheck: FAIL init\n");
}

void notified(microkit_channel ch)
{
    if (ch != PRODUCER)
        return;
    for (;;) {
        sel4c_net_buff_desc_t d;
        int err = sel4c_net_dequeue(&c, &d);
        if (err == SEL4C_QUEUE_EEMPTY)
            break;
        if (err == SEL4C_QUEUE_OK) {
            good++;
            continue;
        }
        bad++;
        printf("qcheck: rejected: %s\n", sel4c_queue_strerror(err));
        if (err == SEL4C_QUEUE_ECORRUPT_TAIL)
            break; /* nothing to take until the producer's tail makes sense again */
    }
    if (good == 3 && bad == 5)
        printf("qcheck: PASS %u good descriptors, %u bad inputs reported, still running\n", good,
               bad);
    microkit_notify(PRODUCER);
}
