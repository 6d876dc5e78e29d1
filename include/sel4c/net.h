/*
 * sel4c's network stack: lwIP (IPv4, ARP, ICMP echo, UDP, TCP, DHCP) in a protection domain,
 * driven by the PD's event loop. One thread calls into it: every function here, and every
 * handler it calls, runs on the PD's single event-loop thread.
 *
 * A PD brings up the stack in three steps:
 *   1. sel4c_net_init(clock, seed): the clock gives milliseconds for lwIP's timers; the seed
 *      comes from an entropy source (TCP's initial sequence numbers and DHCP's transaction ids
 *      are drawn from it).
 *   2. sel4c_net_add_interface(): an Ethernet interface over a device (sel4c_netdev_t: how to
 *      transmit a frame), with a static address or DHCP.
 *   3. On every event: hand received frames to sel4c_net_input(), then call sel4c_net_poll();
 *      arm a timer for sel4c_net_next_timeout_ms().
 * TCP and UDP endpoints are in <sel4c/tcp.h> and <sel4c/udp.h>.
 *
 * Memory is static: the pools and figures are chosen in lib/net/lwip/lwipopts.h.
 */
#ifndef SEL4C_NET_H
#define SEL4C_NET_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_NET_MUST_CHECK __attribute__((warn_unused_result))

/* Errors of the network API. */
typedef enum sel4c_net_err {
    SEL4C_NET_OK = 0,
    SEL4C_NET_EAGAIN,     /* nothing to read, or no room to write: wait for the handler */
    SEL4C_NET_ENOMEM,     /* a pool of the stack is exhausted */
    SEL4C_NET_EINVAL,     /* an argument is out of range */
    SEL4C_NET_EADDRINUSE, /* the port is taken */
    SEL4C_NET_ECLOSED,    /* the connection was closed (by us, or the peer after EOF) */
    SEL4C_NET_ERESET,     /* the peer reset the connection */
    SEL4C_NET_ETIMEDOUT,  /* the connection made no progress within its timeout */
    SEL4C_NET_EUNREACH,   /* no route or no ARP answer */
    SEL4C_NET_EIO,        /* the device refused the frame */
} sel4c_net_err_t;

/* A static string naming `err`. */
const char *sel4c_net_strerror(sel4c_net_err_t err);

/* An IPv4 address in network byte order, as on the wire. */
typedef struct sel4c_ipv4 {
    uint8_t b[4];
} sel4c_ipv4_t;

/* A device: how the stack sends a frame. `tx_buffer` returns a buffer of at least `len` bytes
 * to build the frame in (NULL: none free now; the frame is dropped and counted), `tx_submit`
 * sends it; both are called with `ctx`. The stack never keeps a buffer after tx_submit. */
typedef struct sel4c_netdev {
    void *ctx;
    void *(*tx_buffer)(void *ctx, size_t len);
    sel4c_net_err_t (*tx_submit)(void *ctx, void *buffer, size_t len);
    uint16_t mtu; /* bytes of IP payload per frame: 1500 for Ethernet */
} sel4c_netdev_t;

/* Addressing of an interface: DHCP when `dhcp` is set, else the static fields. */
typedef struct sel4c_ipv4_config {
    int dhcp;
    sel4c_ipv4_t addr, netmask, gateway;
} sel4c_ipv4_config_t;

typedef struct sel4c_netif sel4c_netif_t;

/* Starts the stack. `now_ms` is a monotonic millisecond clock (wrapping at 2^32 is fine).
 * Call once, before anything else here. */
void sel4c_net_init(uint32_t (*now_ms)(void), uint64_t seed);

#define SEL4C_NET_MAX_INTERFACES 2
/* Adds an Ethernet interface with hardware address `mac` over `dev` (copied) and brings it
 * up; the first interface added is the default route. `name` (two letters) names it in logs.
 * Returns NULL when all SEL4C_NET_MAX_INTERFACES are in use or `cfg` is invalid. */
sel4c_netif_t *sel4c_net_add_interface(const char *name, const uint8_t mac[6],
                                       const sel4c_netdev_t *dev, const sel4c_ipv4_config_t *cfg);

/* Hands a received Ethernet frame to the stack, which copies it: the caller may reuse
 * `frame` on return. A frame shorter than an Ethernet header or longer than the MTU allows is
 * dropped and counted (sel4c_net_stats). */
void sel4c_net_input(sel4c_netif_t *nif, const void *frame, size_t len);

/* Runs lwIP's timers that are due. */
void sel4c_net_poll(void);

/* Milliseconds until the next lwIP timer is due (UINT32_MAX: none). */
uint32_t sel4c_net_next_timeout_ms(void);

/* The interface's IPv4 address (all zero until DHCP has bound), and whether it has one. */
sel4c_ipv4_t sel4c_net_address(const sel4c_netif_t *nif);
int sel4c_net_is_up(const sel4c_netif_t *nif);

/* Called when the interface's address changes (DHCP bound or renewed with a new address). */
void sel4c_net_on_address(sel4c_netif_t *nif, void (*handler)(sel4c_netif_t *nif, void *arg),
                          void *arg);

/* Counters and high-water marks. */
typedef struct sel4c_net_stats {
    uint32_t rx_frames, tx_frames, rx_dropped_short, rx_dropped_long, rx_dropped_nomem,
        tx_dropped_nobuf;
    uint32_t heap_used, heap_max;           /* bytes of MEM_SIZE */
    uint32_t pbuf_pool_used, pbuf_pool_max; /* pool entries */
    uint32_t tcp_pcb_used, tcp_pcb_max;     /* connections */
    uint32_t tcp_seg_used, tcp_seg_max;     /* unacknowledged segments */
} sel4c_net_stats_t;
/* Copies the counters and high-water marks into *out. */
void sel4c_net_get_stats(sel4c_net_stats_t *out);

/* "a.b.c.d" of `ip` into `buf` (at least 16 bytes); returns buf. */
char *sel4c_ipv4_format(sel4c_ipv4_t ip, char *buf);

#ifdef __cplusplus
}
#endif

#endif
