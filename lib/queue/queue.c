/*
 * The generic single-producer single-consumer ring (include/sel4c/queue.h). The index logic
 * is lib/queue/index.h; this file moves entries and orders the shared accesses.
 */
#include <sel4c/queue.h>
#include "atomic.h"
#include "copy.h"
#include "index.h"

/*@ predicate producer_ok(sel4c_queue_producer_t *p) =
        \valid(p) && \valid(p->hdr) && q_pow2(p->capacity) && 0 < p->capacity <= 2147483648 &&
        0 < p->elem_size &&
        (integer)p->capacity * p->elem_size <= SIZE_MAX &&
        \valid(p->entries + (0 .. (integer)p->capacity * p->elem_size - 1)) &&
        \separated(p, p->hdr, p->entries + (0 .. (integer)p->capacity * p->elem_size - 1)) &&
        \separated(p->hdr, p->entries + (0 .. (integer)p->capacity * p->elem_size - 1));
    predicate consumer_ok(sel4c_queue_consumer_t *c) =
        \valid(c) && \valid(c->hdr) && q_pow2(c->capacity) && 0 < c->capacity <= 2147483648 &&
        0 < c->elem_size &&
        (integer)c->capacity * c->elem_size <= SIZE_MAX &&
        \valid_read(c->entries + (0 .. (integer)c->capacity * c->elem_size - 1)) &&
        \separated(c, c->hdr, c->entries + (0 .. (integer)c->capacity * c->elem_size - 1)) &&
        \separated(c->hdr, c->entries + (0 .. (integer)c->capacity * c->elem_size - 1));
*/

size_t sel4c_queue_region_size(uint32_t elem_size, uint32_t capacity)
{
    if (elem_size == 0 || capacity == 0)
        return 0;
    if ((SIZE_MAX - SEL4C_QUEUE_HEADER_SIZE) / elem_size < capacity)
        return 0;
    return SEL4C_QUEUE_HEADER_SIZE + (size_t)elem_size * capacity;
}

static int check_region(const void *region, size_t region_size, uint32_t elem_size,
                        uint32_t capacity)
{
    if (region == NULL || ((uintptr_t)region & 7) != 0 || elem_size == 0 || !q_is_pow2(capacity))
        return SEL4C_QUEUE_EINVAL;
    size_t need = sel4c_queue_region_size(elem_size, capacity);
    if (need == 0 || region_size < need)
        return SEL4C_QUEUE_EINVAL;
    return SEL4C_QUEUE_OK;
}

int sel4c_queue_producer_init(sel4c_queue_producer_t *p, void *region, size_t region_size,
                              uint32_t elem_size, uint32_t capacity)
{
    int err = check_region(region, region_size, elem_size, capacity);
    if (err)
        return err;
    p->hdr = region;
    p->entries = (unsigned char *)region + SEL4C_QUEUE_HEADER_SIZE;
    p->capacity = capacity;
    p->elem_size = elem_size;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    p->tail = q_load_relaxed(&p->hdr->tail);
    return SEL4C_QUEUE_OK;
}

int sel4c_queue_consumer_init(sel4c_queue_consumer_t *c, void *region, size_t region_size,
                              uint32_t elem_size, uint32_t capacity)
{
    int err = check_region(region, region_size, elem_size, capacity);
    if (err)
        return err;
    c->hdr = region;
    c->entries = (const unsigned char *)region + SEL4C_QUEUE_HEADER_SIZE;
    c->capacity = capacity;
    c->elem_size = elem_size;
    /* Relaxed: our own index, which only we write; nothing is read through it yet. */
    c->head = q_load_relaxed(&c->hdr->head);
    return SEL4C_QUEUE_OK;
}

/*@ requires producer_ok(p);
    requires \valid(used) && \separated(used, p, p->hdr);
    assigns *used;
    behavior corrupt:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) > p->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_HEAD && *used == \old(*used);
    behavior ok:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) <= p->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *used == q_dist(p->hdr->head, p->tail, 4294967296);
    complete behaviors;
    disjoint behaviors;
*/
static int producer_used(const sel4c_queue_producer_t *p, uint32_t *used)
{
    /* Acquire: pairs with the consumer's release store of head, so that its reads of the
     * slots it freed happen before we overwrite them. */
    uint32_t head = q_load_acquire(&p->hdr->head);
    return q_used32(head, p->tail, p->capacity, used) ? SEL4C_QUEUE_ECORRUPT_HEAD : SEL4C_QUEUE_OK;
}

/*@ requires consumer_ok(c);
    requires \valid(avail) && \separated(avail, c, c->hdr);
    assigns *avail;
    behavior corrupt:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) > c->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_TAIL && *avail == \old(*avail);
    behavior ok:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) <= c->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *avail == q_dist(c->head, c->hdr->tail, 4294967296);
    complete behaviors;
    disjoint behaviors;
*/
static int consumer_avail(const sel4c_queue_consumer_t *c, uint32_t *avail)
{
    /* Acquire: pairs with the producer's release store of tail, so that the entries it
     * published are visible before we read them. */
    uint32_t tail = q_load_acquire(&c->hdr->tail);
    return q_used32(c->head, tail, c->capacity, avail) ? SEL4C_QUEUE_ECORRUPT_TAIL : SEL4C_QUEUE_OK;
}

/*@ // Room for up to n entries, from the consumer's head read once.
    requires producer_ok(p);
    requires \valid(count) && \separated(count, p, p->hdr);
    assigns *count;
    behavior corrupt:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) > p->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_HEAD && *count == 0;
    behavior ok:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) <= p->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *count == \min(n, p->capacity - q_dist(p->hdr->head, p->tail, 4294967296));
    complete behaviors;
    disjoint behaviors;
*/
static int producer_room(const sel4c_queue_producer_t *p, uint32_t n, uint32_t *count)
{
    /* Acquire: pairs with the consumer's release store of head, so that its reads of the
     * slots it freed happen before we overwrite them. */
    return q_room32(q_load_acquire(&p->hdr->head), p->tail, p->capacity, n, count)
               ? SEL4C_QUEUE_ECORRUPT_HEAD
               : SEL4C_QUEUE_OK;
}

/*@ // Publish `count` entries written after tail: the queue holds as many more.
    requires producer_ok(p);
    requires q_dist(p->hdr->head, p->tail, 4294967296) + count <= p->capacity;
    assigns p->tail, p->hdr->tail;
    ensures p->tail == (\old(p->tail) + count) % 4294967296 && p->hdr->tail == p->tail;
    ensures q_dist(p->hdr->head, p->tail, 4294967296) ==
            \old(q_dist(p->hdr->head, p->tail, 4294967296)) + count;
*/
static void producer_publish(sel4c_queue_producer_t *p, uint32_t count)
{
    p->tail = q_advance32(p->tail, count);
    /* Release: pairs with the consumer's acquire load of tail: the entries are written before
     * the index that publishes them. */
    q_store_release(&p->hdr->tail, p->tail);
}

/*@ // Up to n entries to take, from the producer's tail read once.
    requires consumer_ok(c);
    requires \valid(count) && \separated(count, c, c->hdr);
    assigns *count;
    behavior corrupt:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) > c->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_TAIL && *count == 0;
    behavior ok:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) <= c->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *count == \min(n, q_dist(c->head, c->hdr->tail, 4294967296));
    complete behaviors;
    disjoint behaviors;
*/
static int consumer_take(const sel4c_queue_consumer_t *c, uint32_t n, uint32_t *count)
{
    /* Acquire: pairs with the producer's release store of tail, so that the entries it
     * published are visible before we read them. */
    return q_take32(c->head, q_load_acquire(&c->hdr->tail), c->capacity, n, count)
               ? SEL4C_QUEUE_ECORRUPT_TAIL
               : SEL4C_QUEUE_OK;
}

/*@ // Hand back the slots of `count` entries read from head: the queue holds as many fewer.
    requires consumer_ok(c);
    requires count <= q_dist(c->head, c->hdr->tail, 4294967296) <= c->capacity;
    assigns c->head, c->hdr->head;
    ensures c->head == (\old(c->head) + count) % 4294967296 && c->hdr->head == c->head;
    ensures q_dist(c->head, c->hdr->tail, 4294967296) ==
            \old(q_dist(c->head, c->hdr->tail, 4294967296)) - count;
*/
static void consumer_release(sel4c_queue_consumer_t *c, uint32_t count)
{
    c->head = q_advance32(c->head, count);
    /* Release: pairs with the producer's acquire load of head: our copies are done before
     * the slots are handed back. */
    q_store_release(&c->hdr->head, c->head);
}

int sel4c_queue_enqueue(sel4c_queue_producer_t *p, const void *elem)
{
    uint32_t count = 0;
    if (producer_room(p, 1, &count))
        return SEL4C_QUEUE_ECORRUPT_HEAD;
    if (count == 0)
        return SEL4C_QUEUE_EFULL;
    q_copy(p->entries + (size_t)q_slot(p->tail, p->capacity) * p->elem_size, elem, p->elem_size);
    producer_publish(p, 1);
    return SEL4C_QUEUE_OK;
}

int sel4c_queue_dequeue(sel4c_queue_consumer_t *c, void *elem)
{
    uint32_t count = 0;
    if (consumer_take(c, 1, &count))
        return SEL4C_QUEUE_ECORRUPT_TAIL;
    if (count == 0)
        return SEL4C_QUEUE_EEMPTY;
    q_copy(elem, c->entries + (size_t)q_slot(c->head, c->capacity) * c->elem_size, c->elem_size);
    consumer_release(c, 1);
    return SEL4C_QUEUE_OK;
}

int sel4c_queue_enqueue_batch(sel4c_queue_producer_t *p, const void *elems, uint32_t n,
                              uint32_t *done)
{
    uint32_t count = 0, first, second;
    *done = 0;
    if (producer_room(p, n, &count))
        return SEL4C_QUEUE_ECORRUPT_HEAD;
    if (count == 0)
        return SEL4C_QUEUE_OK;
    q_runs(p->tail, p->capacity, count, &first, &second);
    const unsigned char *src = elems;
    size_t size = p->elem_size;
    q_copy(p->entries + q_slot(p->tail, p->capacity) * size, src, first * size);
    if (second)
        q_copy(p->entries, src + first * size, second * size);
    producer_publish(p, count);
    *done = count;
    return SEL4C_QUEUE_OK;
}

int sel4c_queue_dequeue_batch(sel4c_queue_consumer_t *c, void *elems, uint32_t max, uint32_t *done)
{
    uint32_t count = 0, first, second;
    *done = 0;
    if (consumer_take(c, max, &count))
        return SEL4C_QUEUE_ECORRUPT_TAIL;
    if (count == 0)
        return SEL4C_QUEUE_OK;
    q_runs(c->head, c->capacity, count, &first, &second);
    unsigned char *dst = elems;
    size_t size = c->elem_size;
    q_copy(dst, c->entries + q_slot(c->head, c->capacity) * size, first * size);
    if (second)
        q_copy(dst + first * size, c->entries, second * size);
    consumer_release(c, count);
    *done = count;
    return SEL4C_QUEUE_OK;
}

/*@ requires producer_ok((sel4c_queue_producer_t *)p);
    requires \valid(len) && \separated(len, p, p->hdr);
    assigns *len;
    behavior corrupt:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) > p->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_HEAD && *len == \old(*len);
    behavior ok:
        assumes q_dist(p->hdr->head, p->tail, 4294967296) <= p->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *len == q_dist(p->hdr->head, p->tail, 4294967296);
    complete behaviors;
    disjoint behaviors;
*/
int sel4c_queue_producer_length(const sel4c_queue_producer_t *p, uint32_t *len)
{
    return producer_used(p, len);
}

/*@ requires consumer_ok((sel4c_queue_consumer_t *)c);
    requires \valid(len) && \separated(len, c, c->hdr);
    assigns *len;
    behavior corrupt:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) > c->capacity;
        ensures \result == SEL4C_QUEUE_ECORRUPT_TAIL && *len == \old(*len);
    behavior ok:
        assumes q_dist(c->head, c->hdr->tail, 4294967296) <= c->capacity;
        ensures \result == SEL4C_QUEUE_OK;
        ensures *len == q_dist(c->head, c->hdr->tail, 4294967296);
    complete behaviors;
    disjoint behaviors;
*/
int sel4c_queue_consumer_length(const sel4c_queue_consumer_t *c, uint32_t *len)
{
    return consumer_avail(c, len);
}

/*@ requires producer_ok((sel4c_queue_producer_t *)p);
    assigns \nothing;
    ensures \result <==> q_dist(p->hdr->head, p->tail, 4294967296) >= p->capacity;
*/
bool sel4c_queue_full(const sel4c_queue_producer_t *p)
{
    /* Acquire: as in producer_used. */
    return q_full32(q_load_acquire(&p->hdr->head), p->tail, p->capacity);
}

/*@ requires consumer_ok((sel4c_queue_consumer_t *)c);
    assigns \nothing;
    ensures \result <==> c->hdr->tail == c->head;
    ensures \result <==> q_dist(c->head, c->hdr->tail, 4294967296) == 0;
*/
bool sel4c_queue_empty(const sel4c_queue_consumer_t *c)
{
    /* Acquire: as in consumer_avail. */
    return q_load_acquire(&c->hdr->tail) == c->head;
}

/*
 * The signalling protocol (docs/queues.md). Each side stores one word (an index, or the flag
 * asking for a notification) and then loads the other; a seq_cst fence on both sides between
 * the store and the load guarantees that at least one of them sees the other's store, so
 * either the producer sees the request and notifies, or the consumer's recheck sees the entry.
 */

bool sel4c_queue_producer_must_notify(sel4c_queue_producer_t *p)
{
    /* Fence: pairs with the consumer's fence in sel4c_queue_consumer_prepare_wait (our tail
     * store, then the flag load; its flag store, then the tail load). */
    q_fence_seq_cst();
    /* Relaxed: the fence above orders it after our index store. */
    if (q_load_relaxed(&p->hdr->consumer_signalled) != 0)
        return false;
    /* Clearing the request needs no order of its own: the notification that follows it is
     * what the consumer waits for. */
    q_store_relaxed(&p->hdr->consumer_signalled, 1);
    return true;
}

bool sel4c_queue_consumer_prepare_wait(sel4c_queue_consumer_t *c)
{
    /* Relaxed: the fence below orders this request before the recheck. */
    q_store_relaxed(&c->hdr->consumer_signalled, 0);
    /* Fence: pairs with the producer's fence in sel4c_queue_producer_must_notify. */
    q_fence_seq_cst();
    /* Nothing to take, or a tail no honest producer could have written: either way waiting
     * is right (a corrupt tail would otherwise look like work for ever and keep the consumer
     * from sleeping; every later dequeue still reports it). consumer_avail's acquire load of
     * tail pairs with the producer's release store of it. */
    uint32_t avail = 0;
    if (consumer_avail(c, &avail) != SEL4C_QUEUE_OK || avail == 0)
        return true;
    /* Relaxed: a cancelled request is always asked again before the next wait. */
    q_store_relaxed(&c->hdr->consumer_signalled, 1);
    return false;
}

bool sel4c_queue_consumer_must_notify(sel4c_queue_consumer_t *c)
{
    /* Fence: pairs with the producer's fence in sel4c_queue_producer_prepare_wait (our head
     * store, then the flag load; its flag store, then the head load). */
    q_fence_seq_cst();
    /* Relaxed: the fence above orders it after our index store. */
    if (q_load_relaxed(&c->hdr->producer_signalled) != 0)
        return false;
    /* Relaxed: the notification that follows is what the peer waits for. */
    q_store_relaxed(&c->hdr->producer_signalled, 1);
    return true;
}

bool sel4c_queue_producer_prepare_wait(sel4c_queue_producer_t *p)
{
    /* Relaxed: the fence below orders this request before the recheck. */
    q_store_relaxed(&p->hdr->producer_signalled, 0);
    /* Fence: pairs with the consumer's fence in sel4c_queue_consumer_must_notify. */
    q_fence_seq_cst();
    /* Acquire: pairs with the consumer's release store of head. */
    if (q_full32(q_load_acquire(&p->hdr->head), p->tail, p->capacity))
        return true;
    /* Relaxed: a cancelled request is always asked again before the next wait. */
    q_store_relaxed(&p->hdr->producer_signalled, 1);
    return false;
}
