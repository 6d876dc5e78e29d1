/*
 * The serial driver's library (drivers/serial): the ARM PL011 UART, and the multiplexer that
 * shares one console between several clients.
 *
 * Output: each client's bytes collect in a line buffer of its own; a line goes to the
 * console whole, prefixed with the client's name (and optionally coloured), so lines of
 * different clients interleave but never mix. Lines longer than SEL4C_SERIAL_LINE_MAX - 1
 * bytes are split. Nothing is dropped: a client's line buffer takes bytes only while it has
 * room (sel4c_serial_mux_room), and a complete line waits until the console has room for all
 * of it, so a client that outruns the UART is held back at its queue.
 *
 * Input goes to one client at a time, client 0 first. Typing Ctrl-\ (0x1c) then a digit n
 * sends the following input to client n; Ctrl-\ twice sends one Ctrl-\ to the current client;
 * Ctrl-\ then anything else is dropped with it. The multiplexer announces each switch on the
 * console ("[serial] input to NAME").
 *
 * A client caught misbehaving (its queue's indices corrupt) is refused with
 * sel4c_serial_mux_refuse: its pending line still goes out, then nothing more is taken from
 * it or delivered to it; the other clients are not affected.
 *
 * Ownership and threads: a multiplexer belongs to one thread (the driver's event loop); it
 * knows neither queues nor devices, so it runs on the host as it does in the driver.
 */
#ifndef SEL4C_DRIVERS_SERIAL_H
#define SEL4C_DRIVERS_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sel4c/error.h>
#include <sel4c/queue/serial.h>

#define SEL4C_SERIAL_MAX_CLIENTS 10 /* input is switched by one digit */
#define SEL4C_SERIAL_NAME_MAX    16
#define SEL4C_SERIAL_LINE_MAX    256  /* bytes of one line, its newline included */
#define SEL4C_SERIAL_OUT_SIZE    1024 /* formatted bytes waiting for the UART */
#define SEL4C_SERIAL_ESCAPE      0x1c /* Ctrl-\ */

typedef struct sel4c_serial_line {
    char name[SEL4C_SERIAL_NAME_MAX + 1];
    bool complete;    /* the line is ready for the console; no byte is taken until it went out */
    bool refused;     /* the client is ignored */
    unsigned len;     /* bytes in text */
    uint64_t lines;   /* lines sent to the console */
    uint64_t dropped; /* input bytes for a refused client */
    char text[SEL4C_SERIAL_LINE_MAX];
} sel4c_serial_line_t;

typedef struct sel4c_serial_mux {
    unsigned nclients;
    bool colour;
    bool escape;    /* Ctrl-\ typed, the next byte says what to do */
    unsigned input; /* the client receiving input */
    unsigned next;  /* the client whose line goes out next, round-robin */
    uint64_t notices_dropped;
    uint32_t out_head, out_len; /* ring of formatted bytes for the UART */
    char out[SEL4C_SERIAL_OUT_SIZE];
    sel4c_serial_line_t notice; /* the multiplexer's own lines */
    sel4c_serial_line_t clients[SEL4C_SERIAL_MAX_CLIENTS];
} sel4c_serial_mux_t;

/*
 * Sets up `mux` for `n` clients named `names` (the console prefix; 1..SEL4C_SERIAL_NAME_MAX
 * printable characters each), with ANSI colours when `colour`.
 * Errors: SEL4C_RANGE_ERROR when n is 0 or above SEL4C_SERIAL_MAX_CLIENTS;
 * SEL4C_INVALID_ARGUMENT when a name is empty, too long or not printable.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_serial_mux_init(sel4c_serial_mux_t *mux,
                                                   const char *const *names, unsigned n,
                                                   bool colour);

/* How many bytes client `i` may give now (0 while its line waits for the console, when it is
 * refused, or when there is no client i). */
unsigned sel4c_serial_mux_room(const sel4c_serial_mux_t *mux, unsigned i);

/* One output byte of client i; false (and nothing done) when its room is 0. */
bool sel4c_serial_mux_putc(sel4c_serial_mux_t *mux, unsigned i, char c);
/* Output bytes of client i, up to its room and through the first newline (which completes
 * the line); returns how many were taken. */
unsigned sel4c_serial_mux_write(sel4c_serial_mux_t *mux, unsigned i, const char *bytes, unsigned n);

/*
 * The bytes for the UART: moves complete lines into the console ring, then points *bytes at
 * the next contiguous run and returns its length (0: nothing to send). After writing some to
 * the UART, the caller consumes that many.
 */
unsigned sel4c_serial_mux_peek(sel4c_serial_mux_t *mux, const char **bytes);
void sel4c_serial_mux_consume(sel4c_serial_mux_t *mux, unsigned n);

/* What an input byte becomes. */
typedef struct sel4c_serial_input {
    bool deliver; /* give `byte` to client `client` */
    unsigned client;
    char byte;
} sel4c_serial_input_t;

/* One byte typed on the console: the escape sequence, or a byte for the current client. */
sel4c_serial_input_t sel4c_serial_mux_input(sel4c_serial_mux_t *mux, char c);

/* Refuses client i from now on, saying `why` on the console. */
void sel4c_serial_mux_refuse(sel4c_serial_mux_t *mux, unsigned i, const char *why);

/*
 * A client's shared region, mapped by the driver PD and the client: its two sDDF-layout
 * serial queues (<sel4c/queue/serial.h>) and their data. The client produces on TX and
 * notifies the driver after each batch; the driver produces on RX and notifies the client.
 * A client that finds TX full waits for the driver's notification (the queue's
 * producer_signalled protocol).
 */
#define SEL4C_SERIAL_REGION_TX_QUEUE 0x0000u /* sel4c_serial_queue_t */
#define SEL4C_SERIAL_REGION_RX_QUEUE 0x0040u /* sel4c_serial_queue_t */
#define SEL4C_SERIAL_REGION_TX_DATA  0x1000u
#define SEL4C_SERIAL_REGION_RX_DATA  0x2000u
#define SEL4C_SERIAL_REGION_CAPACITY 0x1000u /* bytes of each queue */
#define SEL4C_SERIAL_REGION_SIZE     0x3000u

/*
 * The serial driver PD's configuration (drivers/serial/pd.c): client i's console name. A
 * system links its own definition of sel4c_serial_config; without one, the clients are the
 * regions mapped, named client0, client1...
 */
typedef struct sel4c_serial_config {
    bool colour;
    unsigned nclients;
    const char *names[SEL4C_SERIAL_MAX_CLIENTS];
} sel4c_serial_config_t;

extern const sel4c_serial_config_t sel4c_serial_config;

/*
 * The driver's side of the clients' queues around a multiplexer, without the device and
 * without system calls: the PD feeds it input and pumps its output, and notifies the clients
 * it names. Client i's bit in a returned mask is bit i.
 */
typedef struct sel4c_serial_driver {
    sel4c_serial_mux_t mux;
    sel4c_serial_consumer_t tx[SEL4C_SERIAL_MAX_CLIENTS];
    sel4c_serial_producer_t rx[SEL4C_SERIAL_MAX_CLIENTS];
    uint64_t input_dropped[SEL4C_SERIAL_MAX_CLIENTS]; /* input lost to a full RX queue */
} sel4c_serial_driver_t;

/*
 * Sets up `drv` for cfg->nclients clients whose shared regions (the layout above, 4-byte
 * aligned) are `regions`. Errors: those of sel4c_serial_mux_init; SEL4C_INVALID_ARGUMENT
 * when a region is NULL or misaligned.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_serial_driver_init(sel4c_serial_driver_t *drv,
                                                      const sel4c_serial_config_t *cfg,
                                                      char *const *regions);

/*
 * Takes every client's output into the multiplexer while it has room; a client whose TX
 * indices are corrupt is refused. Returns the clients to notify (room freed for a client
 * that asked to be told).
 */
uint64_t sel4c_serial_driver_pull(sel4c_serial_driver_t *drv);

/*
 * Typed input: the escape sequence, and bytes for the client that has the input, into its RX
 * queue (dropped and counted when it is full; the client is refused when its RX indices are
 * corrupt). Returns the clients to notify (input given).
 */
uint64_t sel4c_serial_driver_input(sel4c_serial_driver_t *drv, const char *bytes, unsigned n);

/*
 * The ARM PL011 UART (ARM DDI 0183). `base` is the virtual address of its 4 KiB register
 * page, mapped uncached; the device belongs to one thread. The kernel's debug console may
 * write to the same UART: the driver leaves the line settings (baud, format) as they are.
 */

/*
 * Checks the PrimeCell identification registers, enables the UART, its FIFOs, transmit and
 * receive, and the receive and receive-timeout interrupts (transmit's is enabled on demand).
 * Errors: SEL4C_INVALID_ARGUMENT when the device is not a PL011 (left alone).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_pl011_init(uintptr_t base);
/* Writes bytes until the transmit FIFO is full; returns how many it wrote. */
unsigned sel4c_pl011_write(uintptr_t base, const char *bytes, unsigned n);
/* Reads up to max received bytes (those with a framing, parity, break or overrun error are
 * skipped); returns how many it stored. */
unsigned sel4c_pl011_read(uintptr_t base, char *bytes, unsigned max);
/* The transmit interrupt (FIFO drained below its level), wanted only while output waits. */
void sel4c_pl011_tx_interrupt(uintptr_t base, bool on);
/* Clears the interrupts the driver has handled (receive, receive timeout, transmit). */
void sel4c_pl011_ack(uintptr_t base);

#endif
