/*
 * sDDF 0.7's serial queue, byte for byte: a 12-byte shared header and a separate data region of
 * `capacity` characters (docs/queues.md has the layout):
 *
 *   offset 0  uint32_t tail                index of the next character to write; PRODUCER writes
 *   offset 4  uint32_t head                index of the next character to read; CONSUMER writes
 *   offset 8  uint32_t producer_signalled  0: the producer, having found the queue full, asks
 *                                          to be notified when there is room (producer writes
 *                                          0 to ask and 1 to cancel; consumer writes 1 when it
 *                                          notifies)
 *   data region: character i at data[i % capacity]
 *
 * Indices are 32 bits and wrap; the number of characters is tail - head in uint32_t; capacity
 * is a power of two. sDDF has no flag for the consumer: the producer notifies after each batch.
 *
 * Trust: each side reads the peer's index once per operation and checks it (a tail more than
 * capacity ahead of head or behind it, a head ahead of tail or more than capacity behind it);
 * characters need no check.
 *
 * Threads: one thread per handle; the two ends may run concurrently.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4c/queue/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sDDF's serial_queue_t. */
typedef struct sel4c_serial_queue {
    uint32_t tail;
    uint32_t head;
    uint32_t producer_signalled;
} sel4c_serial_queue_t;

typedef struct sel4c_serial_producer {
    sel4c_serial_queue_t *queue;
    char *data;
    uint32_t capacity;
    uint32_t tail;
} sel4c_serial_producer_t;

typedef struct sel4c_serial_consumer {
    sel4c_serial_queue_t *queue;
    const char *data;
    uint32_t capacity;
    uint32_t head;
} sel4c_serial_consumer_t;

/*
 * Attach to `queue` (4-byte aligned) and its data region of `capacity` characters (a power of
 * two up to 2^31). The handle starts from the shared index as it is. The memory stays the
 * caller's. Errors: SEL4C_QUEUE_EINVAL.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_producer_init(sel4c_serial_producer_t *p,
                                                      sel4c_serial_queue_t *queue, char *data,
                                                      uint32_t capacity);
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_consumer_init(sel4c_serial_consumer_t *c,
                                                      sel4c_serial_queue_t *queue, const char *data,
                                                      uint32_t capacity);

/* Publish one character. Errors: SEL4C_QUEUE_EFULL, SEL4C_QUEUE_ECORRUPT_HEAD. */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_enqueue(sel4c_serial_producer_t *p, char ch);
/* Publish up to n characters of src, as many as fit; *done says how many.
 * Errors: SEL4C_QUEUE_ECORRUPT_HEAD (*done 0). */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_enqueue_batch(sel4c_serial_producer_t *p, const char *src,
                                                      uint32_t n, uint32_t *done);
/* Take one character. Errors: SEL4C_QUEUE_EEMPTY, SEL4C_QUEUE_ECORRUPT_TAIL. */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_dequeue(sel4c_serial_consumer_t *c, char *ch);
/* Take up to max characters into dst; *done says how many (0 when empty).
 * Errors: SEL4C_QUEUE_ECORRUPT_TAIL (*done 0). */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_dequeue_batch(sel4c_serial_consumer_t *c, char *dst,
                                                      uint32_t max, uint32_t *done);
/* Take characters into dst up to and including the first newline, at most max; *done says
 * how many (0 when empty). What follows the newline stays queued (dst[*done..max) may hold
 * copies of it). Errors: SEL4C_QUEUE_ECORRUPT_TAIL (*done 0). */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_dequeue_line(sel4c_serial_consumer_t *c, char *dst,
                                                     uint32_t max, uint32_t *done);

/* Characters in the queue. Errors: SEL4C_QUEUE_ECORRUPT_HEAD / _TAIL, *len untouched. */
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_producer_length(const sel4c_serial_producer_t *p,
                                                        uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_serial_consumer_length(const sel4c_serial_consumer_t *c,
                                                        uint32_t *len);
/* Full: nothing can be enqueued (or the head is corrupt). Empty: tail equals head. */
bool sel4c_serial_full(const sel4c_serial_producer_t *p);
bool sel4c_serial_empty(const sel4c_serial_consumer_t *c);

/* The signalling protocol for a producer waiting for room (docs/queues.md): the producer,
 * having found the queue full, waits only if sel4c_serial_producer_prepare_wait returns true;
 * the consumer, after taking characters, notifies the producer when
 * sel4c_serial_consumer_must_notify returns true. */
bool sel4c_serial_producer_prepare_wait(sel4c_serial_producer_t *p);
bool sel4c_serial_consumer_must_notify(sel4c_serial_consumer_t *c);

#ifdef __cplusplus
}
#endif
