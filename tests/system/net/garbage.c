/*
 * A misbehaving client of the network test system (net.system): it hands the transmit
 * virtualiser descriptors no honest client would (outside its data region, in the middle of
 * a buffer, longer than a buffer, a frame with another client's source address), then a tail
 * far ahead of the head, and notifies. The virtualiser must refuse each, say so, and keep
 * serving the other clients.
 */
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/net_client.h>

#include "net_config.h"

#define VIRT_TX_CH 2

uintptr_t net_queues, net_tx_data, net_tx_data_size;

void init(void)
{
    static const uint8_t macs[][6] = NET_CLIENT_MACS;
    sel4c_net_producer_t tx;
    if (sel4c_net_producer_init(&tx,
                                sel4c_net_client_queue((void *)net_queues, SEL4C_NET_TX_ACTIVE),
                                SEL4C_NET_CLIENT_CAPACITY) != SEL4C_QUEUE_OK) {
        printf("garbage: FAIL queue\n");
        return;
    }
    /* A well-formed frame in buffer 0, but from client 0's address. */
    uint8_t *frame = (uint8_t *)net_tx_data;
    memset(frame, 0xff, 6);
    memcpy(frame + 6, macs[0], 6);
    frame[12] = 0x08;
    const sel4c_net_buff_desc_t bad[] = {
        {.io_or_offset = net_tx_data_size + SEL4C_NET_BUFFER_SIZE, .len = 60},
        {.io_or_offset = 100, .len = 60},
        {.io_or_offset = SEL4C_NET_BUFFER_SIZE, .len = 0xffff},
        {.io_or_offset = 0, .len = 60},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sel4c_net_enqueue(&tx, bad[i]) != SEL4C_QUEUE_OK)
            printf("garbage: FAIL enqueue\n");
    microkit_notify(VIRT_TX_CH);
    /* Then a tail far ahead of the head, behind the queue library's back. */
    sel4c_net_queue_t *q = sel4c_net_client_queue((void *)net_queues, SEL4C_NET_TX_ACTIVE);
    __atomic_store_n(&q->tail, (uint16_t)(q->tail + 20000), __ATOMIC_RELEASE);
    microkit_notify(VIRT_TX_CH);
    printf("garbage: handed the transmit virtualiser bad descriptors and a corrupt tail\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
