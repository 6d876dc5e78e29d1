/* stdout and stderr of a PD through a serial client (<sel4c/serial_client.h>). */
#include <microkit.h>
#include <sel4c/runtime.h>
#include <sel4c/serial_client.h>

/* The runtime's output hook takes no context: one client per PD carries stdout. */
static sel4c_serial_client_t *out;
static unsigned out_channel;
static uint32_t hold; /* bytes of lines that wait for more (sel4c_serial_stdout_hold) */

/* A line in the queue wakes the driver when this PD next waits: once for all the lines of an
 * event, so a log line per request costs no switch to the driver each; with a hold, once
 * that many bytes are there. A queue half full wakes it at once, so a PD that prints much
 * before it waits does not fill it and drop. */
static int serial_putc(char ch)
{
    if (!sel4c_serial_client_putc(out, ch))
        return 0;
    uint32_t used;
    if (sel4c_serial_producer_length(&out->tx, &used) != 0 || used > out->tx.capacity / 2)
        microkit_notify(out_channel);
    else if (used >= hold)
        microkit_deferred_notify(out_channel);
    return 0;
}

/* fflush and a thread suspending itself: the partial line, and the driver woken now if the
 * queue holds anything (a corrupt queue wakes it too: the driver reports it). */
static void serial_flush(void)
{
    (void)sel4c_serial_client_flush(out);
    uint32_t used;
    if (sel4c_serial_producer_length(&out->tx, &used) != 0 || used > 0)
        microkit_notify(out_channel);
}

void sel4c_serial_stdout_hold(unsigned bytes)
{
    hold = bytes;
}

void sel4c_serial_stdout(sel4c_serial_client_t *c, unsigned channel)
{
    out = c;
    out_channel = channel;
    hold = 0;
    sel4c_set_output_and_flush(serial_putc, serial_flush);
}
