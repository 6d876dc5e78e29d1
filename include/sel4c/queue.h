/*
 * A single-producer single-consumer ring of fixed-size entries in shared memory.
 *
 * One component produces, one consumes; each attaches its own handle to the same region:
 *
 *   offset 0    uint32_t tail                index of the next entry to fill; PRODUCER writes
 *   offset 4    uint32_t consumer_signalled  0: the consumer asks to be notified of new entries
 *                                            (consumer writes 0, producer writes 1 when it
 *                                            notifies, consumer writes 1 when it cancels)
 *   offset 64   uint32_t head                index of the next entry to take; CONSUMER writes
 *   offset 68   uint32_t producer_signalled  0: the producer asks to be notified of free space
 *                                            (producer writes 0 and 1, consumer writes 1)
 *   offset 128  entries[capacity]            each elem_size bytes; entry i at 128 + (i % capacity)
 *                                            * elem_size; written by the producer before it
 *                                            publishes them, read by the consumer
 *
 * Indices run freely and wrap at 2^32; the number of entries is tail - head in uint32_t, which
 * is right for every index value. capacity is a power of two, so i % capacity maps the live
 * entries to distinct slots across the wrap. tail and head sit on separate 64-byte lines so the
 * two sides do not bounce one cache line. A region of zeroes is an empty queue whose consumer
 * asks for a notification. capacity and elem_size are NOT in shared memory: each side gives
 * them at init, so the peer cannot change them.
 *
 * Trust: each side keeps its own index privately and only writes the shared copy; the peer's
 * index is read once per operation (single-copy atomic) and checked: a tail more than capacity
 * ahead of head (or behind it) is SEL4C_QUEUE_ECORRUPT_TAIL at the consumer, a head ahead of
 * tail (or more than capacity behind it) SEL4C_QUEUE_ECORRUPT_HEAD at the producer; the queue is
 * then left as it was. Entries are copied out of shared memory before dequeue returns: check
 * the copy, the peer may change the slot afterwards.
 *
 * Signalling (docs/queues.md): after enqueueing, sel4c_queue_producer_must_notify() says whether
 * to notify the consumer; a consumer that found the queue empty calls
 * sel4c_queue_consumer_prepare_wait() and waits only if it returns true. Symmetrically for a
 * producer that found the queue full. The calls order memory for this (release/acquire on the
 * indices, a seq_cst fence between the index and the flag), so no wake-up is lost.
 *
 * Threads: one thread per handle; a producer and a consumer handle may be used concurrently.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4c/queue/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The shared header: entries follow at SEL4C_QUEUE_HEADER_SIZE. */
typedef struct sel4c_queue_header {
    uint32_t tail;
    uint32_t consumer_signalled;
    uint8_t pad0[56];
    uint32_t head;
    uint32_t producer_signalled;
    uint8_t pad1[56];
} sel4c_queue_header_t;

#define SEL4C_QUEUE_HEADER_SIZE 128u
/* The largest capacity: indices must be able to tell a full queue from an empty one. */
#define SEL4C_QUEUE_MAX_CAPACITY (1u << 31)

typedef struct sel4c_queue_producer {
    sel4c_queue_header_t *hdr;
    unsigned char *entries;
    uint32_t capacity;
    uint32_t elem_size;
    uint32_t tail; /* ours; the shared copy is only written */
} sel4c_queue_producer_t;

typedef struct sel4c_queue_consumer {
    sel4c_queue_header_t *hdr;
    const unsigned char *entries;
    uint32_t capacity;
    uint32_t elem_size;
    uint32_t head; /* ours; the shared copy is only written */
} sel4c_queue_consumer_t;

/* Bytes of shared memory a queue of `capacity` entries of `elem_size` bytes needs, or 0 when
 * that does not fit in size_t. */
size_t sel4c_queue_region_size(uint32_t elem_size, uint32_t capacity);

/*
 * Attach a producer (or consumer) handle to the queue in `region` (region_size bytes, 8-byte
 * aligned) of `capacity` entries (a power of two, at most SEL4C_QUEUE_MAX_CAPACITY) of
 * `elem_size` bytes (not 0). The handle starts from the shared tail (head) as it is, so a zeroed
 * region is an empty queue. The region stays owned by the caller and must outlive the handle.
 * Errors: SEL4C_QUEUE_EINVAL when any argument is wrong or the region is too small.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_producer_init(sel4c_queue_producer_t *p, void *region,
                                                     size_t region_size, uint32_t elem_size,
                                                     uint32_t capacity);
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_consumer_init(sel4c_queue_consumer_t *c, void *region,
                                                     size_t region_size, uint32_t elem_size,
                                                     uint32_t capacity);

/*
 * Copy one entry (elem_size bytes from `elem`) into the queue and publish it.
 * Errors: SEL4C_QUEUE_EFULL; SEL4C_QUEUE_ECORRUPT_HEAD (nothing written).
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_enqueue(sel4c_queue_producer_t *p, const void *elem);

/*
 * Copy up to `n` entries from `elems` (n * elem_size bytes) into the queue, as many as fit,
 * and publish them at once; *done says how many. Errors: SEL4C_QUEUE_ECORRUPT_HEAD (none
 * written, *done is 0). A full queue is not an error: *done is 0.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_enqueue_batch(sel4c_queue_producer_t *p, const void *elems,
                                                     uint32_t n, uint32_t *done);

/*
 * Copy the oldest entry into `elem` (elem_size bytes) and free its slot.
 * Errors: SEL4C_QUEUE_EEMPTY; SEL4C_QUEUE_ECORRUPT_TAIL (nothing taken).
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_dequeue(sel4c_queue_consumer_t *c, void *elem);

/*
 * Copy up to `max` of the oldest entries into `elems` (max * elem_size bytes) and free their
 * slots at once; *done says how many (0 when empty). Errors: SEL4C_QUEUE_ECORRUPT_TAIL (none
 * taken, *done is 0).
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_dequeue_batch(sel4c_queue_consumer_t *c, void *elems,
                                                     uint32_t max, uint32_t *done);

/* The number of entries in the queue, as the producer (consumer) sees it.
 * Errors: SEL4C_QUEUE_ECORRUPT_HEAD (SEL4C_QUEUE_ECORRUPT_TAIL), *len untouched. */
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_producer_length(const sel4c_queue_producer_t *p,
                                                       uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_queue_consumer_length(const sel4c_queue_consumer_t *c,
                                                       uint32_t *len);

/* True when nothing can be enqueued: the queue is full, or the consumer's head is corrupt
 * (sel4c_queue_enqueue then says which). */
bool sel4c_queue_full(const sel4c_queue_producer_t *p);
/* True when the queue holds no entry (tail equals head); when it is false a dequeue either
 * takes an entry or reports a corrupt tail. */
bool sel4c_queue_empty(const sel4c_queue_consumer_t *c);

/* Producer, after publishing: true when the consumer asked for a notification; the request
 * is then cleared and the caller must notify the consumer. */
bool sel4c_queue_producer_must_notify(sel4c_queue_producer_t *p);
/* Consumer, having found the queue empty: asks for a notification and checks the queue again.
 * True: still empty, wait for the notification. False: entries arrived, the request is
 * cancelled, go on dequeuing. */
bool sel4c_queue_consumer_prepare_wait(sel4c_queue_consumer_t *c);
/* Consumer, after freeing slots: true when the producer asked for a notification; the request
 * is then cleared and the caller must notify the producer. */
bool sel4c_queue_consumer_must_notify(sel4c_queue_consumer_t *c);
/* Producer, having found the queue full: asks for a notification and checks again. True: still
 * full, wait. False: space appeared, the request is cancelled, go on enqueuing. */
bool sel4c_queue_producer_prepare_wait(sel4c_queue_producer_t *p);

#ifdef __cplusplus
}
#endif
