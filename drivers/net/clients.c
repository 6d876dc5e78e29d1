/* The virtualisers' view of their clients (clients.h). */
#include "clients.h"

#include <sel4c/net_client.h>
#include <string.h>

#include "net_config.h"

/* Set by the system builder (setvar_vaddr, setvar_size); 0 for clients that do not exist. */
uintptr_t client0_queues, client1_queues, client2_queues, client3_queues;
uintptr_t client0_data, client1_data, client2_data, client3_data;
uintptr_t client0_data_size, client1_data_size, client2_data_size, client3_data_size;

static const uint8_t macs[][6] = NET_CLIENT_MACS;

unsigned net_virt_clients(net_virt_client_region_t out[NET_VIRT_MAX_CLIENTS], int rx)
{
    const uintptr_t queues[] = {client0_queues, client1_queues, client2_queues, client3_queues};
    const uintptr_t data[] = {client0_data, client1_data, client2_data, client3_data};
    const uintptr_t size[] = {client0_data_size, client1_data_size, client2_data_size,
                              client3_data_size};
    unsigned n = 0;
    while (n < NET_VIRT_MAX_CLIENTS && n < sizeof macs / sizeof macs[0] && queues[n] != 0) {
        void *q = (void *)queues[n];
        out[n] = (net_virt_client_region_t){
            .free_queue = sel4c_net_client_queue(q, rx ? SEL4C_NET_RX_FREE : SEL4C_NET_TX_FREE),
            .active_queue =
                sel4c_net_client_queue(q, rx ? SEL4C_NET_RX_ACTIVE : SEL4C_NET_TX_ACTIVE),
            .capacity = SEL4C_NET_CLIENT_CAPACITY,
            .data = (void *)data[n],
            .data_size = size[n],
        };
        memcpy(out[n].mac, macs[n], 6);
        n++;
    }
    return n;
}

uint32_t net_virt_capacity(uintptr_t size)
{
    uint32_t cap = 1;
    while (8 + (uint64_t)cap * 2 * sizeof(sel4c_net_buff_desc_t) <= size &&
           cap < SEL4C_NET_MAX_CAPACITY)
        cap *= 2;
    return cap;
}
