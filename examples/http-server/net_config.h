/* The HTTP(S) system's network client (http-server.system): its MAC address. The
 * virtualisers are compiled with it. */
#ifndef NET_CONFIG_H
#define NET_CONFIG_H

#define NET_CLIENT_MACS                                                                            \
    {                                                                                              \
        {                                                                                          \
            0x52, 0x54, 0x00, 0x5e, 0x40, 0x80                                                     \
        }                                                                                          \
    }

#endif
