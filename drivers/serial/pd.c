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

/* Without a configuration of the system's: the regions mapped, named client<i>. */
__attribute__((weak)) const sel4c_serial_config_t sel4c_serial_config = {
    .names = {"client0", "client1", "client2", "client3", "client4", "client5", "client6",
              "client7", "client8", "client9"},
};

static sel4c_serial_mux_t mux;
static sel4c_serial_consumer_t tx[SEL4C_SERIAL_MAX_CLIENTS];
static sel4c_serial_producer_t rx[SEL4C_SERIAL_MAX_CLIENTS];
static uint64_t input_dropped[SEL4C_SERIAL_MAX_CLIENTS];
static bool running;

static void refuse(unsigned i, int err)
{
    sel4c_serial_mux_refuse(&mux, i, sel4c_queue_strerror(err));
}

/* Moves client output into line buffers and whole lines to the UART until neither moves;
 * then the transmit interrupt is on exactly when output waits for the UART. */
static void pump(void)
{
    uint64_t notify = 0;
    for (bool progress = true; progress;) {
        progress = false;
        for (unsigned i = 0; i < mux.nclients; i++) {
            unsigned took = 0;
            char c;
            while (sel4c_serial_mux_room(&mux, i)) {
                int err = sel4c_serial_dequeue(&tx[i], &c);
                if (err == SEL4C_QUEUE_EEMPTY)
                    break;
                if (err) {
                    refuse(i, err);
                    break;
                }
                (void)sel4c_serial_mux_putc(&mux, i, c);
                took++;
            }
            if (took && sel4c_serial_consumer_must_notify(&tx[i]))
                notify |= UINT64_C(1) << (i + 1);
            progress |= took > 0;
        }
        const char *bytes;
        unsigned n;
        while ((n = sel4c_serial_mux_peek(&mux, &bytes)) > 0) {
            unsigned w = sel4c_pl011_write(pl011_base, bytes, n);
            sel4c_serial_mux_consume(&mux, w);
            progress |= w > 0;
            if (w < n)
                break;
        }
    }
    const char *bytes;
    sel4c_pl011_tx_interrupt(pl011_base, sel4c_serial_mux_peek(&mux, &bytes) > 0);
    for (unsigned ch = 0; notify; ch++, notify >>= 1)
        if (notify & 1)
            microkit_notify(ch);
}

/* Received bytes to the client that has the input. */
static void receive(void)
{
    uint64_t notify = 0;
    char buf[32];
    /* a bounded number of FIFO-fulls, so that a stuck device cannot hold the driver */
    for (unsigned round = 0, n; round < 64 && (n = sel4c_pl011_read(pl011_base, buf, 32)) > 0;
         round++) {
        for (unsigned k = 0; k < n; k++) {
            sel4c_serial_input_t in = sel4c_serial_mux_input(&mux, buf[k]);
            if (!in.deliver)
                continue;
            int err = sel4c_serial_enqueue(&rx[in.client], in.byte);
            if (err == SEL4C_QUEUE_EFULL)
                input_dropped[in.client]++;
            else if (err)
                refuse(in.client, err);
            else
                notify |= UINT64_C(1) << (in.client + 1);
        }
    }
    for (unsigned ch = 0; notify; ch++, notify >>= 1)
        if (notify & 1)
            microkit_notify(ch);
}

void init(void)
{
    const sel4c_serial_config_t *cfg = &sel4c_serial_config;
    unsigned n = cfg->nclients;
    if (!n)
        while (n < SEL4C_SERIAL_MAX_CLIENTS && *regions[n])
            n++;
    if (!pl011_base || sel4c_pl011_init(pl011_base) != SEL4C_NO_ERROR) {
        printf("%s: error: no PL011 at pl011_base 0x%lx; the driver stays idle\n", microkit_name,
               (unsigned long)pl011_base);
        return;
    }
    if (sel4c_serial_mux_init(&mux, cfg->names, n, cfg->colour) != SEL4C_NO_ERROR) {
        printf("%s: error: %u clients, or a client name, not possible; the driver stays idle\n",
               microkit_name, n);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        char *r = (char *)*regions[i];
        if (!r ||
            sel4c_serial_consumer_init(
                &tx[i], (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY) ||
            sel4c_serial_producer_init(
                &rx[i], (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_RX_QUEUE),
                r + SEL4C_SERIAL_REGION_RX_DATA, SEL4C_SERIAL_REGION_CAPACITY)) {
            printf("%s: error: client %u (%s) has no region serial_region%u; the driver stays "
                   "idle\n",
                   microkit_name, i, cfg->names[i], i);
            return;
        }
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
