/*
 * The block client's write-back cache of 4 KiB lines, and the blocking device over it
 * (include/sel4c/blk_client.h). Every wait is followed by a fresh lookup, since other tasks
 * may have used the cache meanwhile; a line with I/O in flight is never handed out.
 */
#include <string.h>

#include "internal.h"

enum { LINE_FREE, LINE_VALID, LINE_BUSY };

#define BLOCK SEL4C_BLK_TRANSFER_SIZE

static uint8_t *line_data(sel4c_blk_client_t *c, const sel4c_blk_cache_line_t *l)
{
    return (uint8_t *)c->data.base + l->offset;
}

/* Stamps order uses; when they wrap, every line is made older than the next use. */
static uint32_t next_stamp(sel4c_blk_client_t *c)
{
    if (++c->stamp == 0) {
        for (uint32_t i = 0; i < c->n_lines; i++)
            c->lines[i].stamp = 0;
        c->stamp = 1;
    }
    return c->stamp;
}

/* A line a task kept busy is usable again: tasks that found it busy may be waiting, woken by
 * the same notification as this task but run before it. */
static void release(sel4c_blk_client_t *c, sel4c_blk_cache_line_t *l, uint8_t state)
{
    l->state = state;
    sel4c_cond_broadcast(&c->changed);
}

/* Reads or writes one line, waiting in the task; the line is busy meanwhile. */
static sel4c_err_t line_io(sel4c_blk_client_t *c, sel4c_blk_cache_line_t *l, uint32_t code)
{
    l->state = LINE_BUSY;
    sel4c_err_t err = sel4c_blk_client_io(c, code, l->block, 1, l->offset);
    release(c, l, LINE_VALID);
    return err;
}

static sel4c_err_t write_back(sel4c_blk_client_t *c, sel4c_blk_cache_line_t *l)
{
    c->stats.writes++;
    sel4c_err_t err = line_io(c, l, SEL4C_BLK_REQ_WRITE);
    if (!err)
        l->dirty = false;
    return err;
}

static bool cached(const sel4c_blk_client_t *c, uint64_t block)
{
    for (uint32_t i = 0; i < c->n_lines; i++)
        if (c->lines[i].state != LINE_FREE && c->lines[i].block == block)
            return true;
    return false;
}

/* The completion of a read ahead: nobody waits for it, a failure just frees the line. */
static void read_ahead_done(void *arg, uint32_t status, uint16_t blocks)
{
    (void)blocks;
    sel4c_blk_cache_line_t *l = arg;
    l->state = status == SEL4C_BLK_RESP_OK ? LINE_VALID : LINE_FREE;
}

/*
 * Reads blocks [from, from + n) that are not cached into clean lines, least recently used
 * first, without waiting; stops at the first block no clean line or queue slot is free for.
 * Never evicts a dirty line (read-ahead must not cost a write) nor one read ahead and not yet
 * used (the window would eat itself), nor the line just handed to the reader (last_line).
 */
static void read_ahead(sel4c_blk_client_t *c, uint64_t from, uint32_t n)
{
    for (uint64_t b = from; b < from + n && b < c->capacity; b++) {
        if (cached(c, b))
            continue;
        sel4c_blk_cache_line_t *victim = NULL;
        for (uint32_t i = 0; i < c->n_lines; i++) {
            sel4c_blk_cache_line_t *l = &c->lines[i];
            if (l->state != LINE_BUSY && !l->dirty && !l->ahead && i != c->last_line &&
                (!victim || (victim->state != LINE_FREE &&
                             (l->state == LINE_FREE || l->stamp < victim->stamp))))
                victim = l;
        }
        if (!victim || sel4c_blk_client_submit(c, SEL4C_BLK_REQ_READ, b, 1, victim->offset,
                                               read_ahead_done, victim))
            break;
        c->stats.readahead++;
        victim->block = b;
        victim->state = LINE_BUSY;
        victim->ahead = true;
        victim->stamp = next_stamp(c);
    }
    c->ra_end = from + n;
}

/* A use of `block` by the reader: past the start of the blocks read ahead, read the next
 * window, so that the device works while the reader goes through this one. */
static void note_use(sel4c_blk_client_t *c, uint64_t block)
{
    if (c->readahead && block == c->ra_trigger && c->ra_end) {
        c->ra_trigger = c->ra_end;
        read_ahead(c, c->ra_end, c->readahead);
    }
}

static sel4c_blk_cache_line_t *hit_line(sel4c_blk_client_t *c, sel4c_blk_cache_line_t *l)
{
    c->stats.hits++;
    l->stamp = next_stamp(c);
    l->ahead = false;
    c->last_line = (uint32_t)(l - c->lines);
    note_use(c, l->block);
    return l;
}

/* Reads `block` into `l` (a miss), waiting; the reads ahead go out while it is in flight. */
static sel4c_err_t fill_line(sel4c_blk_client_t *c, sel4c_blk_cache_line_t *l, uint64_t block)
{
    c->stats.reads++;
    l->state = LINE_BUSY;
    blk_wait_t w;
    sel4c_err_t err = blk_submit_waiting(c, SEL4C_BLK_REQ_READ, block, 1, l->offset, &w);
    if (!err) {
        bool sequential = block == c->ra_next || (c->ra_end && block == c->ra_end);
        c->ra_next = block + 1;
        if (c->readahead && sequential) {
            c->ra_trigger = block + 1;
            read_ahead(c, block + 1, c->readahead);
        }
        err = blk_wait(c, &w);
    }
    release(c, l, err ? LINE_FREE : LINE_VALID);
    return err;
}

/*
 * The line of `block`, valid (read from the device on a miss when `fill`; otherwise its old
 * contents are about to be overwritten in full) and not busy, as most recently used.
 */
static sel4c_err_t get_line(sel4c_blk_client_t *c, uint64_t block, bool fill,
                            sel4c_blk_cache_line_t **out)
{
    /* runs of accesses to one block (FAT's sectors of it) skip the search */
    sel4c_blk_cache_line_t *last = &c->lines[c->last_line];
    if (last->state == LINE_VALID && last->block == block && !c->broken) {
        *out = hit_line(c, last);
        return SEL4C_NO_ERROR;
    }
    for (;;) {
        if (c->broken)
            return SEL4C_ILLEGAL_OPERATION;
        sel4c_blk_cache_line_t *hit = NULL, *victim = NULL;
        for (uint32_t i = 0; i < c->n_lines && !hit; i++) {
            sel4c_blk_cache_line_t *l = &c->lines[i];
            if (l->state != LINE_FREE && l->block == block)
                hit = l;
            else if (l->state != LINE_BUSY &&
                     (!victim || (victim->state != LINE_FREE &&
                                  (l->state == LINE_FREE || l->stamp < victim->stamp))))
                victim = l;
        }
        if (hit && hit->state == LINE_BUSY) {
            sel4c_task_wait(&c->changed);
            continue;
        }
        if (hit) {
            *out = hit_line(c, hit);
            return SEL4C_NO_ERROR;
        }
        if (!victim) { /* every line has I/O in flight */
            sel4c_task_wait(&c->changed);
            continue;
        }
        if (victim->dirty) {
            sel4c_err_t err = write_back(c, victim);
            if (err)
                return err;
            continue; /* we waited: look again */
        }
        c->stats.misses++;
        victim->ahead = false;
        victim->block = block;
        victim->stamp = next_stamp(c);
        victim->state = LINE_VALID;
        if (fill) {
            /* while it is busy, no other task touches it */
            sel4c_err_t err = fill_line(c, victim, block);
            if (err)
                return err;
        }
        c->last_line = (uint32_t)(victim - c->lines);
        *out = victim;
        return SEL4C_NO_ERROR;
    }
}

static sel4c_err_t check_range(const sel4c_blk_client_t *c, uint64_t pos, size_t len)
{
    if (c->broken || !c->ready)
        return SEL4C_ILLEGAL_OPERATION;
    uint64_t bytes = c->capacity * BLOCK;
    return pos <= bytes && len <= bytes - pos ? SEL4C_NO_ERROR : SEL4C_RANGE_ERROR;
}

sel4c_err_t sel4c_blk_client_read(sel4c_blk_client_t *c, uint64_t pos, void *buf, size_t len)
{
    sel4c_err_t err = check_range(c, pos, len);
    uint8_t *to = buf;
    while (!err && len) {
        size_t in = pos % BLOCK, n = BLOCK - in < len ? BLOCK - in : len;
        sel4c_blk_cache_line_t *l;
        err = get_line(c, pos / BLOCK, true, &l);
        if (!err)
            memcpy(to, line_data(c, l) + in, n);
        to += n, pos += n, len -= n;
    }
    return err;
}

sel4c_err_t sel4c_blk_client_write(sel4c_blk_client_t *c, uint64_t pos, const void *buf, size_t len)
{
    sel4c_err_t err = check_range(c, pos, len);
    const uint8_t *from = buf;
    while (!err && len) {
        size_t in = pos % BLOCK, n = BLOCK - in < len ? BLOCK - in : len;
        sel4c_blk_cache_line_t *l;
        err = get_line(c, pos / BLOCK, n < BLOCK, &l);
        if (!err) {
            memcpy(line_data(c, l) + in, from, n);
            l->dirty = true;
        }
        from += n, pos += n, len -= n;
    }
    return err;
}

static void written(void *arg, uint32_t status, uint16_t blocks)
{
    (void)blocks;
    sel4c_blk_cache_line_t *l = arg;
    l->state = LINE_VALID;
    if (status == SEL4C_BLK_RESP_OK)
        l->dirty = false;
    else
        l->failed = true;
}

sel4c_err_t sel4c_blk_client_flush(sel4c_blk_client_t *c)
{
    if (c->broken || !c->ready)
        return SEL4C_ILLEGAL_OPERATION;
    sel4c_err_t err = SEL4C_NO_ERROR;
    /* submit the dirty lines in ascending block order, as many at once as the queue takes */
    uint64_t after = 0;
    bool first = true;
    for (;;) {
        sel4c_blk_cache_line_t *next = NULL;
        for (uint32_t i = 0; i < c->n_lines; i++) {
            sel4c_blk_cache_line_t *l = &c->lines[i];
            if (l->state == LINE_VALID && l->dirty && (first || l->block > after) &&
                (!next || l->block < next->block))
                next = l;
        }
        if (!next)
            break;
        sel4c_err_t e = sel4c_blk_client_submit(c, SEL4C_BLK_REQ_WRITE, next->block, 1,
                                                next->offset, written, next);
        if (e == SEL4C_NOT_ENOUGH_MEMORY) {
            sel4c_task_wait(&c->changed);
            continue;
        }
        if (e)
            return e;
        c->stats.writes++;
        next->state = LINE_BUSY;
        next->stamp = next_stamp(c);
        after = next->block;
        first = false;
    }
    /* wait for every write, ours and other tasks' */
    for (;;) {
        bool busy = false;
        for (uint32_t i = 0; i < c->n_lines; i++)
            busy |= c->lines[i].state == LINE_BUSY && c->lines[i].dirty;
        if (!busy)
            break;
        sel4c_task_wait(&c->changed);
    }
    if (c->broken)
        return SEL4C_ILLEGAL_OPERATION;
    for (uint32_t i = 0; i < c->n_lines; i++) {
        if (c->lines[i].failed)
            err = SEL4C_FAILED_LOOKUP;
        c->lines[i].failed = false;
    }
    if (!err) {
        c->stats.flushes++;
        err = sel4c_blk_client_io(c, SEL4C_BLK_REQ_FLUSH, 0, 0, 0);
    }
    return err;
}

uint32_t sel4c_blk_client_dirty(const sel4c_blk_client_t *c)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->n_lines; i++)
        n += c->lines[i].dirty;
    return n;
}

static int dev_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    if (sector > UINT64_MAX / SEL4C_BLK_CLIENT_SECTOR)
        return SEL4C_RANGE_ERROR;
    return sel4c_blk_client_read(ctx, sector * SEL4C_BLK_CLIENT_SECTOR, buf,
                                 (size_t)count * SEL4C_BLK_CLIENT_SECTOR);
}

static int dev_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    if (sector > UINT64_MAX / SEL4C_BLK_CLIENT_SECTOR)
        return SEL4C_RANGE_ERROR;
    return sel4c_blk_client_write(ctx, sector * SEL4C_BLK_CLIENT_SECTOR, buf,
                                  (size_t)count * SEL4C_BLK_CLIENT_SECTOR);
}

static int dev_flush(void *ctx)
{
    return sel4c_blk_client_flush(ctx);
}

void blk_cache_dev_init(sel4c_blk_client_t *c)
{
    c->dev = (sel4c_blk_t){.ctx = c,
                           .read = dev_read,
                           .write = dev_write,
                           .flush = dev_flush,
                           .sector_count = 0,
                           .sector_size = SEL4C_BLK_CLIENT_SECTOR};
}

const sel4c_blk_t *sel4c_blk_client_dev(sel4c_blk_client_t *c)
{
    return &c->dev;
}
