/* The stack's life: lwIP's start, its clock and random numbers, interfaces, timers, statistics. */
#include "net_internal.h"

#include <lwip/dhcp.h>
#include <lwip/etharp.h>
#include <lwip/init.h>
#include <lwip/stats.h>
#include <lwip/sys.h>
#include <lwip/timeouts.h>
#include <netif/ethernet.h>
#include <string.h>

static uint32_t (*clock_ms)(void);
/* xorshift64*: enough for sequence numbers and transaction ids once seeded from entropy. */
static uint64_t random_state;

struct sel4c_netif {
    struct netif netif;
    sel4c_netdev_t dev;
    int used;
    void (*on_address)(sel4c_netif_t *nif, void *arg);
    void *on_address_arg;
};
static struct sel4c_netif interfaces[SEL4C_NET_MAX_INTERFACES];
static sel4c_net_stats_t counters;

u32_t sys_now(void)
{
    return clock_ms();
}

uint32_t sel4c_net_random(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return (uint32_t)((random_state * 0x2545f4914f6cdd1dull) >> 32);
}

void sel4c_net_init(uint32_t (*now_ms)(void), uint64_t seed)
{
    clock_ms = now_ms;
    /* xorshift must not start at zero; mix the seed so that close seeds diverge at once. */
    random_state = (seed ^ 0x9e3779b97f4a7c15ull) | 1;
    for (int i = 0; i < 8; i++)
        (void)sel4c_net_random();
    lwip_init();
}

const char *sel4c_net_strerror(sel4c_net_err_t err)
{
    static const char *const names[] = {
        [SEL4C_NET_OK] = "no error",
        [SEL4C_NET_EAGAIN] = "would block",
        [SEL4C_NET_ENOMEM] = "out of stack memory",
        [SEL4C_NET_EINVAL] = "invalid argument",
        [SEL4C_NET_EADDRINUSE] = "port in use",
        [SEL4C_NET_ECLOSED] = "connection closed",
        [SEL4C_NET_ERESET] = "connection reset by peer",
        [SEL4C_NET_ETIMEDOUT] = "connection timed out",
        [SEL4C_NET_EUNREACH] = "destination unreachable",
        [SEL4C_NET_EIO] = "device error",
    };
    return (unsigned)err < sizeof names / sizeof names[0] ? names[err] : "unknown error";
}

sel4c_net_err_t sel4c_net_from_lwip(err_t e)
{
    switch (e) {
    case ERR_OK: return SEL4C_NET_OK;
    case ERR_MEM:
    case ERR_BUF: return SEL4C_NET_ENOMEM;
    case ERR_WOULDBLOCK:
    case ERR_INPROGRESS: return SEL4C_NET_EAGAIN;
    case ERR_USE:
    case ERR_ISCONN: return SEL4C_NET_EADDRINUSE;
    case ERR_RTE: return SEL4C_NET_EUNREACH;
    case ERR_ABRT:
    case ERR_RST: return SEL4C_NET_ERESET;
    case ERR_CLSD:
    case ERR_CONN: return SEL4C_NET_ECLOSED;
    case ERR_TIMEOUT: return SEL4C_NET_ETIMEDOUT;
    case ERR_IF: return SEL4C_NET_EIO;
    default: return SEL4C_NET_EINVAL;
    }
}

/* lwIP's output path: one frame, gathered from its pbuf chain into a device buffer. */
static err_t link_output(struct netif *netif, struct pbuf *p)
{
    struct sel4c_netif *nif = netif->state;
    void *buf = nif->dev.tx_buffer(nif->dev.ctx, p->tot_len);
    if (buf == NULL) {
        counters.tx_dropped_nobuf++;
        return ERR_MEM;
    }
    pbuf_copy_partial(p, buf, p->tot_len, 0);
    if (nif->dev.tx_submit(nif->dev.ctx, buf, p->tot_len) != SEL4C_NET_OK)
        return ERR_IF;
    counters.tx_frames++;
    return ERR_OK;
}

static err_t netif_setup(struct netif *netif)
{
    struct sel4c_netif *nif = netif->state;
    netif->linkoutput = link_output;
    netif->output = etharp_output;
    netif->mtu = nif->dev.mtu;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    netif->flags =
        NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    return ERR_OK;
}

static void status_changed(struct netif *netif)
{
    struct sel4c_netif *nif = netif->state;
    if (nif->on_address != NULL && !ip4_addr_isany_val(*netif_ip4_addr(netif)))
        nif->on_address(nif, nif->on_address_arg);
}

static ip4_addr_t to_lwip(sel4c_ipv4_t a)
{
    ip4_addr_t r;
    IP4_ADDR(&r, a.b[0], a.b[1], a.b[2], a.b[3]);
    return r;
}

sel4c_ipv4_t sel4c_net_to_ipv4(const ip4_addr_t *a)
{
    sel4c_ipv4_t r;
    memcpy(r.b, &a->addr, 4); /* lwIP keeps it in network order */
    return r;
}

sel4c_netif_t *sel4c_net_add_interface(const char *name, const uint8_t mac[6],
                                       const sel4c_netdev_t *dev, const sel4c_ipv4_config_t *cfg)
{
    if (dev == NULL || dev->tx_buffer == NULL || dev->tx_submit == NULL || dev->mtu < 576 ||
        cfg == NULL || name == NULL || strlen(name) != 2)
        return NULL;
    struct sel4c_netif *nif = NULL;
    for (int i = 0; i < SEL4C_NET_MAX_INTERFACES && nif == NULL; i++)
        if (!interfaces[i].used)
            nif = &interfaces[i];
    if (nif == NULL)
        return NULL;
    memset(nif, 0, sizeof *nif);
    nif->used = 1;
    nif->dev = *dev;
    ip4_addr_t addr = {0}, mask = {0}, gw = {0};
    if (!cfg->dhcp) {
        addr = to_lwip(cfg->addr);
        mask = to_lwip(cfg->netmask);
        gw = to_lwip(cfg->gateway);
    }
    if (netif_add(&nif->netif, &addr, &mask, &gw, nif, netif_setup, ethernet_input) == NULL) {
        nif->used = 0;
        return NULL;
    }
    memcpy(nif->netif.hwaddr, mac, ETH_HWADDR_LEN);
    nif->netif.name[0] = name[0];
    nif->netif.name[1] = name[1];
    netif_set_status_callback(&nif->netif, status_changed);
    if (netif_default == NULL)
        netif_set_default(&nif->netif);
    netif_set_up(&nif->netif);
    if (cfg->dhcp && dhcp_start(&nif->netif) != ERR_OK) {
        netif_remove(&nif->netif);
        nif->used = 0;
        return NULL;
    }
    return nif;
}

void sel4c_net_on_address(sel4c_netif_t *nif, void (*handler)(sel4c_netif_t *, void *), void *arg)
{
    nif->on_address = handler;
    nif->on_address_arg = arg;
}

void sel4c_net_input(sel4c_netif_t *nif, const void *frame, size_t len)
{
    if (len < SIZEOF_ETH_HDR) {
        counters.rx_dropped_short++;
        return;
    }
    /* An Ethernet header, the MTU, and a VLAN tag at most. */
    if (len > (size_t)nif->netif.mtu + SIZEOF_ETH_HDR + 4) {
        counters.rx_dropped_long++;
        return;
    }
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (p == NULL) {
        counters.rx_dropped_nomem++;
        return;
    }
    pbuf_take(p, frame, (u16_t)len);
    counters.rx_frames++;
    if (nif->netif.input(p, &nif->netif) != ERR_OK)
        pbuf_free(p);
}

void sel4c_net_poll(void)
{
    sys_check_timeouts();
}

uint32_t sel4c_net_next_timeout_ms(void)
{
    return sys_timeouts_sleeptime();
}

sel4c_ipv4_t sel4c_net_address(const sel4c_netif_t *nif)
{
    return sel4c_net_to_ipv4(netif_ip4_addr(&nif->netif));
}

int sel4c_net_is_up(const sel4c_netif_t *nif)
{
    return !ip4_addr_isany_val(*netif_ip4_addr(&nif->netif));
}

void sel4c_net_get_stats(sel4c_net_stats_t *out)
{
    *out = counters;
    out->heap_used = lwip_stats.mem.used;
    out->heap_max = lwip_stats.mem.max;
    out->pbuf_pool_used = lwip_stats.memp[MEMP_PBUF_POOL]->used;
    out->pbuf_pool_max = lwip_stats.memp[MEMP_PBUF_POOL]->max;
    out->tcp_pcb_used = lwip_stats.memp[MEMP_TCP_PCB]->used;
    out->tcp_pcb_max = lwip_stats.memp[MEMP_TCP_PCB]->max;
    out->tcp_seg_used = lwip_stats.memp[MEMP_TCP_SEG]->used;
    out->tcp_seg_max = lwip_stats.memp[MEMP_TCP_SEG]->max;
}

char *sel4c_ipv4_format(sel4c_ipv4_t ip, char *buf)
{
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        unsigned v = ip.b[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        *p++ = i < 3 ? '.' : '\0';
    }
    return buf;
}

void sel4c_net_assert_failed(const char *msg, const char *file, int line)
{
    printf("sel4c net: lwIP assertion failed at %s:%d: %s\n", file, line, msg);
    abort();
}
