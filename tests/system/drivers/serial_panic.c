/*
 * A PD whose stdout is a serial client (<sel4c/serial_client.h>) and which panics when input
 * reaches it, after every other client is done (serial.system): its output is notified to
 * the driver only when the PD next waits, which a panicking PD never does, and nothing else
 * wakes the driver then. What it printed before, and the panic's own lines, must still reach
 * the UART: the runtime flushes stdout before the thread suspends itself.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/queue/serial.h>
#include <sel4c/runtime.h>
#include <sel4c/serial_client.h>

#define DRIVER 0

uintptr_t serial_region;

static sel4c_serial_client_t console;
static sel4c_serial_consumer_t input;

void init(void)
{
    char *r = (char *)serial_region;
    if (sel4c_serial_client_init(&console, r) != SEL4C_NO_ERROR ||
        sel4c_serial_consumer_init(&input,
                                   (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_RX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_RX_DATA, SEL4C_SERIAL_REGION_CAPACITY)) {
        microkit_dbg_puts("serial_panic: FAIL no serial client\n");
        return;
    }
    sel4c_serial_stdout(&console, DRIVER);
}

/* Panics at the end of a typed line, and only then: the test types it last. */
void notified(microkit_channel ch)
{
    (void)ch;
    char c;
    while (sel4c_serial_dequeue(&input, &c) == SEL4C_QUEUE_OK) {
        if (c == '\r') {
            printf("about to panic\n");
            sel4c_panic("on purpose (%d)", 7);
        }
    }
}
