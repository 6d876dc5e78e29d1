/*
 * The virtualisers' view of their clients, as the system builder patches it in: up to
 * NET_VIRT_MAX_CLIENTS clients, client i with its queue region (the layout of
 * <sel4c/net_client.h>) and data regions; a client whose queue region is not mapped (0)
 * does not exist. Client i's channel is 1 + i; the driver's is 0. MAC addresses come from
 * the system's net_config.h (NET_CLIENT_MACS), which the virtualisers are compiled with.
 */
#ifndef DRIVERS_NET_CLIENTS_H
#define DRIVERS_NET_CLIENTS_H

#include <stdint.h>

#include "virt.h"

#define NET_DRIVER_CH    0
#define NET_CLIENT_CH(i) (1 + (i))

/* Fills `out` from the patched variables; returns the number of clients. `rx` chooses the
 * receive data regions, else the transmit ones. */
unsigned net_virt_clients(net_virt_client_region_t out[NET_VIRT_MAX_CLIENTS], int rx);

/* The capacity of the queue in a region of `size` bytes: the largest power of two that fits. */
uint32_t net_virt_capacity(uintptr_t size);

#endif
