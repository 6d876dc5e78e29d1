/*
 * The link between the two stacks of the network tests: what carries Ethernet frames from one
 * process to the other. link_socket.c is a datagram socket pair; link_queues.c is sDDF's
 * network queues in shared memory, served by a virtualiser process that moves the frames.
 */
#ifndef TESTS_NET_LINK_H
#define TESTS_NET_LINK_H

#include <sel4c/net.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: FAIL %s\n", __FILE__, __LINE__, #cond);                        \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

/* Before the processes fork. */
void link_setup(void);
/* In side 0 or 1 after the fork: the device for the stack. */
void link_attach(int side, sel4c_netdev_t *dev);
/* One turn of the event loop: frames arriving within `wait_ms` into the stack, then timers. */
void link_pump(sel4c_netif_t *nif, int wait_ms);
/* After the test, in side 1: print and check the link's own counters. */
void link_report(void);
void link_teardown(void);

#endif
