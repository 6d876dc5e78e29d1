/*
 * A client of the serial driver (drivers/serial, docs/drivers.md): console output of a PD
 * through its TX queue, a line at a time.
 *
 * Lines are collected in the client and enqueued whole (a line longer than
 * SEL4C_SERIAL_LINE_MAX - 1 bytes goes in pieces of that size), so the driver never holds a
 * half line of ours. Output never waits: when the queue has no room for a line, the line is
 * dropped and counted, and the next line that fits is preceded by
 * "[serial: N lines dropped]". A server must not stall because the console is slow; a
 * program that must not lose output waits for room itself with the queue's
 * producer_prepare_wait protocol instead.
 *
 * A TX queue whose indices are corrupt (the driver is the only other writer) makes the client
 * stop writing: every later line is dropped and counted, and sel4c_serial_client_broken says
 * why.
 *
 * The client part (sel4c_serial_client_*) makes no system call: it says when the driver is to
 * be notified, so it runs on the host as in a PD. sel4c_serial_stdout, for PDs, sends stdout
 * and stderr through a client and notifies the driver itself.
 *
 * Ownership and threads: the client holds pointers into the shared region, which stays the
 * caller's; one thread uses a client. Part of libsel4c_driver_serial.a
 * (drivers/serial/client.c, stdout.c).
 */
#ifndef SEL4C_SERIAL_CLIENT_H
#define SEL4C_SERIAL_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/drivers/serial.h>
#include <sel4c/error.h>
#include <sel4c/queue/serial.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_serial_client {
    sel4c_serial_producer_t tx;
    int broken;       /* 0, or the queue error that stopped output */
    uint64_t lines;   /* lines (or pieces of long lines) enqueued */
    uint64_t dropped; /* lines dropped since the last notice went out */
    uint64_t lost;    /* lines dropped in all */
    unsigned len;     /* bytes in line */
    char line[SEL4C_SERIAL_LINE_MAX];
} sel4c_serial_client_t;

/*
 * Sets up `c` on the shared region at `region` (SEL4C_SERIAL_REGION_SIZE bytes, laid out as
 * <sel4c/drivers/serial.h> says). Errors: SEL4C_INVALID_ARGUMENT when region is NULL or not
 * 4-byte aligned.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_serial_client_init(sel4c_serial_client_t *c, void *region);

/*
 * One byte of output. Returns true when it completed a line (or a piece of a long line) that
 * went into the queue: then the driver is to be notified. A dropped line returns false.
 */
bool sel4c_serial_client_putc(sel4c_serial_client_t *c, char ch);

/* Enqueues the bytes collected so far as they are (no newline added); returns as putc. */
bool sel4c_serial_client_flush(sel4c_serial_client_t *c);

/* The queue error that stopped output (a sel4c_queue_strerror text), or NULL. */
const char *sel4c_serial_client_broken(const sel4c_serial_client_t *c);

/*
 * For PDs: stdout and stderr (printf, puts, the runtime's panic) go through `c` from now on,
 * and the driver on `channel` is notified when the PD next waits for an event (once for all
 * the lines of that event), or at once when a line leaves the queue more than half full,
 * at fflush(stdout) and when the PD suspends itself (exit, abort, a panic).
 * `c` must stay valid for as long.
 */
void sel4c_serial_stdout(sel4c_serial_client_t *c, unsigned channel);

/*
 * For a PD that prints a line per request (an access log): after sel4c_serial_stdout, lines
 * wait in the queue until `bytes` of them are there (the driver is woken at once at half
 * the queue, whatever `bytes`), until fflush(stdout) or until the PD suspends itself; the
 * driver then takes them all in one wake-up instead of one per event. The PD should
 * fflush(stdout) from a periodic timer, or a quiet spell keeps its last lines back. 0 (as
 * set by sel4c_serial_stdout) holds nothing.
 */
void sel4c_serial_stdout_hold(unsigned bytes);

#ifdef __cplusplus
}
#endif

#endif
