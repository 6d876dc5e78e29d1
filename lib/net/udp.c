/* UDP endpoints over lwIP's raw API: a fixed pool, datagrams passed whole to the handler. */
#include "net_internal.h"

#include <lwip/udp.h>
#include <sel4c/udp.h>
#include <string.h>

struct sel4c_udp {
    struct udp_pcb *pcb;
    sel4c_udp_recv_fn recv;
    void *arg;
    uint32_t dropped;
};

static struct sel4c_udp endpoints[MEMP_NUM_UDP_PCB];
/* A datagram that arrived in several pbufs is gathered here; one thread uses the stack, and
 * the payload is valid only during the handler, so one buffer serves every endpoint. */
static uint8_t gather[SEL4C_UDP_MAX_DATAGRAM];

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
                    u16_t port)
{
    struct sel4c_udp *u = arg;
    (void)pcb;
    if (p->tot_len > SEL4C_UDP_MAX_DATAGRAM) {
        u->dropped++;
        pbuf_free(p);
        return;
    }
    const void *data = p->payload;
    if (p->len != p->tot_len) {
        pbuf_copy_partial(p, gather, p->tot_len, 0);
        data = gather;
    }
    u->recv(u, data, p->tot_len, sel4c_net_to_ipv4(ip_2_ip4(addr)), port, u->arg);
    pbuf_free(p);
}

sel4c_net_err_t sel4c_udp_bind(uint16_t port, sel4c_udp_recv_fn recv, void *arg, sel4c_udp_t **out)
{
    if (recv == NULL || out == NULL)
        return SEL4C_NET_EINVAL;
    struct sel4c_udp *u = NULL;
    for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0] && u == NULL; i++)
        if (endpoints[i].pcb == NULL)
            u = &endpoints[i];
    if (u == NULL)
        return SEL4C_NET_ENOMEM;
    struct udp_pcb *pcb = udp_new_ip_type(IPADDR_TYPE_V4);
    if (pcb == NULL)
        return SEL4C_NET_ENOMEM;
    err_t e = udp_bind(pcb, IP4_ADDR_ANY, port);
    if (e != ERR_OK) {
        udp_remove(pcb);
        return sel4c_net_from_lwip(e);
    }
    *u = (struct sel4c_udp){.pcb = pcb, .recv = recv, .arg = arg};
    udp_recv(pcb, on_recv, u);
    *out = u;
    return SEL4C_NET_OK;
}

sel4c_net_err_t sel4c_udp_sendto(sel4c_udp_t *u, const void *data, size_t len, sel4c_ipv4_t to,
                                 uint16_t to_port)
{
    if (len > SEL4C_UDP_MAX_DATAGRAM)
        return SEL4C_NET_EINVAL;
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
    if (p == NULL)
        return SEL4C_NET_ENOMEM;
    pbuf_take(p, data, (u16_t)len);
    ip_addr_t ip;
    IP_ADDR4(&ip, to.b[0], to.b[1], to.b[2], to.b[3]);
    err_t e = udp_sendto(u->pcb, p, &ip, to_port);
    pbuf_free(p);
    return sel4c_net_from_lwip(e);
}

uint32_t sel4c_udp_dropped(const sel4c_udp_t *u)
{
    return u->dropped;
}

void sel4c_udp_close(sel4c_udp_t *u)
{
    udp_remove(u->pcb);
    u->pcb = NULL;
}
