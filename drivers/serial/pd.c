/*
 * The serial driver as a protection domain (docs/drivers.md, drivers/serial/serial.system):
 * the PL011 shared by up to SEL4C_SERIAL_MAX_CLIENTS clients through the console multiplexer.
 *
 * Configuration: the UART's interrupt is channel 0 and its registers are mapped with
 * setvar_vaddr="pl011_base"; client i is channel i + 1, its shared region (the layout of
 * <sel4c/drivers/serial.h>) mapped with setvar_vaddr="serial_region<i>"; its name comes from
 * sel4c_serial_config (a system may link its own).
 *
 * A client whose queue indices are corrupt is refused: the console says so once, and its
 * queues are not touched again. Input for a client whose RX queue is full is dropped and
 * counted (the console cannot be held back by one client).
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/queue/serial.h>

#define IRQ_CHANNEL 0

uintptr_t pl011_base;
uintptr_t serial_region0, serial_region1, serial_region2, serial_region3, serial_region4,
    serial_region5, serial_region6, serial_region7, serial_region8, serial_region9;
static uintptr_t *const regions[SEL4C_SERIAL_MAX_CLIENTS] = {
    &serial_region0, &serial_region1, &serial_region2, &serial_region3, &serial_region4,
    &serial_region5, &serial_region6, &serial_region7, &serial_region8, &serial_region9,
};

static sel4c_serial_driver_t drv;
static bool running;
static bool tx_interrupt; /* as set in the UART (off after init) */

/* Client bits (bit i: client i) to notifications (channel i + 1). */
static void notify_clients(uint64_t clients)
{
    for (unsigned i = 0; clients; i++, clients >>= 1)
        if (clients & 1)
            microkit_notify(i + 1);
}

/* Moves client output into line buffers and whole lines to the UART until neither moves;
 * then the transmit interrupt is on exactly when output waits for the UART. */
static void pump(void)
{
    uint64_t notify = 0;
    const char *bytes;
    for (bool progress = true; progress;) {
        uint64_t pulled = sel4c_serial_driver_pull(&drv);
        notify |= pulled;
        progress = false;
        unsigned n;
        while ((n = sel4c_serial_mux_peek(&drv.mux, &bytes)) > 0) {
            unsigned w = sel4c_pl011_write(pl011_base, bytes, n);
            sel4c_serial_mux_consume(&drv.mux, w);
            progress |= w > 0;
            if (w < n)
                break;
        }
    }
    bool waiting = sel4c_serial_mux_peek(&drv.mux, &bytes) > 0;
    if (waiting != tx_interrupt) /* (a register access costs a trap under a hypervisor) */
        sel4c_pl011_tx_interrupt(pl011_base, tx_interrupt = waiting);
    notify_clients(notify);
}

/* Received bytes to the client that has the input; a bounded number of FIFO-fulls, so that
 * a stuck device cannot hold the driver. */
static void receive(void)
{
    uint64_t notify = 0;
    char buf[32];
    for (unsigned round = 0, n; round < 64 && (n = sel4c_pl011_read(pl011_base, buf, 32)) > 0;
         round++)
        notify |= sel4c_serial_driver_input(&drv, buf, n);
    notify_clients(notify);
}

void init(void)
{
    sel4c_serial_config_t cfg = sel4c_serial_config;
    if (!cfg.nclients)
        while (cfg.nclients < SEL4C_SERIAL_MAX_CLIENTS && *regions[cfg.nclients])
            cfg.nclients++;
    char *r[SEL4C_SERIAL_MAX_CLIENTS];
    for (unsigned i = 0; i < SEL4C_SERIAL_MAX_CLIENTS; i++)
        r[i] = (char *)*regions[i];
    if (!pl011_base || sel4c_pl011_init(pl011_base) != SEL4C_NO_ERROR) {
        printf("%s: error: no PL011 at pl011_base 0x%lx; the driver stays idle\n", microkit_name,
               (unsigned long)pl011_base);
        return;
    }
    sel4c_err_t err = sel4c_serial_driver_init(&drv, &cfg, r);
    if (err != SEL4C_NO_ERROR) {
        printf("%s: error: %u clients: %s (a name, or a serial_region<i> not mapped); the "
               "driver stays idle\n",
               microkit_name, cfg.nclients, sel4c_strerror(err));
        return;
    }
    running = true;
    pump();
}

void notified(microkit_channel ch)
{
    if (!running)
        return;
    if (ch == IRQ_CHANNEL) {
        receive();
        sel4c_pl011_ack(pl011_base);
        pump();
        microkit_irq_ack(IRQ_CHANNEL);
        return;
    }
    pump(); /* a client's new output (or any signal: pumping is always safe) */
}
