/* The network test system's clients (net.system): their MAC addresses, in client order. The
 * virtualisers are compiled with it; each client is told its own (NET_MAC_INDEX). */
#ifndef NET_CONFIG_H
#define NET_CONFIG_H

/* clang-format off */
#define NET_CLIENT_MACS {                                                                      \
    {0x52, 0x54, 0x00, 0x5e, 0x40, 0x01},                                                      \
    {0x52, 0x54, 0x00, 0x5e, 0x40, 0x02},                                                      \
    {0x52, 0x54, 0x00, 0x5e, 0x40, 0x03},                                                      \
}
/* clang-format on */

#endif
