/*
 * A client of the serial driver (serial.system): writes LINES numbered lines through its TX
 * queue, waiting for the driver whenever the queue is full, then "done"; afterwards it
 * echoes each line of input it receives as "received: LINE". The driver prefixes every line
 * with the client's name; serial.sh checks that each line arrived whole and once.
 */
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/queue/serial.h>

#define DRIVER 0
#define LINES  500

uintptr_t serial_region;

static sel4c_serial_producer_t tx;
static sel4c_serial_consumer_t rx;
static unsigned line; /* the next line to write */
static char out[128]; /* the line being written */
static unsigned out_len, out_pos;
static char in[100]; /* the input line being received */
static unsigned in_len;
static bool waiting; /* for room in TX */

static void fail(const char *what, int err)
{
    printf("%s: FAIL %s: %s\n", microkit_name, what, sel4c_queue_strerror(err));
}

/* Writes what fits of the pending output; false while it waits for room. */
static bool flush(void)
{
    while (out_pos < out_len) {
        uint32_t done;
        int err = sel4c_serial_enqueue_batch(&tx, out + out_pos, out_len - out_pos, &done);
        if (err) {
            fail("enqueue", err);
            return false;
        }
        out_pos += done;
        if (done)
            microkit_notify(DRIVER);
        if (out_pos < out_len && sel4c_serial_producer_prepare_wait(&tx)) {
            waiting = true; /* the driver notifies when it has taken some */
            return false;
        }
    }
    return true;
}

/* The next output: out[0..out_len) */
#define SAY(...) (out_len = (unsigned)snprintf(out, sizeof out, __VA_ARGS__), out_pos = 0)

static void run(void)
{
    waiting = false;
    while (flush()) {
        if (line < LINES)
            SAY("line %u of %u\n", line, LINES);
        else if (line == LINES)
            SAY("done\n");
        else
            return;
        line++;
    }
}

void init(void)
{
    char *r = (char *)serial_region;
    if (sel4c_serial_producer_init(&tx, (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY) ||
        sel4c_serial_consumer_init(&rx, (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_RX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_RX_DATA, SEL4C_SERIAL_REGION_CAPACITY)) {
        printf("%s: FAIL no serial_region\n", microkit_name);
        return;
    }
    run();
}

void notified(microkit_channel ch)
{
    if (ch != DRIVER) {
        printf("%s: FAIL notified on channel %u\n", microkit_name, ch);
        return;
    }
    char c;
    int err;
    /* input is echoed only once the numbered lines are out, one echo at a time */
    while (line > LINES && out_pos == out_len && (err = sel4c_serial_dequeue(&rx, &c)) == 0) {
        if (c != '\r' && c != '\n') {
            if (in_len < sizeof in - 1)
                in[in_len++] = c;
            continue;
        }
        in[in_len] = 0;
        in_len = 0;
        SAY("received: %s\n", in);
        flush();
    }
    if (waiting || out_pos < out_len)
        run();
}
