/*
 * lwIP's configuration for sel4c's network stack: the one place where its features and memory
 * are chosen. lwIP runs without an operating system (NO_SYS): one thread, the protection
 * domain's event loop, calls into it, so it needs no locks.
 *
 * Memory (all static, in the PD's .bss; sizes are the reason for each figure):
 *   MEM_SIZE        the heap for outgoing segments' data (TCP_SND_BUF per connection can be
 *                   in flight at once, so it bounds how many connections send at full speed).
 *   PBUF_POOL_*     received frames, copied out of the driver's buffers into pool pbufs.
 *   MEMP_NUM_*      PCBs and segments: 96 TCP connections (the HTTP server serves 64 at
 *                   once, and closed ones wait in TIME_WAIT), 8 listening sockets, 16 UDP
 *                   endpoints.
 * A PD that needs other figures defines SEL4C_LWIPOPTS_EXTRA to a header of its own, which is
 * included last and may #undef and redefine any of these.
 */
#ifndef SEL4C_LWIPOPTS_H
#define SEL4C_LWIPOPTS_H

#define NO_SYS               1
#define LWIP_SOCKET          0
#define LWIP_NETCONN         0
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_TIMERS          1

#define LWIP_IPV4                  1
#define LWIP_IPV6                  0
#define LWIP_ARP                   1
#define LWIP_ETHERNET              1
#define LWIP_ICMP                  1
#define LWIP_RAW                   0
#define LWIP_UDP                   1
#define LWIP_TCP                   1
#define LWIP_DHCP                  1
#define LWIP_DHCP_DOES_ACD_CHECK   0
#define DHCP_DOES_ARP_CHECK        0
#define LWIP_DNS                   0
#define LWIP_IGMP                  0
#define LWIP_AUTOIP                0
#define IP_REASSEMBLY              1
#define IP_FRAG                    1
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK   1
#define LWIP_NETIF_HOSTNAME        1
#define LWIP_SINGLE_NETIF          0

/* Memory */
#define MEM_ALIGNMENT           8
#define MEM_SIZE                (512 * 1024)
#define MEMP_NUM_PBUF           64
#define MEMP_NUM_UDP_PCB        16
#define MEMP_NUM_TCP_PCB        96
#define MEMP_NUM_TCP_PCB_LISTEN 8
#define MEMP_NUM_TCP_SEG        512
#define MEMP_NUM_REASSDATA      8
#define MEMP_NUM_FRAG_PBUF      16
#define MEMP_NUM_ARP_QUEUE      16
#define PBUF_POOL_SIZE          512
#define PBUF_POOL_BUFSIZE       1536
#define ARP_TABLE_SIZE          16

/* Frames to an address not yet resolved wait for its ARP reply, up to 16 of them (lwIP's
 * default keeps only the last): the SYN-ACKs to a burst of connections right after boot would
 * otherwise be lost but one, and the others answered only by the 3-second retransmission. */
#define ARP_QUEUEING  1
#define ARP_QUEUE_LEN 16

/* TCP: a full-sized window and send buffer, so that one connection can keep a 1500-byte
 * Ethernet busy under QEMU's user networking. */
#define TCP_MSS                    1460
#define TCP_WND                    (32 * TCP_MSS)
#define TCP_SND_BUF                (32 * TCP_MSS)
#define TCP_SND_QUEUELEN           (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG         1
#define TCP_DEFAULT_LISTEN_BACKLOG 16
#define LWIP_TCP_KEEPALIVE         1
#define TCP_QUEUE_OOSEQ            1
#define LWIP_WND_SCALE             1
#define TCP_RCV_SCALE              2

/* Checksums in software: the driver offloads nothing. */
#define CHECKSUM_GEN_IP    1
#define CHECKSUM_GEN_UDP   1
#define CHECKSUM_GEN_TCP   1
#define CHECKSUM_CHECK_IP  1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1

/* Statistics: the high-water marks of every pool and of the heap (sel4c_net_stats). */
#define LWIP_STATS         1
#define LWIP_STATS_DISPLAY 0
#define MEM_STATS          1
#define MEMP_STATS         1
#define LINK_STATS         1
#define TCP_STATS          1
#define UDP_STATS          1

#define LWIP_DEBUG 0

#ifdef SEL4C_LWIPOPTS_EXTRA
#include SEL4C_LWIPOPTS_EXTRA
#endif

#endif
