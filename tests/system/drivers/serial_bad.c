/*
 * A client of the serial driver that corrupts its TX queue (serial.system): after one good
 * line it moves its tail far past the capacity and notifies. The driver must refuse it
 * ("[serial] serial_bad refused: ...") and go on serving the others.
 */
#include <microkit.h>
#include <sel4c/drivers/serial.h>
#include <sel4c/queue/serial.h>

#define DRIVER 0

uintptr_t serial_region;

void init(void)
{
    char *r = (char *)serial_region;
    sel4c_serial_producer_t tx;
    uint32_t done;
    if (sel4c_serial_producer_init(&tx, (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE),
                                   r + SEL4C_SERIAL_REGION_TX_DATA, SEL4C_SERIAL_REGION_CAPACITY) ||
        sel4c_serial_enqueue_batch(&tx, "good line\nhalf", 14, &done) || done != 14) {
        microkit_dbg_puts("serial_bad: FAIL could not write its good line\n");
        return;
    }
    microkit_notify(DRIVER);
    sel4c_serial_queue_t *q = (sel4c_serial_queue_t *)(r + SEL4C_SERIAL_REGION_TX_QUEUE);
    __atomic_store_n(&q->tail, q->tail + 3 * SEL4C_SERIAL_REGION_CAPACITY, __ATOMIC_RELEASE);
    microkit_notify(DRIVER);
}

void notified(microkit_channel ch)
{
    (void)ch;
}
