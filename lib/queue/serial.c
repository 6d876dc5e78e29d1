/* sDDF 0.7's serial queue (include/sel4c/queue/serial.h), over the index logic of index.h. */
#include <stddef.h>
#include <string.h>
#include <sel4c/queue/serial.h>
#include "atomic.h"
#include "index.h"

_Static_assert(sizeof(sel4c_serial_queue_t) == 12, "sDDF's serial_queue_t is 12 bytes");

static int check_queue(const sel4c_serial_queue_t *queue, const char *data, uint32_t capacity)
{
    if (queue == NULL || ((uintptr_t)queue & 3) != 0 || data == NULL || !q_is_pow2(capacity))
        return SEL4C_QUEUE_EINVAL;
    return SEL4C_QUEUE_OK;
}

int sel4c_serial_producer_init(sel4c_serial_producer_t *p, sel4c_serial_queue_t *queue, char *data,
                               uint32_t capacity)
{
    int err = check_queue(queue, data, capacity);
    if (err)
        return err;
    p->queue = queue;
    p->data = data;
    p->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    p->tail = q_load_relaxed(&queue->tail);
    return SEL4C_QUEUE_OK;
}

int sel4c_serial_consumer_init(sel4c_serial_consumer_t *c, sel4c_serial_queue_t *queue,
                               const char *data, uint32_t capacity)
{
    int err = check_queue(queue, data, capacity);
    if (err)
        return err;
    c->queue = queue;
    c->data = data;
    c->capacity = capacity;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    c->head = q_load_relaxed(&queue->head);
    return SEL4C_QUEUE_OK;
}

static int producer_used(const sel4c_serial_producer_t *p, uint32_t *used)
{
    /* Acquire: pairs with the consumer's release store of head (its reads of the characters
     * it took are done before we overwrite them). */
    return q_used32(q_load_acquire(&p->queue->head), p->tail, p->capacity, used)
               ? SEL4C_QUEUE_ECORRUPT_HEAD
               : SEL4C_QUEUE_OK;
}

static int consumer_avail(const sel4c_serial_consumer_t *c, uint32_t *avail)
{
    /* Acquire: pairs with the producer's release store of tail (the characters it published
     * are visible before we read them). */
    return q_used32(c->head, q_load_acquire(&c->queue->tail), c->capacity, avail)
               ? SEL4C_QUEUE_ECORRUPT_TAIL
               : SEL4C_QUEUE_OK;
}

int sel4c_serial_enqueue(sel4c_serial_producer_t *p, char ch)
{
    uint32_t done = 0;
    int err = sel4c_serial_enqueue_batch(p, &ch, 1, &done);
    if (err)
        return err;
    return done == 1 ? SEL4C_QUEUE_OK : SEL4C_QUEUE_EFULL;
}

int sel4c_serial_enqueue_batch(sel4c_serial_producer_t *p, const char *src, uint32_t n,
                               uint32_t *done)
{
    uint32_t used = 0;
    *done = 0;
    int err = producer_used(p, &used);
    if (err)
        return err;
    uint32_t count = q_min(n, p->capacity - used);
    if (count == 0)
        return SEL4C_QUEUE_OK;
    uint32_t slot = q_slot(p->tail, p->capacity);
    uint32_t first = q_min(count, p->capacity - slot);
    memcpy(p->data + slot, src, first);
    if (count > first)
        memcpy(p->data, src + first, count - first);
    p->tail += count;
    /* Release: pairs with the consumer's acquire load of tail. */
    q_store_release(&p->queue->tail, p->tail);
    *done = count;
    return SEL4C_QUEUE_OK;
}

int sel4c_serial_dequeue(sel4c_serial_consumer_t *c, char *ch)
{
    uint32_t done = 0;
    int err = sel4c_serial_dequeue_batch(c, ch, 1, &done);
    if (err)
        return err;
    return done == 1 ? SEL4C_QUEUE_OK : SEL4C_QUEUE_EEMPTY;
}

/* Copies up to max published characters into dst without taking them: *n says how many. */
static int peek(const sel4c_serial_consumer_t *c, char *dst, uint32_t max, uint32_t *n)
{
    uint32_t avail = 0;
    *n = 0;
    int err = consumer_avail(c, &avail);
    if (err)
        return err;
    uint32_t count = q_min(max, avail);
    uint32_t slot = q_slot(c->head, c->capacity);
    uint32_t first = q_min(count, c->capacity - slot);
    memcpy(dst, c->data + slot, first);
    if (count > first)
        memcpy(dst + first, c->data, count - first);
    *n = count;
    return SEL4C_QUEUE_OK;
}

/* Hands the first n peeked characters' slots back to the producer. */
static void take(sel4c_serial_consumer_t *c, uint32_t n)
{
    c->head += n;
    /* Release: pairs with the producer's acquire load of head: our reads are done before the
     * room is handed back. */
    q_store_release(&c->queue->head, c->head);
}

int sel4c_serial_dequeue_batch(sel4c_serial_consumer_t *c, char *dst, uint32_t max, uint32_t *done)
{
    int err = peek(c, dst, max, done);
    if (!err && *done)
        take(c, *done);
    return err;
}

int sel4c_serial_dequeue_line(sel4c_serial_consumer_t *c, char *dst, uint32_t max, uint32_t *done)
{
    /* The newline is looked for in our copy: what is taken is exactly what was read, however
     * the producer changes the shared bytes meanwhile. */
    int err = peek(c, dst, max, done);
    if (err || *done == 0)
        return err;
    const char *nl = memchr(dst, '\n', *done);
    if (nl)
        *done = (uint32_t)(nl - dst) + 1;
    take(c, *done);
    return SEL4C_QUEUE_OK;
}

int sel4c_serial_producer_length(const sel4c_serial_producer_t *p, uint32_t *len)
{
    return producer_used(p, len);
}

int sel4c_serial_consumer_length(const sel4c_serial_consumer_t *c, uint32_t *len)
{
    return consumer_avail(c, len);
}

bool sel4c_serial_full(const sel4c_serial_producer_t *p)
{
    /* Acquire: as in producer_used. */
    return q_full32(q_load_acquire(&p->queue->head), p->tail, p->capacity);
}

bool sel4c_serial_empty(const sel4c_serial_consumer_t *c)
{
    /* Acquire: as in consumer_avail. */
    return q_load_acquire(&c->queue->tail) == c->head;
}

bool sel4c_serial_producer_prepare_wait(sel4c_serial_producer_t *p)
{
    /* Relaxed: the fence below orders this request before the recheck. */
    q_store_relaxed(&p->queue->producer_signalled, 0);
    /* Fence: pairs with the consumer's fence in sel4c_serial_consumer_must_notify (our flag
     * store, then the head load; its head store, then the flag load). */
    q_fence_seq_cst();
    /* Acquire: pairs with the consumer's release store of head. */
    if (q_full32(q_load_acquire(&p->queue->head), p->tail, p->capacity))
        return true;
    /* Relaxed: a cancelled request is always asked again before the next wait. */
    q_store_relaxed(&p->queue->producer_signalled, 1);
    return false;
}

bool sel4c_serial_consumer_must_notify(sel4c_serial_consumer_t *c)
{
    /* Fence: pairs with the producer's fence in sel4c_serial_producer_prepare_wait. */
    q_fence_seq_cst();
    /* Relaxed: the fence above orders it after our index store. */
    if (q_load_relaxed(&c->queue->producer_signalled) != 0)
        return false;
    /* Relaxed: the notification that follows is what the peer waits for. */
    q_store_relaxed(&c->queue->producer_signalled, 1);
    return true;
}
