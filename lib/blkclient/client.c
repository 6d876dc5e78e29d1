/*
 * The client side of sDDF's block queues: requests in flight in a private table, responses
 * checked against it in the handler of the driver's channel (include/sel4c/blk_client.h).
 */
#include <string.h>

#include "internal.h"

/* Ids carry the slot index in their low byte and a generation above it, so a stale or
 * repeated answer for a reused slot is told apart from the answer to its current request. */
#define ID_INDEX(id) ((id)&0xffu)
#define ID_GEN(id)   ((id) >> 8)

static void bad(sel4c_blk_client_t *c, const char *reason, uint32_t id, uint32_t status,
                uint32_t count)
{
    c->error =
        (sel4c_blk_client_error_t){.reason = reason, .id = id, .status = status, .count = count};
    c->stats.bad_responses++;
}

static void complete(sel4c_blk_client_t *c, sel4c_blk_inflight_t *s, uint32_t status,
                     uint16_t blocks)
{
    sel4c_blk_done_fn fn = s->fn;
    void *arg = s->arg;
    s->used = false;
    c->in_flight--;
    fn(arg, status, blocks);
}

/* A corrupt queue index: nothing the driver says can be matched any more. */
static void break_client(sel4c_blk_client_t *c, const char *reason)
{
    bad(c, reason, 0, 0, 0);
    c->broken = true;
    for (uint32_t i = 0; i < c->n_slots; i++)
        if (c->slot[i].used)
            complete(c, &c->slot[i], SEL4C_BLK_CLIENT_BAD_RESPONSE, 0);
}

/* Checks one response against the request it names and completes that request. */
static void take_response(sel4c_blk_client_t *c, const sel4c_blk_resp_t *r, bool bad_status)
{
    uint32_t i = ID_INDEX(r->id);
    sel4c_blk_inflight_t *s = i < c->n_slots ? &c->slot[i] : NULL;
    if (!s || !s->used || s->id != r->id)
        return bad(c, "a response for an id not in flight", r->id, r->status, r->success_count);
    if (bad_status) {
        bad(c, "a response status sDDF does not define", r->id, r->status, r->success_count);
        return complete(c, s, SEL4C_BLK_CLIENT_BAD_RESPONSE, 0);
    }
    bool moves = s->code == SEL4C_BLK_REQ_READ || s->code == SEL4C_BLK_REQ_WRITE;
    uint16_t want = moves ? s->count : 0;
    if (r->status == SEL4C_BLK_RESP_OK ? r->success_count != want : r->success_count > want) {
        bad(c, "a response's block count does not match its request", r->id, r->status,
            r->success_count);
        return complete(c, s, SEL4C_BLK_CLIENT_BAD_RESPONSE, 0);
    }
    complete(c, s, r->status, r->success_count);
}

/* The handler of the driver's channel: every response there is, then wake the waiters. */
static void on_driver(unsigned ch, void *arg)
{
    (void)ch;
    sel4c_blk_client_t *c = arg;
    /* a response queue holds at most its capacity: more dequeues mean a driver that keeps
     * producing while we consume; the rest waits for the next notification */
    for (uint32_t n = 0; !c->broken && n < c->resp.capacity; n++) {
        sel4c_blk_resp_t r;
        int e = sel4c_blk_dequeue_resp(&c->resp, &r);
        if (e == SEL4C_QUEUE_EEMPTY)
            break;
        if (e == SEL4C_QUEUE_ECORRUPT_TAIL)
            break_client(c, "the response queue's tail is corrupt");
        else
            take_response(c, &r, e == SEL4C_QUEUE_EBAD_CODE);
    }
    sel4c_cond_broadcast(&c->changed);
}

sel4c_err_t sel4c_blk_client_init(sel4c_blk_client_t *c, const sel4c_blk_client_config_t *cfg)
{
    memset(c, 0, sizeof *c);
    if (!cfg->storage_info || !cfg->req_queue || !cfg->resp_queue || !cfg->data || !cfg->lines ||
        !cfg->n_lines)
        return SEL4C_INVALID_ARGUMENT;
    if (cfg->ch >= SEL4C_EVENT_CHANNELS)
        return SEL4C_RANGE_ERROR;
    uint32_t cap = sel4c_blk_queue_capacity(cfg->req_queue_size, cfg->resp_queue_size);
    if (cap == 0)
        return SEL4C_RANGE_ERROR;
    if (sel4c_blk_req_producer_init(&c->req, cfg->req_queue, cap) != SEL4C_QUEUE_OK ||
        sel4c_blk_resp_consumer_init(&c->resp, cfg->resp_queue, cap) != SEL4C_QUEUE_OK)
        return SEL4C_INVALID_ARGUMENT;
    c->n_slots = cap < SEL4C_BLK_CLIENT_MAX_INFLIGHT ? cap : SEL4C_BLK_CLIENT_MAX_INFLIGHT;
    c->info = cfg->storage_info;
    c->ch = cfg->ch;
    size_t nbufs = cfg->data_size / SEL4C_BLK_TRANSFER_SIZE;
    if (nbufs > SEL4C_BLK_CLIENT_MAX_BUFS)
        nbufs = SEL4C_BLK_CLIENT_MAX_BUFS;
    if (nbufs < cfg->n_lines)
        return SEL4C_NOT_ENOUGH_MEMORY;
    sel4c_err_t err = sel4c_shmem_init(&c->data, cfg->data, cfg->data_size);
    if (!err)
        err = sel4c_dma_slots_init(&c->bufs, &c->data, 0, SEL4C_BLK_TRANSFER_SIZE, nbufs,
                                   c->buf_bitmap, sizeof c->buf_bitmap / sizeof c->buf_bitmap[0]);
    if (err)
        return err;
    c->lines = cfg->lines;
    c->n_lines = cfg->n_lines;
    c->readahead = cfg->readahead < cfg->n_lines / 4 ? cfg->readahead : cfg->n_lines / 4;
    for (uint32_t i = 0; i < c->n_lines; i++) {
        sel4c_dma_buf_t b;
        err = sel4c_dma_slot_alloc(&c->bufs, &b);
        if (err)
            return err;
        c->lines[i] = (sel4c_blk_cache_line_t){.offset = b.offset};
    }
    blk_cache_dev_init(c);
    return sel4c_event_on_notify(&c->handler, c->ch, on_driver, c);
}

sel4c_err_t sel4c_blk_client_wait_ready(sel4c_blk_client_t *c)
{
    bool waited = false;
    while (!__atomic_load_n(&c->info->ready, __ATOMIC_ACQUIRE)) {
        if (waited)
            return SEL4C_FAILED_LOOKUP;
        sel4c_task_wait(&c->changed);
        waited = true;
    }
    c->capacity = c->info->capacity;
    /* the device's sector count is the blocking device's; capacities beyond what 64-bit
     * sector numbers hold would be a lie of the driver */
    if (c->capacity > UINT64_MAX / (SEL4C_BLK_TRANSFER_SIZE / SEL4C_BLK_CLIENT_SECTOR))
        return SEL4C_RANGE_ERROR;
    c->dev.sector_count = c->capacity * (SEL4C_BLK_TRANSFER_SIZE / SEL4C_BLK_CLIENT_SECTOR);
    c->ready = true;
    return SEL4C_NO_ERROR;
}

sel4c_err_t sel4c_blk_client_submit(sel4c_blk_client_t *c, uint32_t code, uint64_t block,
                                    uint16_t count, size_t offset, sel4c_blk_done_fn fn, void *arg)
{
    if (c->broken || !c->ready)
        return SEL4C_ILLEGAL_OPERATION;
    if (code > SEL4C_BLK_REQ_BARRIER || !fn)
        return SEL4C_INVALID_ARGUMENT;
    bool moves = code == SEL4C_BLK_REQ_READ || code == SEL4C_BLK_REQ_WRITE;
    if (moves) {
        if (!count)
            return SEL4C_INVALID_ARGUMENT;
        if (block >= c->capacity || count > c->capacity - block)
            return SEL4C_RANGE_ERROR;
        if (offset % SEL4C_BLK_TRANSFER_SIZE)
            return SEL4C_ALIGNMENT_ERROR;
        if (sel4c_shmem_check(&c->data, offset, (size_t)count * SEL4C_BLK_TRANSFER_SIZE))
            return SEL4C_RANGE_ERROR;
    } else {
        count = 0;
        offset = 0;
        block = 0;
    }
    if (c->in_flight == c->n_slots || sel4c_blk_req_full(&c->req))
        return SEL4C_NOT_ENOUGH_MEMORY;
    uint32_t i = 0;
    while (c->slot[i].used)
        i++;
    uint32_t id = ++c->generation << 8 | i;
    sel4c_blk_req_t r = {
        .code = code, .io_or_offset = offset, .block_number = block, .count = count, .id = id};
    if (sel4c_blk_enqueue_req(&c->req, r) != SEL4C_QUEUE_OK) {
        /* the driver's head is corrupt */
        break_client(c, "the request queue's head is corrupt");
        return SEL4C_ILLEGAL_OPERATION;
    }
    c->slot[i] = (sel4c_blk_inflight_t){
        .fn = fn, .arg = arg, .id = id, .code = code, .count = count, .used = true};
    c->in_flight++;
    sel4c_blk_client_notify_driver(c->ch);
    return SEL4C_NO_ERROR;
}

void blk_wait_done(void *arg, uint32_t status, uint16_t blocks)
{
    blk_wait_t *w = arg;
    *w = (blk_wait_t){.done = true, .status = status, .blocks = blocks};
}

sel4c_err_t blk_submit_waiting(sel4c_blk_client_t *c, uint32_t code, uint64_t block, uint16_t count,
                               size_t offset, blk_wait_t *w)
{
    sel4c_err_t err;
    *w = (blk_wait_t){0};
    while ((err = sel4c_blk_client_submit(c, code, block, count, offset, blk_wait_done, w)) ==
           SEL4C_NOT_ENOUGH_MEMORY)
        sel4c_task_wait(&c->changed);
    return err;
}

sel4c_err_t blk_wait(sel4c_blk_client_t *c, blk_wait_t *w)
{
    while (!w->done)
        sel4c_task_wait(&c->changed);
    return w->status == SEL4C_BLK_RESP_OK ? SEL4C_NO_ERROR : SEL4C_FAILED_LOOKUP;
}

sel4c_err_t sel4c_blk_client_io(sel4c_blk_client_t *c, uint32_t code, uint64_t block,
                                uint16_t count, size_t offset)
{
    blk_wait_t w;
    sel4c_err_t err = blk_submit_waiting(c, code, block, count, offset, &w);
    return err ? err : blk_wait(c, &w);
}
