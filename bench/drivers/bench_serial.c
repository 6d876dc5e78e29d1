/*
 * The serial driver's throughput (bench/drivers/run.sh boots serial.system under QEMU, in
 * real time): this client writes TOTAL bytes of 64-byte lines through its TX queue as fast as
 * the driver takes them, and prints the bytes per second between its first byte and its last
 * enqueued (the time from the EL0 physical counter; what is still queued then, at most the
 * queue's 4 KiB and a line, is under 1% of TOTAL).
 * Prints its figures and "done" through the driver, which prefixes them with the default
 * name of client 0, "client0".
 */
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/drivers/timer.h>
#include <sel4c/queue/serial.h>

#define DRIVER 0
#define TOTAL  (1u << 20)
#define LINE   64

uintptr_t serial_region;

static sel4c_serial_producer_t tx;
static char line[LINE];
static unsigned sent, pos = LINE;
static uint64_t start;
static char report[160];
static unsigned report_len, report_pos;

/* Enqueues from buf[*at..n); false when it must wait for the driver. */
static bool put(const char *buf, unsigned n, unsigned *at)
{
    while (*at < n) {
        uint32_t done;
        if (sel4c_serial_enqueue_batch(&tx, buf + *at, n - *at, &done)) {
            microkit_dbg_puts("bench_serial: FAIL corrupt queue\n");
            return false;
        }
        *at += done;
        if (done)
            microkit_notify(DRIVER);
        if (*at < n && sel4c_serial_producer_prepare_wait(&tx))
            return false;
    }
    return true;
}

static void run(void)
{
    while (sent < TOTAL) {
        if (pos == LINE) {
            snprintf(line, sizeof line, "%08u ", sent);
            memset(line + 9, 'x', LINE - 10);
            line[LINE - 1] = '\n';
            pos = 0;
        }
        unsigned before = pos;
        bool more = put(line, LINE, &pos);
        sent += pos - before;
        if (!more)
            return;
    }
    if (!report_len) {
        uint64_t ns = sel4c_generic_timer_now() - start;
        report_len = (unsigned)snprintf(
            report, sizeof report,
            "%u bytes in %llu us: %llu bytes/s through the multiplexer\ndone\n", TOTAL,
            (unsigned long long)ns / 1000, (unsigned long long)(TOTAL * 1000000000ull / ns));
    }
    put(report, report_len, &report_pos);
}

void init(void)
{
    char *r = (char *)serial_region;
    if (sel4c_serial_producer_init(&tx, (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY)) {
        microkit_dbg_puts("bench_serial: FAIL no serial_region\n");
        return;
    }
    start = sel4c_generic_timer_now();
    run();
}

void notified(microkit_channel ch)
{
    if (ch == DRIVER)
        run();
}
