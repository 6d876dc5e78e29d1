/* A client of the serial driver: line-buffered output that drops whole lines rather than wait
 * (<sel4c/serial_client.h>). */
#include <stdio.h>
#include <string.h>

#include <sel4c/serial_client.h>

sel4c_err_t sel4c_serial_client_init(sel4c_serial_client_t *c, void *region)
{
    if (region == NULL || ((uintptr_t)region & 3))
        return SEL4C_INVALID_ARGUMENT;
    memset(c, 0, sizeof *c);
    char *r = region;
    if (sel4c_serial_producer_init(&c->tx,
                                   (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY))
        return SEL4C_INVALID_ARGUMENT;
    return SEL4C_NO_ERROR;
}

/* Enqueues `n` bytes if all of them fit; false (nothing written) if not. */
static bool enqueue_whole(sel4c_serial_client_t *c, const char *s, uint32_t n)
{
    uint32_t used, done;
    int err = sel4c_serial_producer_length(&c->tx, &used);
    if (err) {
        c->broken = err;
        return false;
    }
    if (c->tx.capacity - used < n)
        return false;
    err = sel4c_serial_enqueue_batch(&c->tx, s, n, &done);
    if (err || done != n) {
        c->broken = err ? err : SEL4C_QUEUE_ECORRUPT_HEAD; /* the head moved backwards */
        return false;
    }
    return true;
}

bool sel4c_serial_client_flush(sel4c_serial_client_t *c)
{
    unsigned len = c->len;
    c->len = 0;
    if (len == 0)
        return false;
    if (c->broken) {
        c->lost++;
        return false;
    }
    if (c->dropped) {
        char notice[48];
        int n = snprintf(notice, sizeof notice, "[serial: %llu lines dropped]\n",
                         (unsigned long long)c->dropped);
        /* The notice and the line go in together or not at all, so that a notice never takes
         * the room of the line it announces. */
        uint32_t used;
        if (sel4c_serial_producer_length(&c->tx, &used) == 0 &&
            c->tx.capacity - used >= (uint32_t)n + len && enqueue_whole(c, notice, (uint32_t)n))
            c->dropped = 0;
    }
    if (!c->dropped && enqueue_whole(c, c->line, len)) {
        c->lines++;
        return true;
    }
    c->dropped++;
    c->lost++;
    return false;
}

bool sel4c_serial_client_putc(sel4c_serial_client_t *c, char ch)
{
    c->line[c->len++] = ch;
    if (ch == '\n' || c->len == SEL4C_SERIAL_LINE_MAX - 1)
        return sel4c_serial_client_flush(c);
    return false;
}

const char *sel4c_serial_client_broken(const sel4c_serial_client_t *c)
{
    return c->broken ? sel4c_queue_strerror(c->broken) : NULL;
}
