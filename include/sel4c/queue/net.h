/*
 * sDDF 0.7's network queue, byte for byte, so that a sel4c component and an sDDF component can
 * be the two ends of one queue (docs/queues.md has the layout with offsets).
 *
 * A queue is one shared sel4c_net_queue_t followed by `capacity` buffer descriptors; a network
 * client has two of them (free and active) per direction, each a separate queue here:
 *
 *   offset 0  uint16_t tail                index of the next descriptor to fill; PRODUCER writes
 *   offset 2  uint16_t head                index of the next descriptor to take; CONSUMER writes
 *   offset 4  uint32_t consumer_signalled  0: the consumer asks for a notification (consumer
 *                                          writes 0 to ask and 1 to cancel; producer writes 1
 *                                          when it notifies)
 *   offset 8  sel4c_net_buff_desc_t buffers[capacity], descriptor i at buffers[i % capacity];
 *             written by the producer, read by the consumer
 *
 * Indices are 16 bits and wrap; the number of descriptors is (uint16_t)(tail - head), right for
 * every index value (sDDF 0.7 computes it in int, and misses a full queue whose tail has
 * wrapped). capacity is a power of two up to SEL4C_NET_MAX_CAPACITY so that descriptors keep
 * distinct slots across the wrap, as sDDF's `% capacity` needs.
 *
 * Trust: the consumer reads the producer's tail once per operation and checks it; each
 * descriptor is copied out of shared memory and checked against the data region the consumer
 * gave at init (offset inside it, at the start of one of its buffers, length within the
 * buffer). Any failure is reported with its own error code and nothing is taken; the producer
 * checks the consumer's head the same way.
 *
 * Threads: one thread per handle; the producer and consumer of a queue may run concurrently.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4c/queue/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sDDF's NET_BUFFER_SIZE: the usual size of each buffer of a network data region. */
#define SEL4C_NET_BUFFER_SIZE  2048u
#define SEL4C_NET_MAX_CAPACITY 32768u

/* sDDF's net_buff_desc_t (16 bytes). */
typedef struct sel4c_net_buff_desc {
    /* offset of the buffer in the data region, or its I/O address */
    uint64_t io_or_offset;
    /* bytes of data in the buffer */
    uint16_t len;
    /* which region the buffer belongs to, where a queue mixes regions (0 otherwise) */
    uint8_t oid : 6;
} sel4c_net_buff_desc_t;

/* sDDF's net_queue_t. */
typedef struct sel4c_net_queue {
    uint16_t tail;
    uint16_t head;
    uint32_t consumer_signalled;
    sel4c_net_buff_desc_t buffers[];
} sel4c_net_queue_t;

typedef struct sel4c_net_producer {
    sel4c_net_queue_t *queue;
    uint32_t capacity;
    uint16_t tail; /* ours; the shared copy is only written */
} sel4c_net_producer_t;

typedef struct sel4c_net_consumer {
    sel4c_net_queue_t *queue;
    uint32_t capacity;
    uint16_t head;        /* ours; the shared copy is only written */
    uint64_t region_base; /* what io_or_offset values are relative to */
    uint64_t region_size;
    uint32_t buf_size;
} sel4c_net_consumer_t;

/*
 * Attach to `queue` (8-byte aligned, room for `capacity` descriptors after the header).
 * capacity: a power of two, at most SEL4C_NET_MAX_CAPACITY. The handle starts from the shared
 * index as it is. Errors: SEL4C_QUEUE_EINVAL.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_net_producer_init(sel4c_net_producer_t *p,
                                                   sel4c_net_queue_t *queue, uint32_t capacity);
/*
 * As above; the consumer also says which buffers it owns: the descriptors it takes must name
 * a buffer of `buf_size` bytes at region_base + k * buf_size, inside region_size bytes
 * (region_base is 0 for offsets, the region's I/O address for I/O addresses).
 * Errors: SEL4C_QUEUE_EINVAL (also for buf_size 0 or a region smaller than one buffer).
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_net_consumer_init(sel4c_net_consumer_t *c,
                                                   sel4c_net_queue_t *queue, uint32_t capacity,
                                                   uint64_t region_base, uint64_t region_size,
                                                   uint32_t buf_size);

/* Publish one descriptor. Errors: SEL4C_QUEUE_EFULL, SEL4C_QUEUE_ECORRUPT_HEAD. */
SEL4C_QUEUE_MUST_CHECK int sel4c_net_enqueue(sel4c_net_producer_t *p, sel4c_net_buff_desc_t desc);
/*
 * Take the oldest descriptor into *desc. Errors, *desc untouched: SEL4C_QUEUE_EEMPTY and
 * SEL4C_QUEUE_ECORRUPT_TAIL (nothing taken); SEL4C_QUEUE_EBAD_OFFSET, SEL4C_QUEUE_EBAD_BUFFER,
 * SEL4C_QUEUE_EBAD_LENGTH: the descriptor names no buffer of the consumer's region, and is
 * taken and dropped so that the queue goes on.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_net_dequeue(sel4c_net_consumer_t *c, sel4c_net_buff_desc_t *desc);

/* Descriptors in the queue. Errors: SEL4C_QUEUE_ECORRUPT_HEAD / _TAIL, *len untouched. */
SEL4C_QUEUE_MUST_CHECK int sel4c_net_producer_length(const sel4c_net_producer_t *p, uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_net_consumer_length(const sel4c_net_consumer_t *c, uint32_t *len);
/* True when nothing can be enqueued (full, or a corrupt head). */
bool sel4c_net_full(const sel4c_net_producer_t *p);
/* True when tail equals head. */
bool sel4c_net_empty(const sel4c_net_consumer_t *c);

/* The signalling protocol, as for <sel4c/queue.h>: the producer after publishing, the consumer
 * before it waits on an empty queue. */
bool sel4c_net_producer_must_notify(sel4c_net_producer_t *p);
bool sel4c_net_consumer_prepare_wait(sel4c_net_consumer_t *c); /* true also for a corrupt tail */

#ifdef __cplusplus
}
#endif
