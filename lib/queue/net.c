/* sDDF 0.7's network queue (include/sel4c/queue/net.h), over the index logic of index.h. */
#include <stddef.h>
#include <sel4c/queue/net.h>
#include "atomic.h"
#include "index.h"

_Static_assert(sizeof(sel4c_net_buff_desc_t) == 16, "sDDF's net_buff_desc_t is 16 bytes");
_Static_assert(__builtin_offsetof(sel4c_net_queue_t, buffers) == 8, "descriptors at offset 8");

static int check_queue(const sel4c_net_queue_t *queue, uint32_t capacity)
{
    if (queue == NULL || ((uintptr_t)queue & 7) != 0 || !q_is_pow2(capacity) ||
        capacity > SEL4C_NET_MAX_CAPACITY)
        return SEL4C_QUEUE_EINVAL;
    return SEL4C_QUEUE_OK;
}

int sel4c_net_producer_init(sel4c_net_producer_t *p, sel4c_net_queue_t *queue, uint32_t capacity)
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

int sel4c_net_consumer_init(sel4c_net_consumer_t *c, sel4c_net_queue_t *queue, uint32_t capacity,
                            uint64_t region_base, uint64_t region_size, uint32_t buf_size)
{
    int err = check_queue(queue, capacity);
    if (err)
        return err;
    if (buf_size == 0 || region_size < buf_size || region_base + region_size < region_base)
        return SEL4C_QUEUE_EINVAL;
    c->queue = queue;
    c->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    c->head = q_load_relaxed(&queue->head);
    c->region_base = region_base;
    c->region_size = region_size;
    c->buf_size = buf_size;
    return SEL4C_QUEUE_OK;
}

static int producer_used(const sel4c_net_producer_t *p, uint32_t *used)
{
    /* Acquire: pairs with the consumer's release store of head (its copy of the descriptors
     * it took is done before we reuse their slots). */
    uint16_t head = q_load_acquire(&p->queue->head);
    return q_used16(head, p->tail, p->capacity, used) ? SEL4C_QUEUE_ECORRUPT_HEAD : SEL4C_QUEUE_OK;
}

static int consumer_avail(const sel4c_net_consumer_t *c, uint32_t *avail)
{
    /* Acquire: pairs with the producer's release store of tail (the descriptors it published
     * are visible before we read them). */
    uint16_t tail = q_load_acquire(&c->queue->tail);
    return q_used16(c->head, tail, c->capacity, avail) ? SEL4C_QUEUE_ECORRUPT_TAIL : SEL4C_QUEUE_OK;
}

int sel4c_net_enqueue(sel4c_net_producer_t *p, sel4c_net_buff_desc_t desc)
{
    uint32_t used = 0;
    int err = producer_used(p, &used);
    if (err)
        return err;
    if (used == p->capacity)
        return SEL4C_QUEUE_EFULL;
    p->queue->buffers[q_slot(p->tail, p->capacity)] = desc;
    p->tail++;
    /* Release: pairs with the consumer's acquire load of tail. */
    q_store_release(&p->queue->tail, p->tail);
    return SEL4C_QUEUE_OK;
}

/* Is `d` a buffer the consumer owns, with a length that fits it? */
static int check_desc(const sel4c_net_consumer_t *c, const sel4c_net_buff_desc_t *d)
{
    if (d->io_or_offset < c->region_base || d->io_or_offset - c->region_base >= c->region_size)
        return SEL4C_QUEUE_EBAD_OFFSET;
    uint64_t off = d->io_or_offset - c->region_base;
    if (off % c->buf_size != 0 || c->region_size - off < c->buf_size)
        return SEL4C_QUEUE_EBAD_BUFFER;
    if (d->len > c->buf_size)
        return SEL4C_QUEUE_EBAD_LENGTH;
    return SEL4C_QUEUE_OK;
}

int sel4c_net_dequeue(sel4c_net_consumer_t *c, sel4c_net_buff_desc_t *desc)
{
    uint32_t avail = 0;
    int err = consumer_avail(c, &avail);
    if (err)
        return err;
    if (avail == 0)
        return SEL4C_QUEUE_EEMPTY;
    const sel4c_net_buff_desc_t *slot = &c->queue->buffers[q_slot(c->head, c->capacity)];
    /* One read of each field: the checks and the caller see the same values, whatever the
     * producer writes to the slot meanwhile. */
    sel4c_net_buff_desc_t d = {
        .io_or_offset = q_load_relaxed(&slot->io_or_offset),
        .len = q_load_relaxed(&slot->len),
        .oid = slot->oid,
    };
    c->head++;
    /* Release: pairs with the producer's acquire load of head: our reads of the slot are done
     * before it is handed back. */
    q_store_release(&c->queue->head, c->head);
    err = check_desc(c, &d);
    if (err)
        return err;
    *desc = d;
    return SEL4C_QUEUE_OK;
}

int sel4c_net_producer_length(const sel4c_net_producer_t *p, uint32_t *len)
{
    return producer_used(p, len);
}

int sel4c_net_consumer_length(const sel4c_net_consumer_t *c, uint32_t *len)
{
    return consumer_avail(c, len);
}

bool sel4c_net_full(const sel4c_net_producer_t *p)
{
    /* Acquire: as in producer_used. */
    return q_full16(q_load_acquire(&p->queue->head), p->tail, p->capacity);
}

bool sel4c_net_empty(const sel4c_net_consumer_t *c)
{
    /* Acquire: as in consumer_avail. */
    return q_load_acquire(&c->queue->tail) == c->head;
}

bool sel4c_net_producer_must_notify(sel4c_net_producer_t *p)
{
    /* Fence: pairs with the consumer's fence in sel4c_net_consumer_prepare_wait (our tail
     * store, then the flag load; its flag store, then the tail load). */
    q_fence_seq_cst();
    /* Relaxed: the fence above orders it after our index store. */
    if (q_load_relaxed(&p->queue->consumer_signalled) != 0)
        return false;
    /* Relaxed: the notification that follows is what the peer waits for. */
    q_store_relaxed(&p->queue->consumer_signalled, 1);
    return true;
}

bool sel4c_net_consumer_prepare_wait(sel4c_net_consumer_t *c)
{
    /* Relaxed: the fence below orders this request before the recheck. */
    q_store_relaxed(&c->queue->consumer_signalled, 0);
    /* Fence: pairs with the producer's fence in sel4c_net_producer_must_notify. */
    q_fence_seq_cst();
    /* Nothing to take, or a tail no honest producer could have written: either way waiting
     * is right (a corrupt tail would otherwise look like work for ever and keep the consumer
     * from sleeping; every later dequeue still reports it). consumer_avail's acquire load of
     * tail pairs with the producer's release store of it. */
    uint32_t avail = 0;
    if (consumer_avail(c, &avail) != SEL4C_QUEUE_OK || avail == 0)
        return true;
    /* Relaxed: a cancelled request is always asked again before the next wait. */
    q_store_relaxed(&c->queue->consumer_signalled, 1);
    return false;
}
