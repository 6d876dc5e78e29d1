/*
 * Test code for system/http-server-fault-*, linked into the virtio_rng driver PD with
 * -Wl,--wrap=notified (the driver's sources are not changed): the driver faults on the first
 * notification from its client, which the server sends only once it serves (its first request
 * to fill its entropy reserve). The fault is a store to address 0, which the monitor reports.
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>

#define CLIENT_CH 1

void __real_notified(microkit_channel ch);

void __wrap_notified(microkit_channel ch)
{
    if (ch == CLIENT_CH) {
        printf("virtio-rng: test fault: a request from the client\n");
        *(volatile uint32_t *)0 = 1;
    }
    __real_notified(ch);
}
