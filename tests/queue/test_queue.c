/*
 * Single-threaded tests of every queue operation and of every kind of peer misbehaviour, run
 * under AddressSanitizer and UBSan: the generic ring (<sel4c/queue.h>) and the sDDF-compatible
 * network, block and serial queues. The peer is played by writing the shared fields directly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sel4c/queue.h>
#include <sel4c/queue/blk.h>
#include <sel4c/queue/net.h>
#include <sel4c/queue/serial.h>
#include "check.h"

/* An odd-sized entry, so that slot offsets are not powers of two. */
typedef struct entry {
    uint32_t seq;
    uint8_t bytes[9];
} entry_t;

static entry_t entry(uint32_t seq)
{
    entry_t e = {.seq = seq};
    for (int i = 0; i < 9; i++)
        e.bytes[i] = (uint8_t)(seq * 7 + i);
    return e;
}

static bool same(const entry_t *a, const entry_t *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* A fresh zeroed region for a generic queue of `cap` entries, in heap memory so that ASan sees
 * any access past its end. */
static void *region(uint32_t cap, size_t *size)
{
    *size = sel4c_queue_region_size(sizeof(entry_t), cap);
    return calloc(1, *size);
}

static void test_generic_init(void)
{
    size_t size;
    void *r = region(8, &size);
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    CHECK(size == 128 + 8 * sizeof(entry_t));
    CHECK(sel4c_queue_region_size(0, 8) == 0);
    CHECK(sel4c_queue_region_size(1, 0) == 0);
    CHECK(sel4c_queue_region_size(UINT32_MAX, UINT32_MAX) == 0 || sizeof(size_t) > 4);
    CHECK_ERR(sel4c_queue_producer_init(&p, NULL, size, sizeof(entry_t), 8), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_producer_init(&p, (char *)r + 4, size, sizeof(entry_t), 8),
              SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_producer_init(&p, r, size, sizeof(entry_t), 6), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_producer_init(&p, r, size, sizeof(entry_t), 0), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_producer_init(&p, r, size, 0, 8), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_producer_init(&p, r, size - 1, sizeof(entry_t), 8), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_consumer_init(&c, r, size, sizeof(entry_t), 16), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_queue_consumer_init(&c, r, size, sizeof(entry_t), 8), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_producer_init(&p, r, size, sizeof(entry_t), 8), SEL4C_QUEUE_OK);
    free(r);
}

/* One at a time through a queue whose indices start at `start`: fill it, see it full, empty
 * it, in order and with the content; three rounds so that slots and indices wrap. */
static void test_generic_single(uint32_t start)
{
    enum { CAP = 8 };
    size_t size;
    sel4c_queue_header_t *hdr = region(CAP, &size);
    hdr->tail = hdr->head = start;
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    CHECK_ERR(sel4c_queue_producer_init(&p, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_consumer_init(&c, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    uint32_t seq = 0, want = 0, len = 99;
    for (int round = 0; round < 3; round++) {
        CHECK(sel4c_queue_empty(&c));
        CHECK(!sel4c_queue_full(&p));
        entry_t out;
        CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_EEMPTY);
        for (int i = 0; i < CAP; i++) {
            entry_t e = entry(seq++);
            CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
            CHECK_ERR(sel4c_queue_consumer_length(&c, &len), SEL4C_QUEUE_OK);
            CHECK(len == (uint32_t)i + 1);
        }
        CHECK(sel4c_queue_full(&p));
        CHECK(!sel4c_queue_empty(&c));
        CHECK_ERR(sel4c_queue_producer_length(&p, &len), SEL4C_QUEUE_OK);
        CHECK(len == CAP);
        entry_t e = entry(999);
        CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_EFULL);
        CHECK(hdr->tail == start + seq);
        /* Take half, add half again, then take everything. */
        for (int i = 0; i < CAP / 2; i++) {
            CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
            entry_t w = entry(want++);
            CHECK(same(&out, &w));
        }
        for (int i = 0; i < CAP / 2; i++) {
            e = entry(seq++);
            CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
        }
        for (int i = 0; i < CAP; i++) {
            CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
            entry_t w = entry(want++);
            CHECK(same(&out, &w));
        }
        CHECK(hdr->head == start + want);
    }
    free(hdr);
}

static void test_generic_batch(void)
{
    enum { CAP = 8 };
    size_t size;
    sel4c_queue_header_t *hdr = region(CAP, &size);
    hdr->tail = hdr->head = UINT32_MAX - 2; /* the indices wrap in the middle */
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    CHECK_ERR(sel4c_queue_producer_init(&p, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_consumer_init(&c, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    entry_t in[20], out[20];
    uint32_t seq = 0, want = 0, done = 99;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 20; i++)
            in[i] = entry(seq + i);
        /* More than fits: only the room is filled. */
        CHECK_ERR(sel4c_queue_enqueue_batch(&p, in, 5, &done), SEL4C_QUEUE_OK);
        CHECK(done == 5);
        seq += done;
        for (int i = 0; i < 20; i++)
            in[i] = entry(seq + i);
        CHECK_ERR(sel4c_queue_enqueue_batch(&p, in, 20, &done), SEL4C_QUEUE_OK);
        CHECK(done == CAP - 5);
        seq += done;
        CHECK_ERR(sel4c_queue_enqueue_batch(&p, in, 20, &done), SEL4C_QUEUE_OK);
        CHECK(done == 0);
        CHECK_ERR(sel4c_queue_dequeue_batch(&c, out, 3, &done), SEL4C_QUEUE_OK);
        CHECK(done == 3);
        for (uint32_t i = 0; i < done; i++) {
            entry_t w = entry(want++);
            CHECK(same(&out[i], &w));
        }
        CHECK_ERR(sel4c_queue_dequeue_batch(&c, out, 20, &done), SEL4C_QUEUE_OK);
        CHECK(done == CAP - 3);
        for (uint32_t i = 0; i < done; i++) {
            entry_t w = entry(want++);
            CHECK(same(&out[i], &w));
        }
        CHECK_ERR(sel4c_queue_dequeue_batch(&c, out, 20, &done), SEL4C_QUEUE_OK);
        CHECK(done == 0);
        /* Leave one behind so the next round starts at another slot. */
        entry_t e = entry(seq++);
        CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
        CHECK_ERR(sel4c_queue_dequeue(&c, out), SEL4C_QUEUE_OK);
        entry_t w = entry(want++);
        CHECK(same(&out[0], &w));
    }
    free(hdr);
}

/* The producer's tail and the consumer's head as a misbehaving peer writes them. */
static void test_generic_corrupt(void)
{
    enum { CAP = 8 };
    size_t size;
    sel4c_queue_header_t *hdr = region(CAP, &size);
    hdr->tail = hdr->head = 100;
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    CHECK_ERR(sel4c_queue_producer_init(&p, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_consumer_init(&c, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    entry_t e = entry(1), out = entry(0), untouched = entry(0);
    uint32_t len = 77, done = 77;
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);

    /* Consumer side: tail far ahead, just over capacity ahead, behind head, wrapped behind. */
    uint32_t bad_tails[] = {100 + 1000000, 100 + CAP + 1, 99, 100 - CAP, 0x80000000u + 100};
    for (unsigned i = 0; i < sizeof bad_tails / sizeof bad_tails[0]; i++) {
        hdr->tail = bad_tails[i];
        CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_ECORRUPT_TAIL);
        CHECK_ERR(sel4c_queue_dequeue_batch(&c, &out, 1, &done), SEL4C_QUEUE_ECORRUPT_TAIL);
        CHECK(done == 0);
        CHECK_ERR(sel4c_queue_consumer_length(&c, &len), SEL4C_QUEUE_ECORRUPT_TAIL);
        CHECK(len == 77);
        CHECK(!sel4c_queue_empty(&c));
        CHECK(same(&out, &untouched));
        CHECK(c.head == 100 && hdr->head == 100);
    }
    /* Exactly capacity ahead is a full queue, not corruption. */
    hdr->tail = 100 + CAP;
    CHECK_ERR(sel4c_queue_consumer_length(&c, &len), SEL4C_QUEUE_OK);
    CHECK(len == CAP);
    /* Once the tail is sane again, the queue goes on. */
    hdr->tail = 101;
    CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
    CHECK(same(&out, &e));

    /* Producer side: head ahead of tail, head more than capacity behind. */
    uint32_t bad_heads[] = {102, 101 + 5000, 101 - CAP - 1, 0x80000000u};
    for (unsigned i = 0; i < sizeof bad_heads / sizeof bad_heads[0]; i++) {
        hdr->head = bad_heads[i];
        hdr->tail = 101;
        CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_ECORRUPT_HEAD);
        CHECK_ERR(sel4c_queue_enqueue_batch(&p, &e, 1, &done), SEL4C_QUEUE_ECORRUPT_HEAD);
        CHECK(done == 0);
        CHECK_ERR(sel4c_queue_producer_length(&p, &len), SEL4C_QUEUE_ECORRUPT_HEAD);
        CHECK(sel4c_queue_full(&p));
        CHECK(hdr->tail == 101 && p.tail == 101);
    }
    hdr->head = 101;
    /* The peer writing our own index changes nothing: we keep ours. */
    hdr->tail = 5000;
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
    CHECK(hdr->tail == 102);
    free(hdr);
}

static void test_generic_signals(void)
{
    enum { CAP = 4 };
    size_t size;
    sel4c_queue_header_t *hdr = region(CAP, &size);
    sel4c_queue_producer_t p;
    sel4c_queue_consumer_t c;
    CHECK_ERR(sel4c_queue_producer_init(&p, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_consumer_init(&c, hdr, size, sizeof(entry_t), CAP), SEL4C_QUEUE_OK);
    entry_t e = entry(5), out;
    /* A zeroed region: the consumer asks to be notified of the first entry, once. */
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
    CHECK(sel4c_queue_producer_must_notify(&p));
    CHECK(hdr->consumer_signalled == 1);
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
    CHECK(!sel4c_queue_producer_must_notify(&p));
    /* Entries are there: the consumer does not wait, and cancels its request. */
    CHECK(!sel4c_queue_consumer_prepare_wait(&c));
    CHECK(hdr->consumer_signalled == 1);
    CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
    /* Empty: it waits, with the request standing, and the next entry notifies. */
    CHECK(sel4c_queue_consumer_prepare_wait(&c));
    CHECK(hdr->consumer_signalled == 0);
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
    CHECK(sel4c_queue_producer_must_notify(&p));
    CHECK(!sel4c_queue_producer_must_notify(&p));
    /* The producer side: full, it waits; a dequeue then notifies it. */
    for (int i = 0; i < CAP - 1; i++)
        CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_OK);
    hdr->producer_signalled = 1;
    CHECK(!sel4c_queue_consumer_must_notify(&c));
    CHECK(sel4c_queue_producer_prepare_wait(&p));
    CHECK(hdr->producer_signalled == 0);
    CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_OK);
    CHECK(sel4c_queue_consumer_must_notify(&c));
    CHECK(!sel4c_queue_consumer_must_notify(&c));
    /* Room now: the producer does not wait and cancels its request. */
    CHECK(!sel4c_queue_producer_prepare_wait(&p));
    CHECK(hdr->producer_signalled == 1);
    /* A tail far ahead is nothing to take: the consumer may wait, and the next dequeue
     * still reports it. A head far behind is no room: the producer may wait. */
    uint32_t tail = hdr->tail;
    hdr->tail = tail + 1000;
    CHECK(sel4c_queue_consumer_prepare_wait(&c));
    CHECK_ERR(sel4c_queue_dequeue(&c, &out), SEL4C_QUEUE_ECORRUPT_TAIL);
    hdr->tail = tail;
    uint32_t head = hdr->head;
    hdr->head = head - 1000;
    CHECK(sel4c_queue_producer_prepare_wait(&p));
    CHECK_ERR(sel4c_queue_enqueue(&p, &e), SEL4C_QUEUE_ECORRUPT_HEAD);
    hdr->head = head;
    free(hdr);
}

/* ---- network ---- */

enum { NET_CAP = 16, NET_REGION = NET_CAP * SEL4C_NET_BUFFER_SIZE };

static sel4c_net_queue_t *net_queue(void)
{
    return calloc(1, sizeof(sel4c_net_queue_t) + NET_CAP * sizeof(sel4c_net_buff_desc_t));
}

static sel4c_net_buff_desc_t net_desc(uint64_t buf, uint16_t len)
{
    return (sel4c_net_buff_desc_t){.io_or_offset = buf * SEL4C_NET_BUFFER_SIZE, .len = len};
}

static void test_net_init(void)
{
    sel4c_net_queue_t *q = net_queue();
    sel4c_net_producer_t p;
    sel4c_net_consumer_t c;
    CHECK_ERR(sel4c_net_producer_init(&p, q, 65536), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_producer_init(&p, q, 24), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_producer_init(&p, (sel4c_net_queue_t *)((char *)q + 2), 16),
              SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, 0, NET_REGION, 0), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, 0, 100, 2048), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, UINT64_MAX - 10, NET_REGION, 2048),
              SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_net_producer_init(&p, q, 32768), SEL4C_QUEUE_OK);
    free(q);
}

/* Every 16-bit starting index, among them those where tail wraps before head: full must be
 * full. sDDF 0.7's `tail - head == capacity` in int says "not full" there. */
static void test_net_wrap(void)
{
    sel4c_net_queue_t *q = net_queue();
    sel4c_net_producer_t p;
    sel4c_net_consumer_t c;
    unsigned missed_by_int_arithmetic = 0;
    for (uint32_t start = 0; start < 65536; start += 7) {
        q->tail = q->head = (uint16_t)start;
        CHECK_ERR(sel4c_net_producer_init(&p, q, NET_CAP), SEL4C_QUEUE_OK);
        CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, 0, NET_REGION, SEL4C_NET_BUFFER_SIZE),
                  SEL4C_QUEUE_OK);
        for (uint64_t i = 0; i < NET_CAP; i++)
            CHECK_ERR(sel4c_net_enqueue(&p, net_desc(i, (uint16_t)i)), SEL4C_QUEUE_OK);
        CHECK(sel4c_net_full(&p));
        CHECK_ERR(sel4c_net_enqueue(&p, net_desc(0, 0)), SEL4C_QUEUE_EFULL);
        uint32_t len = 0;
        CHECK_ERR(sel4c_net_consumer_length(&c, &len), SEL4C_QUEUE_OK);
        CHECK(len == NET_CAP);
        if (q->tail - q->head != NET_CAP)
            missed_by_int_arithmetic++;
        for (uint64_t i = 0; i < NET_CAP; i++) {
            sel4c_net_buff_desc_t d;
            CHECK_ERR(sel4c_net_dequeue(&c, &d), SEL4C_QUEUE_OK);
            CHECK(d.io_or_offset == i * SEL4C_NET_BUFFER_SIZE && d.len == i);
        }
        CHECK(sel4c_net_empty(&c));
    }
    /* The test did cover the states sDDF 0.7 gets wrong. */
    CHECK(missed_by_int_arithmetic > 0);
    free(q);
}

static void test_net_bad(void)
{
    sel4c_net_queue_t *q = net_queue();
    sel4c_net_producer_t p;
    sel4c_net_consumer_t c;
    const uint64_t base = 0x10000000;
    CHECK_ERR(sel4c_net_producer_init(&p, q, NET_CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, base, NET_REGION, SEL4C_NET_BUFFER_SIZE),
              SEL4C_QUEUE_OK);
    struct {
        uint64_t io;
        uint16_t len;
        int err;
    } cases[] = {
        {base + 3 * 2048, 1500, SEL4C_QUEUE_OK},
        {base - 2048, 0, SEL4C_QUEUE_EBAD_OFFSET},
        {0, 0, SEL4C_QUEUE_EBAD_OFFSET},
        {base + NET_REGION, 0, SEL4C_QUEUE_EBAD_OFFSET},
        {UINT64_MAX, 0, SEL4C_QUEUE_EBAD_OFFSET},
        {base + 2048 + 4, 0, SEL4C_QUEUE_EBAD_BUFFER},
        {base + 2049, 0, SEL4C_QUEUE_EBAD_BUFFER},
        {base + 2048, 2049, SEL4C_QUEUE_EBAD_LENGTH},
        {base + 2048, 65535, SEL4C_QUEUE_EBAD_LENGTH},
        {base + (NET_CAP - 1) * 2048, 2048, SEL4C_QUEUE_OK},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sel4c_net_buff_desc_t d = {.io_or_offset = cases[i].io, .len = cases[i].len};
        CHECK_ERR(sel4c_net_enqueue(&p, d), SEL4C_QUEUE_OK);
    }
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sel4c_net_buff_desc_t d = {.io_or_offset = 42, .len = 42};
        CHECK_ERR(sel4c_net_dequeue(&c, &d), cases[i].err);
        if (cases[i].err == SEL4C_QUEUE_OK)
            CHECK(d.io_or_offset == cases[i].io && d.len == cases[i].len);
        else
            CHECK(d.io_or_offset == 42 && d.len == 42);
    }
    CHECK(sel4c_net_empty(&c));
    /* A tail far ahead, and one behind. */
    q->tail = (uint16_t)(q->head + NET_CAP + 1);
    sel4c_net_buff_desc_t d;
    CHECK_ERR(sel4c_net_dequeue(&c, &d), SEL4C_QUEUE_ECORRUPT_TAIL);
    q->tail = (uint16_t)(q->head - 1);
    CHECK_ERR(sel4c_net_dequeue(&c, &d), SEL4C_QUEUE_ECORRUPT_TAIL);
    uint32_t len;
    CHECK_ERR(sel4c_net_consumer_length(&c, &len), SEL4C_QUEUE_ECORRUPT_TAIL);
    /* A head ahead of tail. */
    q->tail = p.tail;
    q->head = (uint16_t)(p.tail + 1);
    CHECK_ERR(sel4c_net_enqueue(&p, net_desc(0, 0)), SEL4C_QUEUE_ECORRUPT_HEAD);
    CHECK_ERR(sel4c_net_producer_length(&p, &len), SEL4C_QUEUE_ECORRUPT_HEAD);
    CHECK(sel4c_net_full(&p));
    free(q);
}

static void test_net_signals(void)
{
    sel4c_net_queue_t *q = net_queue();
    sel4c_net_producer_t p;
    sel4c_net_consumer_t c;
    CHECK_ERR(sel4c_net_producer_init(&p, q, NET_CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_net_consumer_init(&c, q, NET_CAP, 0, NET_REGION, 2048), SEL4C_QUEUE_OK);
    CHECK(sel4c_net_consumer_prepare_wait(&c));
    CHECK(q->consumer_signalled == 0);
    CHECK_ERR(sel4c_net_enqueue(&p, net_desc(1, 1)), SEL4C_QUEUE_OK);
    CHECK(sel4c_net_producer_must_notify(&p));
    CHECK(q->consumer_signalled == 1);
    CHECK(!sel4c_net_producer_must_notify(&p));
    CHECK(!sel4c_net_consumer_prepare_wait(&c));
    CHECK(q->consumer_signalled == 1);
    /* A tail far ahead is nothing to take: the consumer may wait (asking to be notified), and
     * the next dequeue still reports it. */
    q->tail = (uint16_t)(q->tail + 20000);
    CHECK(sel4c_net_consumer_prepare_wait(&c));
    CHECK(q->consumer_signalled == 0);
    sel4c_net_buff_desc_t d;
    CHECK_ERR(sel4c_net_dequeue(&c, &d), SEL4C_QUEUE_ECORRUPT_TAIL);
    free(q);
}

/* ---- block ---- */

enum { BLK_CAP = 8, BLK_REGION = 16 * SEL4C_BLK_TRANSFER_SIZE };

static void test_blk(void)
{
    sel4c_blk_req_queue_t *rq =
        calloc(1, sizeof(sel4c_blk_req_queue_t) + BLK_CAP * sizeof(sel4c_blk_req_t));
    sel4c_blk_resp_queue_t *sq =
        calloc(1, sizeof(sel4c_blk_resp_queue_t) + BLK_CAP * sizeof(sel4c_blk_resp_t));
    sel4c_blk_req_producer_t rp;
    sel4c_blk_req_consumer_t rc;
    sel4c_blk_resp_producer_t sp;
    sel4c_blk_resp_consumer_t sc;
    CHECK_ERR(sel4c_blk_req_producer_init(&rp, rq, 12), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_blk_req_consumer_init(&rc, rq, BLK_CAP, UINT64_MAX, 2), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_blk_resp_consumer_init(&sc, NULL, BLK_CAP), SEL4C_QUEUE_EINVAL);
    rq->head = rq->tail = UINT32_MAX - 3;
    CHECK_ERR(sel4c_blk_req_producer_init(&rp, rq, BLK_CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_blk_req_consumer_init(&rc, rq, BLK_CAP, 0, BLK_REGION), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_blk_resp_producer_init(&sp, sq, BLK_CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_blk_resp_consumer_init(&sc, sq, BLK_CAP), SEL4C_QUEUE_OK);

    struct {
        sel4c_blk_req_t req;
        int err;
    } cases[] = {
        {{SEL4C_BLK_REQ_READ, 0, 7, 16, 1}, SEL4C_QUEUE_OK},
        {{SEL4C_BLK_REQ_WRITE, 15 * 4096, 9, 1, 2}, SEL4C_QUEUE_OK},
        {{SEL4C_BLK_REQ_WRITE, 15 * 4096, 9, 2, 3}, SEL4C_QUEUE_EBAD_LENGTH},
        {{SEL4C_BLK_REQ_READ, BLK_REGION, 0, 1, 4}, SEL4C_QUEUE_EBAD_OFFSET},
        {{SEL4C_BLK_REQ_READ, 4096, 0, 65535, 5}, SEL4C_QUEUE_EBAD_LENGTH},
        {{SEL4C_BLK_REQ_FLUSH, UINT64_MAX, 0, 65535, 6}, SEL4C_QUEUE_OK},
        {{SEL4C_BLK_REQ_BARRIER + 1, 0, 0, 1, 7}, SEL4C_QUEUE_EBAD_CODE},
        {{0xffffffffu, 0, 0, 1, 8}, SEL4C_QUEUE_EBAD_CODE},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_ERR(sel4c_blk_enqueue_req(&rp, cases[i].req), SEL4C_QUEUE_OK);
    CHECK(sel4c_blk_req_full(&rp));
    CHECK_ERR(sel4c_blk_enqueue_req(&rp, cases[0].req), SEL4C_QUEUE_EFULL);
    uint32_t len = 0;
    CHECK_ERR(sel4c_blk_req_consumer_length(&rc, &len), SEL4C_QUEUE_OK);
    CHECK(len == BLK_CAP);
    CHECK_ERR(sel4c_blk_req_producer_length(&rp, &len), SEL4C_QUEUE_OK);
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sel4c_blk_req_t r;
        CHECK_ERR(sel4c_blk_dequeue_req(&rc, &r), cases[i].err);
        /* The copy, good or bad, carries the id to answer. */
        CHECK(memcmp(&r.id, &cases[i].req.id, 4) == 0 && r.code == cases[i].req.code &&
              r.count == cases[i].req.count && r.block_number == cases[i].req.block_number);
        sel4c_blk_resp_t resp = {cases[i].err ? SEL4C_BLK_RESP_ERR_INVALID_PARAM : 0, r.count,
                                 r.id};
        CHECK_ERR(sel4c_blk_enqueue_resp(&sp, resp), SEL4C_QUEUE_OK);
    }
    CHECK(sel4c_blk_req_empty(&rc));
    sel4c_blk_req_t r;
    CHECK_ERR(sel4c_blk_dequeue_req(&rc, &r), SEL4C_QUEUE_EEMPTY);
    CHECK(sel4c_blk_resp_full(&sp));
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sel4c_blk_resp_t resp;
        CHECK_ERR(sel4c_blk_dequeue_resp(&sc, &resp), SEL4C_QUEUE_OK);
        CHECK(resp.id == cases[i].req.id);
        CHECK(resp.status == (cases[i].err ? SEL4C_BLK_RESP_ERR_INVALID_PARAM : 0u));
    }
    CHECK(sel4c_blk_resp_empty(&sc));
    /* A status sDDF does not define, and corrupt indices on both queues. */
    CHECK_ERR(sel4c_blk_enqueue_resp(&sp, (sel4c_blk_resp_t){99, 0, 42}), SEL4C_QUEUE_OK);
    sel4c_blk_resp_t resp;
    CHECK_ERR(sel4c_blk_dequeue_resp(&sc, &resp), SEL4C_QUEUE_EBAD_CODE);
    CHECK(resp.id == 42);
    sq->tail = sq->head + BLK_CAP + 1;
    CHECK_ERR(sel4c_blk_dequeue_resp(&sc, &resp), SEL4C_QUEUE_ECORRUPT_TAIL);
    CHECK_ERR(sel4c_blk_resp_consumer_length(&sc, &len), SEL4C_QUEUE_ECORRUPT_TAIL);
    sq->tail = sp.tail;
    sq->head = sp.tail + 3;
    CHECK_ERR(sel4c_blk_enqueue_resp(&sp, resp), SEL4C_QUEUE_ECORRUPT_HEAD);
    CHECK_ERR(sel4c_blk_resp_producer_length(&sp, &len), SEL4C_QUEUE_ECORRUPT_HEAD);
    rq->tail = rq->head - 1;
    CHECK_ERR(sel4c_blk_dequeue_req(&rc, &r), SEL4C_QUEUE_ECORRUPT_TAIL);
    rq->tail = rp.tail;
    rq->head = rp.tail - BLK_CAP - 1;
    CHECK_ERR(sel4c_blk_enqueue_req(&rp, cases[0].req), SEL4C_QUEUE_ECORRUPT_HEAD);
    /* The plug, and a plug byte that is neither 0 nor 1. */
    CHECK(!sel4c_blk_req_plugged(&rc));
    sel4c_blk_req_plug(&rp);
    CHECK(sel4c_blk_req_plugged(&rc));
    sel4c_blk_req_unplug(&rp);
    CHECK(!sel4c_blk_req_plugged(&rc));
    memset((char *)rq + 8, 7, 1);
    CHECK(sel4c_blk_req_plugged(&rc));
    free(rq);
    free(sq);
}

/* ---- serial ---- */

static void test_serial(void)
{
    enum { CAP = 16 };
    sel4c_serial_queue_t *q = calloc(1, sizeof *q);
    char *data = malloc(CAP);
    sel4c_serial_producer_t p;
    sel4c_serial_consumer_t c;
    CHECK_ERR(sel4c_serial_producer_init(&p, q, data, 10), SEL4C_QUEUE_EINVAL);
    CHECK_ERR(sel4c_serial_producer_init(&p, q, NULL, CAP), SEL4C_QUEUE_EINVAL);
    q->tail = q->head = UINT32_MAX - 5;
    CHECK_ERR(sel4c_serial_producer_init(&p, q, data, CAP), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_serial_consumer_init(&c, q, data, CAP), SEL4C_QUEUE_OK);
    const char *text = "the quick brown fox jumps over the lazy dog";
    char in[16], out[64];
    uint32_t done, len, sent = 0, got = 0;
    /* The stream is 'a' + position % 26, across wrapping slots and indices. */
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 11; i++)
            in[i] = (char)('a' + (sent + i) % 26);
        CHECK_ERR(sel4c_serial_enqueue_batch(&p, in, 11, &done), SEL4C_QUEUE_OK);
        CHECK(done == 11);
        sent += done;
        CHECK_ERR(sel4c_serial_enqueue(&p, (char)('a' + sent % 26)), SEL4C_QUEUE_OK);
        sent++;
        CHECK_ERR(sel4c_serial_consumer_length(&c, &len), SEL4C_QUEUE_OK);
        CHECK(len == 12);
        char ch = 0;
        CHECK_ERR(sel4c_serial_dequeue(&c, &ch), SEL4C_QUEUE_OK);
        CHECK(ch == (char)('a' + got % 26));
        got++;
        CHECK_ERR(sel4c_serial_dequeue_batch(&c, out, sizeof out, &done), SEL4C_QUEUE_OK);
        CHECK(done == 11);
        for (uint32_t i = 0; i < done; i++, got++)
            CHECK(out[i] == (char)('a' + got % 26));
        CHECK(sel4c_serial_empty(&c));
    }
    /* A line at a time: what follows the newline stays queued. */
    CHECK_ERR(sel4c_serial_enqueue_batch(&p, "ab\ncd\n", 6, &done), SEL4C_QUEUE_OK);
    CHECK_ERR(sel4c_serial_dequeue_line(&c, out, sizeof out, &done), SEL4C_QUEUE_OK);
    CHECK(done == 3 && memcmp(out, "ab\n", 3) == 0);
    CHECK_ERR(sel4c_serial_consumer_length(&c, &len), SEL4C_QUEUE_OK);
    CHECK(len == 3);
    CHECK_ERR(sel4c_serial_dequeue_line(&c, out, 1, &done), SEL4C_QUEUE_OK);
    CHECK(done == 1 && out[0] == 'c');
    CHECK_ERR(sel4c_serial_dequeue_line(&c, out, sizeof out, &done), SEL4C_QUEUE_OK);
    CHECK(done == 2 && memcmp(out, "d\n", 2) == 0);
    CHECK_ERR(sel4c_serial_dequeue_line(&c, out, sizeof out, &done), SEL4C_QUEUE_OK);
    CHECK(done == 0 && sel4c_serial_empty(&c));
    /* Full: the batch takes what fits; the producer waits, and a dequeue notifies it. */
    CHECK_ERR(sel4c_serial_enqueue_batch(&p, text, 40, &done), SEL4C_QUEUE_OK);
    CHECK(done == CAP);
    CHECK(sel4c_serial_full(&p));
    CHECK_ERR(sel4c_serial_enqueue(&p, 'x'), SEL4C_QUEUE_EFULL);
    CHECK(sel4c_serial_producer_prepare_wait(&p));
    CHECK_ERR(sel4c_serial_dequeue_batch(&c, out, 4, &done), SEL4C_QUEUE_OK);
    CHECK(done == 4 && memcmp(out, text, 4) == 0);
    CHECK(sel4c_serial_consumer_must_notify(&c));
    CHECK(!sel4c_serial_consumer_must_notify(&c));
    CHECK(!sel4c_serial_producer_prepare_wait(&p));
    CHECK(q->producer_signalled == 1);
    /* Corrupt indices. */
    q->tail = c.head + CAP + 1;
    CHECK_ERR(sel4c_serial_dequeue_batch(&c, out, 4, &done), SEL4C_QUEUE_ECORRUPT_TAIL);
    CHECK(done == 0);
    CHECK_ERR(sel4c_serial_dequeue_line(&c, out, 4, &done), SEL4C_QUEUE_ECORRUPT_TAIL);
    CHECK(done == 0);
    char ch;
    CHECK_ERR(sel4c_serial_dequeue(&c, &ch), SEL4C_QUEUE_ECORRUPT_TAIL);
    q->tail = p.tail;
    q->head = p.tail + 1;
    CHECK_ERR(sel4c_serial_enqueue_batch(&p, text, 1, &done), SEL4C_QUEUE_ECORRUPT_HEAD);
    CHECK_ERR(sel4c_serial_enqueue(&p, 'x'), SEL4C_QUEUE_ECORRUPT_HEAD);
    CHECK_ERR(sel4c_serial_producer_length(&p, &len), SEL4C_QUEUE_ECORRUPT_HEAD);
    free(q);
    free(data);
}

static void test_strerror(void)
{
    for (int e = SEL4C_QUEUE_OK; e <= SEL4C_QUEUE_EBAD_CODE; e++)
        CHECK(strcmp(sel4c_queue_strerror(e), "unknown queue error") != 0);
    CHECK(strcmp(sel4c_queue_strerror(-1), "unknown queue error") == 0);
    CHECK(strstr(sel4c_queue_strerror(SEL4C_QUEUE_ECORRUPT_TAIL), "tail") != NULL);
}

int main(void)
{
    test_generic_init();
    test_generic_single(0);
    test_generic_single(UINT32_MAX - 3);
    test_generic_single(0x7ffffffe);
    test_generic_batch();
    test_generic_corrupt();
    test_generic_signals();
    test_net_init();
    test_net_wrap();
    test_net_bad();
    test_net_signals();
    test_blk();
    test_serial();
    test_strerror();
    return check_result("queue unit tests");
}
