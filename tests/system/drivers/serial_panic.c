/*
 * A PD whose stdout is a serial client (<sel4c/serial_client.h>) and which panics when input
 * reaches it, after every other client is done (serial.system): its output is notified to
 * the driver only when the PD next waits, which a panicking PD never does, and nothing else
 * wakes the driver then. What it printed before, and the panic's own lines, must still reach
 * the UART: the runtime flushes stdout before the thread suspends itself.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/runtime.h>
#include <sel4c/serial_client.h>

#define DRIVER 0

uintptr_t serial_region;

static sel4c_serial_client_t console;

void init(void)
{
    if (sel4c_serial_client_init(&console, (void *)serial_region) != SEL4C_NO_ERROR) {
        microkit_dbg_puts("serial_panic: FAIL no serial client\n");
        return;
    }
    sel4c_serial_stdout(&console, DRIVER);
}

void notified(microkit_channel ch)
{
    (void)ch; /* input: the driver's only reason to notify us */
    printf("about to panic\n");
    sel4c_panic("on purpose (%d)", 7);
}
