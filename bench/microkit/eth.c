/*
 * The Ethernet driver of http.system, a stub: it maps its virtio-mmio transport, its data
 * and queue regions (shared with the web server) and takes its interrupt, and counts the
 * web server's notifications (on CLIENT, and on HIGH, the highest channel id, for the cost
 * of decoding the badge). For the IPC benchmark a notification on SWITCH makes it receive
 * with a raw seL4_Wait loop, the baseline of microkit_notify → notified(), until the next
 * notification on SWITCH; it then prints the counts.
 */
#include <stdint.h>

#include "bench.h"

#define CLIENT 2
#define SWITCH 4
#define HIGH   61

#define VIRTIO_MMIO_MAGIC 0x74726976 /* "virt" */

uintptr_t regs, data, queues;

static unsigned long notifications, high_notifications, raw_notifications;

void init(void)
{
    if (*(volatile uint32_t *)regs != VIRTIO_MMIO_MAGIC)
        microkit_dbg_puts("eth: FAIL no virtio-mmio transport\n");
}

/* Notifications received as a PD written against libsel4 would: one system call each. */
static void raw_receive(void)
{
    seL4_Word badge;
    for (;;) {
        seL4_Wait(INPUT_CAP, &badge);
        if (badge & (1ul << SWITCH))
            return;
        if (badge & (1ul << CLIENT))
            raw_notifications++;
    }
}

void notified(microkit_channel ch)
{
    if (ch == CLIENT) {
        notifications++;
    } else if (ch == HIGH) {
        high_notifications++;
    } else if (ch == SWITCH) {
        raw_receive();
        microkit_dbg_puts("eth: ");
        microkit_dbg_put32(notifications);
        microkit_dbg_puts(" + ");
        microkit_dbg_put32(high_notifications);
        microkit_dbg_puts(" notifications through notified() (channels 2 and 61), ");
        microkit_dbg_put32(raw_notifications);
        microkit_dbg_puts(" through seL4_Wait\n");
    }
}
