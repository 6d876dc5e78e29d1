/*
 * The serial driver's side of its clients' queues (<sel4c/drivers/serial.h>): output from TX
 * queues into the multiplexer, input from the multiplexer into RX queues. Queue indices come
 * from the clients and are checked by the queue library; a client caught with corrupt ones
 * is refused.
 */
#include <stddef.h>

#include <sel4c/drivers/serial.h>

sel4c_err_t sel4c_serial_driver_init(sel4c_serial_driver_t *drv, const sel4c_serial_config_t *cfg,
                                     char *const *regions)
{
    sel4c_err_t err = sel4c_serial_mux_init(&drv->mux, cfg->names, cfg->nclients, cfg->colour);
    if (err != SEL4C_NO_ERROR)
        return err;
    for (unsigned i = 0; i < cfg->nclients; i++) {
        char *r = regions[i];
        drv->input_dropped[i] = 0;
        if (!r ||
            sel4c_serial_consumer_init(
                &drv->tx[i], (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY) ||
            sel4c_serial_producer_init(
                &drv->rx[i], (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_RX_QUEUE),
                r + SEL4C_SERIAL_REGION_RX_DATA, SEL4C_SERIAL_REGION_CAPACITY)) {
            drv->mux.nclients = 0;
            return SEL4C_INVALID_ARGUMENT;
        }
    }
    return SEL4C_NO_ERROR;
}

uint64_t sel4c_serial_driver_pull(sel4c_serial_driver_t *drv)
{
    uint64_t notify = 0;
    for (unsigned i = 0; i < drv->mux.nclients; i++) {
        unsigned took = 0, room;
        char run[SEL4C_SERIAL_LINE_MAX];
        /* up to the end of a line at a time: a newline closes the line, and the bytes after
         * it must stay in the queue until the line has gone out */
        while ((room = sel4c_serial_mux_room(&drv->mux, i)) != 0) {
            uint32_t n = 0;
            int err = sel4c_serial_dequeue_line(&drv->tx[i], run, room, &n);
            if (err) {
                sel4c_serial_mux_refuse(&drv->mux, i, sel4c_queue_strerror(err));
                break;
            }
            if (n == 0)
                break;
            (void)sel4c_serial_mux_write(&drv->mux, i, run, n);
            took += n;
        }
        if (took && sel4c_serial_consumer_must_notify(&drv->tx[i]))
            notify |= UINT64_C(1) << i;
    }
    return notify;
}

uint64_t sel4c_serial_driver_input(sel4c_serial_driver_t *drv, const char *bytes, unsigned n)
{
    uint64_t notify = 0;
    for (unsigned k = 0; k < n; k++) {
        sel4c_serial_input_t in = sel4c_serial_mux_input(&drv->mux, bytes[k]);
        if (!in.deliver)
            continue;
        int err = sel4c_serial_enqueue(&drv->rx[in.client], in.byte);
        if (err == SEL4C_QUEUE_EFULL)
            drv->input_dropped[in.client]++;
        else if (err)
            sel4c_serial_mux_refuse(&drv->mux, in.client, sel4c_queue_strerror(err));
        else
            notify |= UINT64_C(1) << in.client;
    }
    return notify;
}
