/* What the network library's files share: conversions between lwIP's types and ours. */
#ifndef SEL4C_NET_INTERNAL_H
#define SEL4C_NET_INTERNAL_H

#include <lwip/err.h>
#include <lwip/ip4_addr.h>
#include <sel4c/net.h>

sel4c_net_err_t sel4c_net_from_lwip(err_t e);
sel4c_ipv4_t sel4c_net_to_ipv4(const ip4_addr_t *a);

#endif
