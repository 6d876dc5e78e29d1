/*
 * sDDF 0.7's block queues, byte for byte: a request queue (client to server) and a response
 * queue (server to client), each one shared header followed by `capacity` entries
 * (docs/queues.md has the layouts with offsets):
 *
 *   request queue:  offset 0 uint32_t head   (CONSUMER, the server, writes)
 *                   offset 4 uint32_t tail   (PRODUCER, the client, writes)
 *                   offset 8 bool plugged    (PRODUCER writes: the server must not dequeue)
 *                   offset 16 sel4c_blk_req_t buffers[capacity]
 *   response queue: offset 0 uint32_t head   (CONSUMER, the client, writes)
 *                   offset 4 uint32_t tail   (PRODUCER, the server, writes)
 *                   offset 8 sel4c_blk_resp_t buffers[capacity]
 *
 * Entry i is at buffers[i % capacity]. Indices are 32 bits and wrap; lengths are tail - head in
 * uint32_t; capacity is a power of two. sDDF 0.7's block queues have no signalling flag: the
 * producer notifies after each batch it publishes.
 *
 * Trust: each side checks the peer's index (read once) and every entry it takes (copied out of
 * shared memory first): a request's code, and for reads and writes that its blocks lie in the
 * client's data region the server gave at init; a response's status. `id` and
 * `success_count` are the client's to match against its own requests.
 *
 * Threads: one thread per handle; the two ends of a queue may run concurrently.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sel4c/queue/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sDDF's BLK_TRANSFER_SIZE: the bytes of one block of a request's count. */
#define SEL4C_BLK_TRANSFER_SIZE 4096u

/* Request codes (sDDF's blk_req_code_t). */
enum {
    SEL4C_BLK_REQ_READ,
    SEL4C_BLK_REQ_WRITE,
    SEL4C_BLK_REQ_FLUSH,
    SEL4C_BLK_REQ_BARRIER,
};

/* Response statuses (sDDF's blk_resp_status_t). */
enum {
    SEL4C_BLK_RESP_OK,
    SEL4C_BLK_RESP_ERR_UNSPEC,
    SEL4C_BLK_RESP_ERR_INVALID_PARAM,
    SEL4C_BLK_RESP_ERR_IO,
    SEL4C_BLK_RESP_ERR_NO_DEVICE,
};

/* sDDF's blk_req_t (32 bytes): an enum is 4 bytes there, a uint32_t here (a peer's value need
 * not be one of the enumerators). */
typedef struct sel4c_blk_req {
    uint32_t code;
    uint64_t io_or_offset; /* offset of the buffer in the data region, or its I/O address */
    uint64_t block_number;
    uint16_t count; /* blocks of SEL4C_BLK_TRANSFER_SIZE bytes */
    uint32_t id;
} sel4c_blk_req_t;

/* sDDF's blk_resp_t (12 bytes). */
typedef struct sel4c_blk_resp {
    uint32_t status;
    uint16_t success_count;
    uint32_t id; /* the request's */
} sel4c_blk_resp_t;

/* sDDF's blk_req_queue_t. */
typedef struct sel4c_blk_req_queue {
    uint32_t head;
    uint32_t tail;
    bool plugged;
    sel4c_blk_req_t buffers[];
} sel4c_blk_req_queue_t;

/* sDDF's blk_resp_queue_t. */
typedef struct sel4c_blk_resp_queue {
    uint32_t head;
    uint32_t tail;
    sel4c_blk_resp_t buffers[];
} sel4c_blk_resp_queue_t;

typedef struct sel4c_blk_req_producer {
    sel4c_blk_req_queue_t *queue;
    uint32_t capacity;
    uint32_t tail;
} sel4c_blk_req_producer_t;

typedef struct sel4c_blk_req_consumer {
    sel4c_blk_req_queue_t *queue;
    uint32_t capacity;
    uint32_t head;
    uint64_t region_base; /* what io_or_offset values are relative to */
    uint64_t region_size;
} sel4c_blk_req_consumer_t;

typedef struct sel4c_blk_resp_producer {
    sel4c_blk_resp_queue_t *queue;
    uint32_t capacity;
    uint32_t tail;
} sel4c_blk_resp_producer_t;

typedef struct sel4c_blk_resp_consumer {
    sel4c_blk_resp_queue_t *queue;
    uint32_t capacity;
    uint32_t head;
} sel4c_blk_resp_consumer_t;

/*
 * Attach to a queue (8-byte aligned, room for `capacity` entries; capacity a power of two up
 * to 2^31). The handle starts from the shared index as it is. The request consumer also gives
 * the client's data region: a read or write must lie within region_size bytes from
 * region_base. Errors: SEL4C_QUEUE_EINVAL.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_req_producer_init(sel4c_blk_req_producer_t *p,
                                                       sel4c_blk_req_queue_t *queue,
                                                       uint32_t capacity);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_req_consumer_init(sel4c_blk_req_consumer_t *c,
                                                       sel4c_blk_req_queue_t *queue,
                                                       uint32_t capacity, uint64_t region_base,
                                                       uint64_t region_size);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_resp_producer_init(sel4c_blk_resp_producer_t *p,
                                                        sel4c_blk_resp_queue_t *queue,
                                                        uint32_t capacity);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_resp_consumer_init(sel4c_blk_resp_consumer_t *c,
                                                        sel4c_blk_resp_queue_t *queue,
                                                        uint32_t capacity);

/* Publish one request. Errors: SEL4C_QUEUE_EFULL, SEL4C_QUEUE_ECORRUPT_HEAD. */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_enqueue_req(sel4c_blk_req_producer_t *p, sel4c_blk_req_t req);
/*
 * Take the oldest request into *req. Errors: SEL4C_QUEUE_EEMPTY, SEL4C_QUEUE_ECORRUPT_TAIL
 * (nothing taken); SEL4C_QUEUE_EBAD_CODE, SEL4C_QUEUE_EBAD_OFFSET, SEL4C_QUEUE_EBAD_LENGTH:
 * the request is taken and *req holds its copy, so that the server can answer its id with
 * SEL4C_BLK_RESP_ERR_INVALID_PARAM. A plugged queue still dequeues: check sel4c_blk_req_plugged.
 */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_dequeue_req(sel4c_blk_req_consumer_t *c, sel4c_blk_req_t *req);
/* Publish one response. Errors: SEL4C_QUEUE_EFULL, SEL4C_QUEUE_ECORRUPT_HEAD. */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_enqueue_resp(sel4c_blk_resp_producer_t *p,
                                                  sel4c_blk_resp_t resp);
/* Take the oldest response into *resp. Errors: SEL4C_QUEUE_EEMPTY, SEL4C_QUEUE_ECORRUPT_TAIL
 * (nothing taken); SEL4C_QUEUE_EBAD_CODE (taken, *resp holds its copy). */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_dequeue_resp(sel4c_blk_resp_consumer_t *c,
                                                  sel4c_blk_resp_t *resp);

/* Entries in a queue as each end sees it. Errors: SEL4C_QUEUE_ECORRUPT_HEAD (producers),
 * SEL4C_QUEUE_ECORRUPT_TAIL (consumers); *len untouched. */
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_req_producer_length(const sel4c_blk_req_producer_t *p,
                                                         uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_req_consumer_length(const sel4c_blk_req_consumer_t *c,
                                                         uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_resp_producer_length(const sel4c_blk_resp_producer_t *p,
                                                          uint32_t *len);
SEL4C_QUEUE_MUST_CHECK int sel4c_blk_resp_consumer_length(const sel4c_blk_resp_consumer_t *c,
                                                          uint32_t *len);
/* Full: nothing can be enqueued (or the peer's head is corrupt). Empty: tail equals head. */
bool sel4c_blk_req_full(const sel4c_blk_req_producer_t *p);
bool sel4c_blk_req_empty(const sel4c_blk_req_consumer_t *c);
bool sel4c_blk_resp_full(const sel4c_blk_resp_producer_t *p);
bool sel4c_blk_resp_empty(const sel4c_blk_resp_consumer_t *c);

/* The request producer plugs the queue (the server must not take requests) and unplugs it;
 * the server reads the byte once, any value but 0 meaning plugged. */
void sel4c_blk_req_plug(sel4c_blk_req_producer_t *p);
void sel4c_blk_req_unplug(sel4c_blk_req_producer_t *p);
bool sel4c_blk_req_plugged(const sel4c_blk_req_consumer_t *c);

#ifdef __cplusplus
}
#endif
