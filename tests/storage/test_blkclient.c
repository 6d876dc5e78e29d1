/*
 * The block client (lib/blkclient) against a fake driver peer on sDDF block queues in memory,
 * with the real event loop and tasks: the cache (hits, LRU eviction, write-back of dirty lines
 * on eviction and at flush in ascending block order, its bounded size), asynchronous requests
 * answered out of order, and every kind of bad response (an id not in flight, a repeated
 * answer, an undefined status, a wrong count, a corrupt queue index) ending in an error.
 *
 *   test_blkclient                 the unit cases
 *   test_blkclient IMG OFFSET LIST the FAT library on the client over a copy of the disk image
 *                                  IMG (partition 0 at byte OFFSET): prints "name size crc"
 *                                  for each file of LIST (one path a line), writes
 *                                  /NEWFILE.BIN, flushes, and writes the disk back to IMG
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/blk_client.h>
#include <sel4c/fat.h>
#include <sel4c/mbr.h>

#include "check.h"

void sel4c_panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("sel4c: panic: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    exit(42);
}

/* The event loop's timer protocol is not used here. */
uint64_t sel4c_timer_driver_time(unsigned ch)
{
    (void)ch;
    abort();
}
bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay)
{
    (void)ch, (void)delay;
    abort();
}

#define CH     3
#define QBYTES 4096
#define DATA   (64 * SEL4C_BLK_TRANSFER_SIZE)

static _Alignas(4096) uint8_t req_mem[QBYTES], resp_mem[QBYTES], data[DATA];
static struct sel4c_blk_storage_info info;
static uint8_t *disk;
static uint64_t disk_blocks;

/* What the fake driver does with the requests it takes. */
enum mode {
    GOOD,
    REVERSE,      /* answers a batch last first */
    WRONG_ID,     /* first an answer for an id never sent, then the right one */
    TWICE,        /* answers twice */
    STALE,        /* before each answer, repeats the previous one, failed: its slot is reused */
    BAD_STATUS,   /* status 7 */
    SHORT_COUNT,  /* OK with one block fewer than asked */
    IO_ERROR,     /* ERR_IO, no blocks */
    ERROR_COUNT,  /* ERR_IO claiming more blocks than asked */
    CORRUPT_TAIL, /* moves the response tail beyond anything produced */
    SILENT,       /* takes requests and never answers */
};
static enum mode mode;
static bool kicked;
static uint32_t prev_id = UINT32_MAX;
static sel4c_blk_req_consumer_t drv_req;
static sel4c_blk_resp_producer_t drv_resp;
/* the requests taken, in order, as "R5 W3 F " */
static char log_buf[4096];

void sel4c_blk_client_notify_driver(unsigned ch)
{
    CHECK(ch == CH);
    kicked = true;
}

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = strlen(log_buf);
    vsnprintf(log_buf + n, sizeof log_buf - n, fmt, ap);
    va_end(ap);
}

static void answer(uint32_t id, uint32_t status, uint16_t count)
{
    CHECK(sel4c_blk_enqueue_resp(
              &drv_resp, (sel4c_blk_resp_t){.status = status, .success_count = count, .id = id}) ==
          SEL4C_QUEUE_OK);
}

/* Takes every request, does it on the disk and answers as `mode` says; returns how many. */
static unsigned driver_step(void)
{
    sel4c_blk_req_t batch[64];
    unsigned n = 0;
    sel4c_blk_req_t r;
    while (n < 64 && sel4c_blk_dequeue_req(&drv_req, &r) == SEL4C_QUEUE_OK)
        batch[n++] = r;
    for (unsigned k = 0; k < n; k++) {
        sel4c_blk_req_t *q = &batch[mode == REVERSE ? n - 1 - k : k];
        uint16_t moved = 0;
        if (q->code == SEL4C_BLK_REQ_READ || q->code == SEL4C_BLK_REQ_WRITE) {
            CHECK(q->block_number + q->count <= disk_blocks);
            CHECK(q->io_or_offset + (uint64_t)q->count * SEL4C_BLK_TRANSFER_SIZE <= DATA);
            uint8_t *d = disk + q->block_number * SEL4C_BLK_TRANSFER_SIZE;
            size_t len = (size_t)q->count * SEL4C_BLK_TRANSFER_SIZE;
            if (mode != IO_ERROR) {
                if (q->code == SEL4C_BLK_REQ_READ)
                    memcpy(data + q->io_or_offset, d, len);
                else
                    memcpy(d, data + q->io_or_offset, len);
            }
            moved = q->count;
        }
        say("%c%llu ", "RWFB"[q->code & 3], (unsigned long long)q -> block_number);
        switch (mode) {
        case GOOD:
        case REVERSE: answer(q->id, SEL4C_BLK_RESP_OK, moved); break;
        case WRONG_ID:
            answer(q->id ^ 0x5500, SEL4C_BLK_RESP_OK, moved);
            answer(q->id, SEL4C_BLK_RESP_OK, moved);
            break;
        case TWICE:
            answer(q->id, SEL4C_BLK_RESP_OK, moved);
            answer(q->id, SEL4C_BLK_RESP_OK, moved);
            break;
        case STALE:
            if (prev_id != UINT32_MAX)
                answer(prev_id, SEL4C_BLK_RESP_ERR_IO, 0);
            answer(q->id, SEL4C_BLK_RESP_OK, moved);
            prev_id = q->id;
            break;
        case BAD_STATUS: answer(q->id, 7, moved); break;
        case SHORT_COUNT: answer(q->id, SEL4C_BLK_RESP_OK, moved ? moved - 1 : 1); break;
        case IO_ERROR: answer(q->id, SEL4C_BLK_RESP_ERR_IO, 0); break;
        case ERROR_COUNT: answer(q->id, SEL4C_BLK_RESP_ERR_IO, (uint16_t)(q->count + 1)); break;
        case CORRUPT_TAIL: ((sel4c_blk_resp_queue_t *)resp_mem)->tail += 1000; break;
        case SILENT: break;
        }
    }
    return n;
}

static sel4c_blk_client_t client;
static sel4c_blk_cache_line_t lines[16];

/* The disk's byte at `i` before the test writes. */
static uint8_t orig(uint64_t i)
{
    return (uint8_t)(i / SEL4C_BLK_TRANSFER_SIZE * 7 + i % 251);
}

static uint32_t readahead; /* for the next setup only */
static void setup(uint32_t n_lines, uint64_t blocks)
{
    memset(req_mem, 0, sizeof req_mem);
    memset(resp_mem, 0, sizeof resp_mem);
    memset(&info, 0, sizeof info);
    info.capacity = blocks;
    info.ready = true;
    free(disk);
    disk_blocks = blocks;
    disk = calloc(blocks, SEL4C_BLK_TRANSFER_SIZE);
    for (uint64_t i = 0; i < blocks * SEL4C_BLK_TRANSFER_SIZE; i++)
        disk[i] = orig(i);
    uint32_t cap = sel4c_blk_queue_capacity(QBYTES, QBYTES);
    CHECK(sel4c_blk_req_consumer_init(&drv_req, (void *)req_mem, cap, 0, DATA) == SEL4C_QUEUE_OK);
    CHECK(sel4c_blk_resp_producer_init(&drv_resp, (void *)resp_mem, cap) == SEL4C_QUEUE_OK);
    sel4c_event_cancel(&client.handler);
    sel4c_blk_client_config_t cfg = {.storage_info = &info,
                                     .req_queue = req_mem,
                                     .req_queue_size = QBYTES,
                                     .resp_queue = resp_mem,
                                     .resp_queue_size = QBYTES,
                                     .data = data,
                                     .data_size = DATA,
                                     .ch = CH,
                                     .lines = lines,
                                     .n_lines = n_lines,
                                     .readahead = readahead};
    CHECK(sel4c_blk_client_init(&client, &cfg) == SEL4C_NO_ERROR);
    readahead = 0;
    mode = GOOD;
    prev_id = UINT32_MAX;
    log_buf[0] = '\0';
}

/* Runs `fn` as a task, playing the driver whenever every task is blocked, until it is done. */
static sel4c_task_t task;
static _Alignas(16) uint8_t stack[64 * 1024];
static sel4c_task_t task2;
static _Alignas(16) uint8_t stack2[64 * 1024];
static void run2(void (*fn)(void *), void (*fn2)(void *))
{
    CHECK(sel4c_task_spawn(&task, "test", stack, sizeof stack, fn, NULL) == SEL4C_NO_ERROR);
    if (fn2)
        CHECK(sel4c_task_spawn(&task2, "test2", stack2, sizeof stack2, fn2, NULL) ==
              SEL4C_NO_ERROR);
    sel4c_event_run();
    for (int rounds = 0; !sel4c_task_done(&task) || (fn2 && !sel4c_task_done(&task2)); rounds++) {
        if (rounds > 100000 || (!kicked && mode != CORRUPT_TAIL)) {
            fprintf(stderr, "the task waits with no request to serve\n");
            check_failures++;
            exit(check_done("test_blkclient"));
        }
        kicked = false;
        driver_step();
        sel4c_event_dispatch(CH);
    }
}

static void run(void (*fn)(void *))
{
    run2(fn, NULL);
}

#define EXPECT_LOG(want)                                                                           \
    do {                                                                                           \
        if (strcmp(log_buf, want)) {                                                               \
            fprintf(stderr, "%s:%d: driver saw \"%s\", expected \"%s\"\n", __FILE__, __LINE__,     \
                    log_buf, want);                                                                \
            check_failures++;                                                                      \
        }                                                                                          \
        log_buf[0] = '\0';                                                                         \
    } while (0)

static uint8_t buf[8 * SEL4C_BLK_TRANSFER_SIZE];
#define B SEL4C_BLK_TRANSFER_SIZE

static bool same_as_disk(uint64_t pos, const void *p, size_t len)
{
    return memcmp(disk + pos, p, len) == 0;
}

static void t_ready(void *arg)
{
    (void)arg;
    CHECK(sel4c_blk_client_wait_ready(&client) == SEL4C_NO_ERROR);
    CHECK(sel4c_blk_client_dev(&client)->sector_count == disk_blocks * 8);
}

/* Hits, and least-recently-used replacement with 4 lines. */
static void t_lru(void *arg)
{
    (void)arg;
    t_ready(NULL);
    for (int b = 0; b < 4; b++)
        CHECK(sel4c_blk_client_read(&client, b * B + 100, buf, 10) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(3 * B + 100, buf, 10));
    EXPECT_LOG("R0 R1 R2 R3 ");
    CHECK(sel4c_blk_client_read(&client, 0, buf, 2 * B) == SEL4C_NO_ERROR); /* hits 0 and 1 */
    CHECK(same_as_disk(0, buf, 2 * B));
    EXPECT_LOG("");
    CHECK(client.stats.hits == 2 && client.stats.misses == 4);
    CHECK(sel4c_blk_client_read(&client, 4 * B, buf, 1) == SEL4C_NO_ERROR); /* evicts 2 */
    CHECK(sel4c_blk_client_read(&client, 0, buf, 1) == SEL4C_NO_ERROR);
    CHECK(sel4c_blk_client_read(&client, 2 * B, buf, 1) == SEL4C_NO_ERROR); /* evicts 3 */
    CHECK(sel4c_blk_client_read(&client, 3 * B, buf, 1) == SEL4C_NO_ERROR); /* evicts 1 */
    EXPECT_LOG("R4 R2 R3 ");
    /* reads spanning blocks, unaligned */
    CHECK(sel4c_blk_client_read(&client, 5 * B - 7, buf, 3 * B) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(5 * B - 7, buf, 3 * B));
    CHECK(sel4c_blk_client_read(&client, disk_blocks * B - 1, buf, 2) == SEL4C_RANGE_ERROR);
}

/* Write-back: nothing reaches the disk until eviction or flush; a flush writes in ascending
 * block order then FLUSHes; the dirty lines never exceed the cache. */
static void t_writeback(void *arg)
{
    (void)arg;
    t_ready(NULL);
    memset(buf, 0xa5, sizeof buf);
    CHECK(sel4c_blk_client_write(&client, 7 * B, buf, B) == SEL4C_NO_ERROR);       /* whole */
    CHECK(sel4c_blk_client_write(&client, 3 * B + 10, buf, 20) == SEL4C_NO_ERROR); /* partial */
    CHECK(sel4c_blk_client_write(&client, 5 * B, buf, B) == SEL4C_NO_ERROR);
    EXPECT_LOG("R3 "); /* only the partial block is read */
    CHECK(sel4c_blk_client_dirty(&client) == 3);
    CHECK(!same_as_disk(7 * B, buf, B));
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
    EXPECT_LOG("W3 W5 W7 F0 ");
    CHECK(sel4c_blk_client_dirty(&client) == 0);
    CHECK(same_as_disk(7 * B, buf, B) && same_as_disk(3 * B + 10, buf, 20));
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR); /* nothing dirty: FLUSH only */
    EXPECT_LOG("F0 ");
    /* eviction writes the dirty victim back before reading into its line */
    CHECK(sel4c_blk_client_write(&client, 20 * B, buf, B) == SEL4C_NO_ERROR);
    for (int b = 21; b < 24; b++)
        CHECK(sel4c_blk_client_read(&client, b * B, buf + B, 1) == SEL4C_NO_ERROR);
    log_buf[0] = '\0';
    CHECK(sel4c_blk_client_read(&client, 24 * B, buf + B, 1) == SEL4C_NO_ERROR);
    EXPECT_LOG("W20 R24 ");
    CHECK(same_as_disk(20 * B, buf, B));
    /* many more dirty blocks than lines */
    for (int b = 30; b < 60; b++) {
        memset(buf, b, B);
        CHECK(sel4c_blk_client_write(&client, (uint64_t)b * B, buf, B) == SEL4C_NO_ERROR);
        CHECK(sel4c_blk_client_dirty(&client) <= 4);
    }
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
    for (int b = 30; b < 60; b++) {
        memset(buf, b, B);
        CHECK(same_as_disk((uint64_t)b * B, buf, B));
    }
    /* the lines' buffers are 4 distinct 4 KiB buffers of the data region */
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < i; j++)
            CHECK(lines[i].offset != lines[j].offset);
    CHECK(client.bufs.free_slots == DATA / B - 4);
}

/* Asynchronous requests, answered last first: each completion gets its own. */
static unsigned done_mask;
static void on_done(void *arg, uint32_t status, uint16_t blocks)
{
    unsigned i = (unsigned)(uintptr_t)arg;
    CHECK(status == SEL4C_BLK_RESP_OK && blocks == i + 1);
    done_mask |= 1u << i;
}
static void t_async(void *arg)
{
    (void)arg;
    t_ready(NULL);
    size_t off = 16 * B; /* past the lines' buffers */
    for (unsigned i = 0; i < 3; i++) {
        CHECK(sel4c_blk_client_submit(&client, SEL4C_BLK_REQ_READ, 10 * i, (uint16_t)(i + 1),
                                      off + 4 * i * B, on_done,
                                      (void *)(uintptr_t)i) == SEL4C_NO_ERROR);
    }
    while (done_mask != 7)
        sel4c_task_wait(&client.changed);
    for (unsigned i = 0; i < 3; i++)
        CHECK(same_as_disk(10 * i * B, data + off + 4 * i * B, (i + 1) * B));
    EXPECT_LOG("R20 R10 R0 ");
    /* refusals before anything is queued */
    CHECK(sel4c_blk_client_submit(&client, SEL4C_BLK_REQ_READ, disk_blocks, 1, off, on_done,
                                  NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_blk_client_submit(&client, SEL4C_BLK_REQ_READ, 0, 1, DATA, on_done, NULL) ==
          SEL4C_RANGE_ERROR);
    CHECK(sel4c_blk_client_submit(&client, SEL4C_BLK_REQ_READ, 0, 1, 100, on_done, NULL) ==
          SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_blk_client_submit(&client, SEL4C_BLK_REQ_READ, 0, 0, 0, on_done, NULL) ==
          SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_blk_client_submit(&client, 9, 0, 1, 0, on_done, NULL) == SEL4C_INVALID_ARGUMENT);
    EXPECT_LOG("");
}

/* Bad responses: an error for the request (or none, when the right answer also came), the
 * reason recorded, and the client goes on. */
static enum mode bad_mode;
static void t_bad(void *arg)
{
    (void)arg;
    t_ready(NULL);
    unsigned long before = client.stats.bad_responses;
    mode = bad_mode;
    sel4c_err_t err = sel4c_blk_client_read(&client, 2 * B, buf, 16);
    switch (bad_mode) {
    case WRONG_ID:
    case TWICE:
        CHECK(err == SEL4C_NO_ERROR);
        CHECK(same_as_disk(2 * B, buf, 16));
        CHECK_STR_CONTAINS(client.error.reason, "not in flight");
        break;
    case BAD_STATUS:
        CHECK(err == SEL4C_FAILED_LOOKUP);
        CHECK_STR_CONTAINS(client.error.reason, "status sDDF does not define");
        CHECK(client.error.status == 7);
        break;
    case SHORT_COUNT:
    case ERROR_COUNT:
        CHECK(err == SEL4C_FAILED_LOOKUP);
        CHECK_STR_CONTAINS(client.error.reason, "count does not match");
        break;
    case STALE: /* the second request reuses the first's slot; the repeat does not answer it */
        CHECK(err == SEL4C_NO_ERROR);
        CHECK(sel4c_blk_client_read(&client, 5 * B, buf, 16) == SEL4C_NO_ERROR);
        CHECK(same_as_disk(5 * B, buf, 16));
        CHECK_STR_CONTAINS(client.error.reason, "not in flight");
        break;
    case IO_ERROR: CHECK(err == SEL4C_FAILED_LOOKUP); break;
    case CORRUPT_TAIL:
        CHECK(err == SEL4C_FAILED_LOOKUP);
        CHECK_STR_CONTAINS(client.error.reason, "tail is corrupt");
        CHECK(sel4c_blk_client_read(&client, 0, buf, 1) == SEL4C_ILLEGAL_OPERATION);
        return;
    default: break;
    }
    CHECK(client.stats.bad_responses == before + (bad_mode != IO_ERROR));
    /* a failed read leaves no line holding the block; the client still serves */
    mode = GOOD;
    CHECK(sel4c_blk_client_read(&client, 2 * B, buf, 16) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(2 * B, buf, 16));
    if (bad_mode == TWICE) { /* the repeat of the last answer arrives now: still not in flight */
        mode = TWICE;
        CHECK(sel4c_blk_client_read(&client, 9 * B, buf, 16) == SEL4C_NO_ERROR);
        CHECK(client.stats.bad_responses == before + 2);
    }
    /* a write-back the driver fails stays dirty and fails the flush */
    memset(buf, 0x3c, B);
    CHECK(sel4c_blk_client_write(&client, 11 * B, buf, B) == SEL4C_NO_ERROR);
    mode = IO_ERROR;
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_FAILED_LOOKUP);
    CHECK(sel4c_blk_client_dirty(&client) == 1);
    mode = GOOD;
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(11 * B, buf, B));
}

/* Read-ahead: a sequential reader finds its blocks read before it asks, each block is read
 * once, and a dirty line is never evicted for it. */
static void t_readahead(void *arg)
{
    (void)arg;
    t_ready(NULL);
    memset(buf, 0x77, B);
    CHECK(sel4c_blk_client_write(&client, 200 * B, buf, B) == SEL4C_NO_ERROR);
    for (int b = 0; b < 24; b++) {
        CHECK(sel4c_blk_client_read(&client, (uint64_t)b * B, buf + B, B) == SEL4C_NO_ERROR);
        CHECK(same_as_disk((uint64_t)b * B, buf + B, B));
        CHECK(sel4c_blk_client_dirty(&client) == 1);
    }
    /* every block read once, in order, from 0 to at most 4 past the last block asked for */
    char want[512] = "";
    for (int b = 0; b < 24; b++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "R%d ", b);
    if (strncmp(log_buf, want, strlen(want)))
        fprintf(stderr, "driver saw %s\n", log_buf);
    CHECK(strncmp(log_buf, want, strlen(want)) == 0);
    CHECK(strlen(log_buf) <= strlen(want) + strlen("R24 R25 R26 R27 "));
    CHECK(strstr(log_buf, "W") == NULL);
    log_buf[0] = '\0';
    CHECK(client.stats.misses <= 2 && client.stats.readahead >= 20);
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(200 * B, buf, B));
    /* a random read does not read ahead */
    log_buf[0] = '\0';
    CHECK(sel4c_blk_client_read(&client, 100 * B, buf, 1) == SEL4C_NO_ERROR);
    EXPECT_LOG("R100 ");
}

/* Two tasks sharing the client and its 4 lines, the driver answering batches last first:
 * they wait for each other's lines in flight, and every block ends as one of them wrote it. */
static uint8_t buf2[2 * SEL4C_BLK_TRANSFER_SIZE];
static void t_shared_a(void *arg)
{
    (void)arg;
    for (int round = 0; round < 3; round++)
        for (int b = 0; b < 20; b++) {
            memset(buf2, 'A' + b, B / 2);
            CHECK(sel4c_blk_client_write(&client, (uint64_t)b * B + B / 4, buf2, B / 2) ==
                  SEL4C_NO_ERROR);
        }
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
}
static void t_shared_b(void *arg)
{
    (void)arg;
    static uint8_t seen[B];
    for (int round = 0; round < 3; round++)
        for (int b = 10; b < 30; b++) {
            CHECK(sel4c_blk_client_read(&client, (uint64_t)b * B, seen, B) == SEL4C_NO_ERROR);
            /* the middle of blocks 10-19 is the old one or A's, whole: never torn; 20-29 are B's */
            uint64_t lo = (uint64_t)b * B + B / 4, hi = (uint64_t)b * B + 3 * B / 4 - 1;
            bool old = seen[B / 4] == orig(lo) && seen[3 * B / 4 - 1] == orig(hi);
            bool a = seen[B / 4] == 'A' + b && seen[3 * B / 4 - 1] == 'A' + b;
            bool own = seen[0] == 'a' + b && seen[B - 1] == 'a' + b; /* blocks 20-29, later */
            CHECK(old || (b < 20 && a) || (b >= 20 && round > 0 && own));
            if (b >= 20) {
                memset(buf, 'a' + b, B);
                CHECK(sel4c_blk_client_write(&client, (uint64_t)b * B, buf, B) == SEL4C_NO_ERROR);
            }
        }
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
}
/* A line one task waits to read while another's read of it is answered: when the other
 * task makes it valid, the first wakes though no request is left in flight. */
static void t_handoff_first(void *arg)
{
    (void)arg;
    CHECK(sel4c_blk_client_read(&client, 5 * B, buf, 1) == SEL4C_NO_ERROR);
    CHECK(sel4c_blk_client_read(&client, 6 * B, buf, 16) == SEL4C_NO_ERROR);
    CHECK(same_as_disk(6 * B, buf, 16));
}
static void t_handoff_second(void *arg)
{
    (void)arg;
    CHECK(sel4c_blk_client_read(&client, 6 * B, buf2, 1) == SEL4C_NO_ERROR);
}

static void t_shared_ready(void *arg)
{
    (void)arg;
    CHECK(sel4c_blk_client_wait_ready(&client) == SEL4C_NO_ERROR);
}
static void check_shared(void)
{
    CHECK(sel4c_blk_client_dirty(&client) == 0);
    for (int b = 0; b < 30; b++) {
        uint8_t *d = disk + (uint64_t)b * B;
        if (b < 20)
            CHECK(d[B / 4] == 'A' + b && d[3 * B / 4 - 1] == 'A' + b &&
                  d[0] == orig((uint64_t)b * B) && d[B - 1] == orig((uint64_t)b * B + B - 1));
        else
            CHECK(d[0] == 'a' + b && d[B - 1] == 'a' + b);
    }
}

/* A driver that has no device: it notifies without setting ready. */
static void t_not_ready(void *arg)
{
    (void)arg;
    CHECK(sel4c_blk_client_wait_ready(&client) == SEL4C_FAILED_LOOKUP);
    CHECK(sel4c_blk_client_read(&client, 0, buf, 1) == SEL4C_ILLEGAL_OPERATION);
}

/* The FAT library mounted on partition 0 through the client. */
static const char *img_path, *list_path;
static uint64_t part_offset;
static uint8_t fat_cache[8 * 512];
static void t_fat(void *arg)
{
    (void)arg;
    if (sel4c_blk_client_wait_ready(&client)) {
        CHECK(!"ready");
        return;
    }
    const sel4c_blk_t *disk_dev = sel4c_blk_client_dev(&client);
    sel4c_mbr_t mbr;
    sel4c_mbr_part_t part;
    sel4c_blk_t dev;
    CHECK(sel4c_mbr_read(disk_dev, &mbr) == SEL4C_MBR_OK);
    CHECK(sel4c_mbr_partition(disk_dev, &mbr, 0, &part, &dev) == SEL4C_MBR_OK);
    CHECK(part.first * 512 == part_offset);
    static sel4c_fat_t vol;
    sel4c_fat_err_t e = sel4c_fat_mount(&vol, &dev, fat_cache, sizeof fat_cache, NULL, NULL, 0);
    if (e) {
        printf("mount: %s\n", sel4c_fat_strerror(e));
        CHECK(!"mount");
        return;
    }
    FILE *list = fopen(list_path, "r");
    char path[512];
    static uint8_t fbuf[1 << 16];
    while (list && fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = '\0';
        sel4c_fat_file_t f;
        CHECK(sel4c_fat_open(&vol, &f, path, SEL4C_FAT_READ) == SEL4C_FAT_OK);
        uint32_t crc = ~0u;
        size_t got, total = 0;
        while (sel4c_fat_read(&f, fbuf, sizeof fbuf, &got) == SEL4C_FAT_OK && got) {
            for (size_t i = 0; i < got; i++) {
                crc ^= fbuf[i];
                for (int k = 0; k < 8; k++)
                    crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
            }
            total += got;
        }
        printf("%s %zu %08x\n", path, total, ~crc);
        CHECK(sel4c_fat_close(&f) == SEL4C_FAT_OK);
    }
    if (list)
        fclose(list);
    sel4c_fat_file_t f;
    CHECK(sel4c_fat_open(&vol, &f, "/NEWFILE.BIN", SEL4C_FAT_WRITE | SEL4C_FAT_CREATE) ==
          SEL4C_FAT_OK);
    for (size_t i = 0; i < 50000; i++)
        fbuf[i] = (uint8_t)(i * 31 + (i >> 9));
    size_t put = 0;
    CHECK(sel4c_fat_write(&f, fbuf, 50000, &put) == SEL4C_FAT_OK && put == 50000);
    CHECK(sel4c_fat_close(&f) == SEL4C_FAT_OK);
    CHECK(sel4c_fat_unmount(&vol) == SEL4C_FAT_OK);
    CHECK(sel4c_blk_client_flush(&client) == SEL4C_NO_ERROR);
    CHECK(sel4c_blk_client_dirty(&client) == 0);
}

static int fat_main(void)
{
    FILE *f = fopen(img_path, "rb");
    if (!f || fseek(f, 0, SEEK_END)) {
        perror(img_path);
        return 2;
    }
    long size = ftell(f);
    rewind(f);
    readahead = 4;
    setup(16, (uint64_t)size / B);
    if (fread(disk, 1, (size_t)size, f) != (size_t)size)
        return 2;
    fclose(f);
    run(t_fat);
    f = fopen(img_path, "wb");
    if (!f || fwrite(disk, 1, (size_t)size, f) != (size_t)size || fclose(f))
        return 2;
    return check_done("test_blkclient fat");
}

int main(int argc, char **argv)
{
    if (argc == 4) {
        img_path = argv[1];
        part_offset = strtoull(argv[2], NULL, 0);
        list_path = argv[3];
        return fat_main();
    }
    setup(4, 256);
    run(t_lru);
    setup(4, 256);
    run(t_writeback);
    setup(4, 256);
    mode = REVERSE;
    run(t_async);
    readahead = 4;
    setup(16, 256);
    run(t_readahead);
    for (int m = 0; m < 2; m++) {
        readahead = m ? 1 : 0;
        setup(4, 256);
        mode = REVERSE;
        run(t_shared_ready);
        run2(t_shared_a, t_shared_b);
        check_shared();
    }
    setup(4, 256);
    run(t_shared_ready);
    run2(t_handoff_first, t_handoff_second);
    EXPECT_LOG("R5 R6 ");
    static const enum mode bads[] = {WRONG_ID,    TWICE,       STALE,    BAD_STATUS,
                                     SHORT_COUNT, ERROR_COUNT, IO_ERROR, CORRUPT_TAIL};
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        setup(4, 256);
        bad_mode = bads[i];
        run(t_bad);
    }
    setup(4, 256);
    info.ready = false;
    kicked = true; /* the driver's notification that it has no device */
    run(t_not_ready);
    /* a configuration whose data region cannot hold the lines */
    sel4c_blk_client_t c2;
    sel4c_blk_client_config_t cfg = {.storage_info = &info,
                                     .req_queue = req_mem,
                                     .req_queue_size = QBYTES,
                                     .resp_queue = resp_mem,
                                     .resp_queue_size = QBYTES,
                                     .data = data,
                                     .data_size = 2 * B,
                                     .ch = CH + 1,
                                     .lines = lines,
                                     .n_lines = 4};
    CHECK(sel4c_blk_client_init(&c2, &cfg) == SEL4C_NOT_ENOUGH_MEMORY);
    cfg.data_size = DATA;
    cfg.req_queue_size = 16;
    CHECK(sel4c_blk_client_init(&c2, &cfg) == SEL4C_RANGE_ERROR);
    free(disk);
    return check_done("test_blkclient");
}
