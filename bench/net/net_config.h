/* The network benchmark system's one client (bench.system): its MAC address. The
 * virtualisers are compiled with it. */
#ifndef NET_CONFIG_H
#define NET_CONFIG_H

/* clang-format off */
#define NET_CLIENT_MACS {                                                                      \
    {0x52, 0x54, 0x00, 0x5e, 0x40, 0x11},                                                      \
}
/* clang-format on */

#endif
