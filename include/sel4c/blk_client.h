/*
 * The client of a block driver PD on sDDF's block queues (<sel4c/protocol/blk.h>: the virtio-blk
 * driver, or any sDDF block server), with a write-back cache of 4 KiB blocks, and the block
 * device (<sel4c/blk.h>) the FAT library mounts.
 *
 * Two ways in:
 *   - asynchronous: sel4c_blk_client_submit() queues a request on buffers of the data region
 *     and returns; its completion function runs from the event loop's handler of the driver's
 *     channel (<sel4c/event.h>) when the answer arrives;
 *   - blocking: sel4c_blk_client_dev() is a sel4c_blk_t of 512-byte sectors whose read, write
 *     and flush go through the cache and wait (sel4c_task_wait) in the calling cooperative
 *     task (<sel4c/task.h>) until the driver has answered, so FAT code runs unchanged inside
 *     a task. Called outside a task they panic (the task library's rule).
 *
 * The cache. `n_lines` lines of 4 KiB, each a buffer of the shared data region (from lib/shmem's
 * slot allocator, so a miss is read by the device straight into its line) with its bookkeeping
 * in caller-provided private memory. Reads hit the cache; writes go to the cache and mark the
 * line dirty (a partial block is read first). The least recently used line is replaced, a dirty
 * one written back first. sel4c_blk_client_flush() writes every dirty line, in ascending block
 * order, waits for all, then asks the driver to FLUSH. Sequential reads may be read ahead
 * (sel4c_blk_client_config_t.readahead), keeping the device busy while the reader copies. Nothing
 * is ordered between two flushes: a crash in between may leave any subset of the dirty blocks
 * written.
 *
 * Partitions: the device is the whole disk; an MBR partition is a device of its own through
 * sel4c_mbr_partition() (<sel4c/mbr.h>), which offsets and bounds the client's device.
 *
 * The driver is untrusted. Every response is checked against the requests in flight, kept in
 * private memory: an id that names no request in flight (never sent, already answered), a
 * status sDDF does not define, a count other than the request's on OK (other than 0 for FLUSH
 * and BARRIER) or above it on an error. A bad response is counted, its reason recorded in
 * sel4c_blk_client_t.error, and the request it names (if any) completes with
 * SEL4C_BLK_CLIENT_BAD_RESPONSE; a corrupt queue index breaks the client: every request in
 * flight completes with SEL4C_BLK_CLIENT_BAD_RESPONSE, and every later call fails.
 *
 * Threads: one PD thread (the event loop's); tasks may share a client, since every wait
 * rechecks the state it waited for. The client's memory, the lines and the regions must stay
 * in place while the client is in use.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/blk.h>
#include <sel4c/dma.h>
#include <sel4c/error.h>
#include <sel4c/event.h>
#include <sel4c/protocol/blk.h>
#include <sel4c/task.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Requests in flight at most (ids are private slot indices with a generation above them). */
#define SEL4C_BLK_CLIENT_MAX_INFLIGHT 64
/* Buffers of the data region the client manages at most (16 MiB of 4 KiB). */
#define SEL4C_BLK_CLIENT_MAX_BUFS 4096
/* The sector size of the blocking device. */
#define SEL4C_BLK_CLIENT_SECTOR 512u

/* The status a completion gets for a request whose response was bad (not an sDDF status). */
#define SEL4C_BLK_CLIENT_BAD_RESPONSE 0x100u

/*
 * A completion: `status` is the driver's (SEL4C_BLK_RESP_*) or SEL4C_BLK_CLIENT_BAD_RESPONSE,
 * `blocks` the blocks it says it moved. Runs in the driver channel's handler: it must not
 * block (signal a condition instead).
 */
typedef void (*sel4c_blk_done_fn)(void *arg, uint32_t status, uint16_t blocks);

/* A request in flight (private). */
typedef struct sel4c_blk_inflight {
    sel4c_blk_done_fn fn;
    void *arg;
    uint32_t id;
    uint32_t code;
    uint16_t count;
    bool used;
} sel4c_blk_inflight_t;

/* A cache line's bookkeeping (private; the caller provides the array). */
typedef struct sel4c_blk_cache_line {
    uint64_t block;
    size_t offset;  /* of its 4 KiB buffer in the data region */
    uint32_t stamp; /* last use; the smallest is replaced first */
    uint8_t state;  /* free, valid, or busy with a read or a write */
    bool dirty;
    bool failed; /* its write-back by a flush failed */
    bool ahead;  /* read ahead, not used yet */
} sel4c_blk_cache_line_t;

/* What was wrong with the last bad response (reason is static; NULL when none was bad). */
typedef struct sel4c_blk_client_error {
    const char *reason;
    uint32_t id, status, count;
} sel4c_blk_client_error_t;

/* Counts since init: cache hits and misses, blocks read on a miss and ahead, blocks written,
 * driver FLUSHes, and bad responses. */
typedef struct sel4c_blk_client_stats {
    unsigned long hits, misses, reads, readahead, writes, flushes, bad_responses;
} sel4c_blk_client_stats_t;

/* A client. Its fields are private but for `bufs` (free buffers of the data region for
 * asynchronous requests), `changed` (a task waiting for its asynchronous requests waits on
 * it), `error`, `stats`, and `readahead` (which may be lowered between calls). */
typedef struct sel4c_blk_client {
    volatile struct sel4c_blk_storage_info *info;
    sel4c_blk_req_producer_t req;
    sel4c_blk_resp_consumer_t resp;
    sel4c_shmem_t data;
    sel4c_dma_slots_t bufs; /* 4 KiB buffers of the data region; callers may allocate too */
    uint64_t buf_bitmap[SEL4C_DMA_SLOT_WORDS(SEL4C_BLK_CLIENT_MAX_BUFS)];
    unsigned ch;
    sel4c_event_handler_t handler;
    sel4c_blk_inflight_t slot[SEL4C_BLK_CLIENT_MAX_INFLIGHT];
    uint32_t n_slots, in_flight, generation;
    sel4c_cond_t changed; /* broadcast on every notification from the driver */
    sel4c_blk_cache_line_t *lines;
    uint32_t n_lines, stamp, last_line;
    uint32_t readahead;                   /* blocks, 0: none */
    uint64_t ra_next, ra_end, ra_trigger; /* (private) the sequential reader's window */
    uint64_t capacity;                    /* blocks, once ready */
    bool ready, broken;
    sel4c_blk_client_error_t error;
    sel4c_blk_client_stats_t stats;
    sel4c_blk_t dev;
} sel4c_blk_client_t;

/* The regions and channel of a client, as its PD's setvars give them. */
typedef struct sel4c_blk_client_config {
    void *storage_info;
    void *req_queue;
    size_t req_queue_size;
    void *resp_queue;
    size_t resp_queue_size;
    void *data;
    size_t data_size;
    unsigned ch; /* the driver's channel */
    /* The cache: `n_lines` entries of private memory (at least 1); the lines' buffers are
     * allocated from the data region, which must hold them. */
    sel4c_blk_cache_line_t *lines;
    uint32_t n_lines;
    /* Read-ahead: on a miss that continues a sequential run, and again when the reader enters
     * the blocks read ahead, up to this many following blocks are read asynchronously into
     * clean lines (at most n_lines / 4: two windows in flight, half the cache; 0: none). */
    uint32_t readahead;
} sel4c_blk_client_config_t;

/*
 * Attaches `c` to the queues and data region of `cfg` and registers its handler on cfg->ch
 * (so a PD calls sel4c_event_dispatch(ch) from notified()); a client is initialised once (its
 * handler stays registered). Allocates the cache lines' buffers from the data region; the
 * rest stays in c->bufs for asynchronous callers. Errors:
 * SEL4C_INVALID_ARGUMENT (a NULL region or lines, no lines), SEL4C_RANGE_ERROR (queues too
 * small for one entry, a channel above 61), SEL4C_NOT_ENOUGH_MEMORY (the data region cannot
 * hold the lines), and those of sel4c_event_on_notify.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_init(sel4c_blk_client_t *c,
                                                   const sel4c_blk_client_config_t *cfg);

/*
 * In a task: waits until the driver says its device is ready and reads the geometry. Errors:
 * SEL4C_FAILED_LOOKUP (the driver notified without being ready: it has no device).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_wait_ready(sel4c_blk_client_t *c);

/*
 * Queues one request and notifies the driver: `code` (SEL4C_BLK_REQ_*), `count` blocks from
 * `block`, to or from the data region at `offset` (READ and WRITE); fn(arg, ...) runs when it
 * is answered. Errors (nothing queued): SEL4C_ILLEGAL_OPERATION (the client is broken or not
 * ready), SEL4C_INVALID_ARGUMENT (an unknown code, no blocks for READ/WRITE, fn NULL),
 * SEL4C_RANGE_ERROR (blocks beyond the device, or the data outside the region),
 * SEL4C_ALIGNMENT_ERROR (offset not a multiple of 4 KiB), SEL4C_NOT_ENOUGH_MEMORY (the queue
 * or the table of requests in flight is full: wait for a completion).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_submit(sel4c_blk_client_t *c, uint32_t code,
                                                     uint64_t block, uint16_t count, size_t offset,
                                                     sel4c_blk_done_fn fn, void *arg);

/* In a task: submits and waits for the answer. Returns SEL4C_NO_ERROR when it is OK with
 * every block moved, SEL4C_FAILED_LOOKUP when the driver refused or failed it, or an error of
 * sel4c_blk_client_submit (other than a full queue, which is waited for). */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_io(sel4c_blk_client_t *c, uint32_t code,
                                                 uint64_t block, uint16_t count, size_t offset);

/*
 * In a task: through the cache, reads or writes `len` bytes at byte `pos` of the device.
 * Errors: SEL4C_RANGE_ERROR (beyond the device), SEL4C_ILLEGAL_OPERATION (broken or not
 * ready), SEL4C_FAILED_LOOKUP (the driver failed a read or a write-back).
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_read(sel4c_blk_client_t *c, uint64_t pos, void *buf,
                                                   size_t len);
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_write(sel4c_blk_client_t *c, uint64_t pos,
                                                    const void *buf, size_t len);

/* In a task: writes back every dirty line (ascending block order), then a driver FLUSH.
 * Errors: those of sel4c_blk_client_io; a line that failed stays dirty. */
SEL4C_MUST_CHECK sel4c_err_t sel4c_blk_client_flush(sel4c_blk_client_t *c);

/* The blocking device: 512-byte sectors over the whole disk, through the cache (after
 * sel4c_blk_client_wait_ready; its callbacks return the sel4c_err_t of the calls above). */
const sel4c_blk_t *sel4c_blk_client_dev(sel4c_blk_client_t *c);

/* Dirty lines in the cache (for tests and statistics). */
uint32_t sel4c_blk_client_dirty(const sel4c_blk_client_t *c);

#ifdef __cplusplus
}
#endif
