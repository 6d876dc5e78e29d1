/* sDDF 0.7's block queues (include/sel4c/queue/blk.h), over the index logic of index.h. */
#include <stddef.h>
#include <sel4c/queue/blk.h>
#include "atomic.h"
#include "index.h"

_Static_assert(sizeof(sel4c_blk_req_t) == 32, "sDDF's blk_req_t is 32 bytes");
_Static_assert(sizeof(sel4c_blk_resp_t) == 12, "sDDF's blk_resp_t is 12 bytes");
_Static_assert(__builtin_offsetof(sel4c_blk_req_queue_t, buffers) == 16, "requests at 16");
_Static_assert(__builtin_offsetof(sel4c_blk_resp_queue_t, buffers) == 8, "responses at 8");

static int check_queue(const void *queue, uint32_t capacity)
{
    if (queue == NULL || ((uintptr_t)queue & 7) != 0 || !q_is_pow2(capacity))
        return SEL4C_QUEUE_EINVAL;
    return SEL4C_QUEUE_OK;
}

/* Entries in use, as the producer sees them. Acquire: pairs with the consumer's release store
 * of head (its copy of the entries it took is done before we reuse their slots). */
static int producer_used(const uint32_t *head, uint32_t tail, uint32_t capacity, uint32_t *used)
{
    return q_used32(q_load_acquire(head), tail, capacity, used) ? SEL4C_QUEUE_ECORRUPT_HEAD
                                                                : SEL4C_QUEUE_OK;
}

/* Entries to take, as the consumer sees them. Acquire: pairs with the producer's release store
 * of tail (the entries it published are visible before we read them). */
static int consumer_avail(const uint32_t *tail, uint32_t head, uint32_t capacity, uint32_t *avail)
{
    return q_used32(head, q_load_acquire(tail), capacity, avail) ? SEL4C_QUEUE_ECORRUPT_TAIL
                                                                 : SEL4C_QUEUE_OK;
}

int sel4c_blk_req_producer_init(sel4c_blk_req_producer_t *p, sel4c_blk_req_queue_t *queue,
                                uint32_t capacity)
{
    int err = check_queue(queue, capacity);
    if (err)
        return err;
    p->queue = queue;
    p->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    p->tail = q_load_relaxed(&queue->tail);
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_req_consumer_init(sel4c_blk_req_consumer_t *c, sel4c_blk_req_queue_t *queue,
                                uint32_t capacity, uint64_t region_base, uint64_t region_size)
{
    int err = check_queue(queue, capacity);
    if (err)
        return err;
    if (region_base + region_size < region_base)
        return SEL4C_QUEUE_EINVAL;
    c->queue = queue;
    c->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    c->head = q_load_relaxed(&queue->head);
    c->region_base = region_base;
    c->region_size = region_size;
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_resp_producer_init(sel4c_blk_resp_producer_t *p, sel4c_blk_resp_queue_t *queue,
                                 uint32_t capacity)
{
    int err = check_queue(queue, capacity);
    if (err)
        return err;
    p->queue = queue;
    p->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    p->tail = q_load_relaxed(&queue->tail);
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_resp_consumer_init(sel4c_blk_resp_consumer_t *c, sel4c_blk_resp_queue_t *queue,
                                 uint32_t capacity)
{
    int err = check_queue(queue, capacity);
    if (err)
        return err;
    c->queue = queue;
    c->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    c->head = q_load_relaxed(&queue->head);
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_enqueue_req(sel4c_blk_req_producer_t *p, sel4c_blk_req_t req)
{
    uint32_t used = 0;
    int err = producer_used(&p->queue->head, p->tail, p->capacity, &used);
    if (err)
        return err;
    if (used == p->capacity)
        return SEL4C_QUEUE_EFULL;
    p->queue->buffers[q_slot(p->tail, p->capacity)] = req;
    p->tail++;
    /* Release: pairs with the server's acquire load of tail. */
    q_store_release(&p->queue->tail, p->tail);
    return SEL4C_QUEUE_OK;
}

/* A request the server can carry out on the client's region? */
static int check_req(const sel4c_blk_req_consumer_t *c, const sel4c_blk_req_t *r)
{
    if (r->code > SEL4C_BLK_REQ_BARRIER)
        return SEL4C_QUEUE_EBAD_CODE;
    if (r->code == SEL4C_BLK_REQ_FLUSH || r->code == SEL4C_BLK_REQ_BARRIER)
        return SEL4C_QUEUE_OK;
    if (r->io_or_offset < c->region_base || r->io_or_offset - c->region_base >= c->region_size)
        return SEL4C_QUEUE_EBAD_OFFSET;
    uint64_t off = r->io_or_offset - c->region_base;
    if ((uint64_t)r->count * SEL4C_BLK_TRANSFER_SIZE > c->region_size - off)
        return SEL4C_QUEUE_EBAD_LENGTH;
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_dequeue_req(sel4c_blk_req_consumer_t *c, sel4c_blk_req_t *req)
{
    uint32_t avail = 0;
    int err = consumer_avail(&c->queue->tail, c->head, c->capacity, &avail);
    if (err)
        return err;
    if (avail == 0)
        return SEL4C_QUEUE_EEMPTY;
    const sel4c_blk_req_t *slot = &c->queue->buffers[q_slot(c->head, c->capacity)];
    /* One read of each field: the checks and the caller see the same values. */
    sel4c_blk_req_t r = {
        .code = q_load_relaxed(&slot->code),
        .io_or_offset = q_load_relaxed(&slot->io_or_offset),
        .block_number = q_load_relaxed(&slot->block_number),
        .count = q_load_relaxed(&slot->count),
        .id = q_load_relaxed(&slot->id),
    };
    c->head++;
    /* Release: pairs with the client's acquire load of head: our reads of the slot are done
     * before it is handed back. */
    q_store_release(&c->queue->head, c->head);
    *req = r;
    return check_req(c, &r);
}

int sel4c_blk_enqueue_resp(sel4c_blk_resp_producer_t *p, sel4c_blk_resp_t resp)
{
    uint32_t used = 0;
    int err = producer_used(&p->queue->head, p->tail, p->capacity, &used);
    if (err)
        return err;
    if (used == p->capacity)
        return SEL4C_QUEUE_EFULL;
    p->queue->buffers[q_slot(p->tail, p->capacity)] = resp;
    p->tail++;
    /* Release: pairs with the client's acquire load of tail. */
    q_store_release(&p->queue->tail, p->tail);
    return SEL4C_QUEUE_OK;
}

int sel4c_blk_dequeue_resp(sel4c_blk_resp_consumer_t *c, sel4c_blk_resp_t *resp)
{
    uint32_t avail = 0;
    int err = consumer_avail(&c->queue->tail, c->head, c->capacity, &avail);
    if (err)
        return err;
    if (avail == 0)
        return SEL4C_QUEUE_EEMPTY;
    const sel4c_blk_resp_t *slot = &c->queue->buffers[q_slot(c->head, c->capacity)];
    sel4c_blk_resp_t r = {
        .status = q_load_relaxed(&slot->status),
        .success_count = q_load_relaxed(&slot->success_count),
        .id = q_load_relaxed(&slot->id),
    };
    c->head++;
    /* Release: pairs with the server's acquire load of head. */
    q_store_release(&c->queue->head, c->head);
    *resp = r;
    return r.status > SEL4C_BLK_RESP_ERR_NO_DEVICE ? SEL4C_QUEUE_EBAD_CODE : SEL4C_QUEUE_OK;
}

int sel4c_blk_req_producer_length(const sel4c_blk_req_producer_t *p, uint32_t *len)
{
    return producer_used(&p->queue->head, p->tail, p->capacity, len);
}

int sel4c_blk_req_consumer_length(const sel4c_blk_req_consumer_t *c, uint32_t *len)
{
    return consumer_avail(&c->queue->tail, c->head, c->capacity, len);
}

int sel4c_blk_resp_producer_length(const sel4c_blk_resp_producer_t *p, uint32_t *len)
{
    return producer_used(&p->queue->head, p->tail, p->capacity, len);
}

int sel4c_blk_resp_consumer_length(const sel4c_blk_resp_consumer_t *c, uint32_t *len)
{
    return consumer_avail(&c->queue->tail, c->head, c->capacity, len);
}

/* Acquire in the four below: as in producer_used and consumer_avail. */
bool sel4c_blk_req_full(const sel4c_blk_req_producer_t *p)
{
    return q_full32(q_load_acquire(&p->queue->head), p->tail, p->capacity);
}

bool sel4c_blk_req_empty(const sel4c_blk_req_consumer_t *c)
{
    return q_load_acquire(&c->queue->tail) == c->head;
}

bool sel4c_blk_resp_full(const sel4c_blk_resp_producer_t *p)
{
    return q_full32(q_load_acquire(&p->queue->head), p->tail, p->capacity);
}

bool sel4c_blk_resp_empty(const sel4c_blk_resp_consumer_t *c)
{
    return q_load_acquire(&c->queue->tail) == c->head;
}

/* The plug is a byte: reading a peer's bool that is neither 0 nor 1 would be undefined. */
void sel4c_blk_req_plug(sel4c_blk_req_producer_t *p)
{
    /* Release: requests published before the plug are visible to a server that sees it. */
    q_store_release((uint8_t *)&p->queue->plugged, 1);
}

void sel4c_blk_req_unplug(sel4c_blk_req_producer_t *p)
{
    /* Release: pairs with the server's acquire load in sel4c_blk_req_plugged. */
    q_store_release((uint8_t *)&p->queue->plugged, 0);
}

bool sel4c_blk_req_plugged(const sel4c_blk_req_consumer_t *c)
{
    /* Acquire: pairs with the client's release store in plug and unplug. */
    return q_load_acquire((const uint8_t *)&c->queue->plugged) != 0;
}
