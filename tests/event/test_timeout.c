/*
 * The timeout bookkeeping (lib/event/timeout.c) against a reference: order, equal
 * deadlines, cancel in every position, 10^5 timeouts, periodic re-arm without drift, a clock
 * and deadlines that wrap, and callbacks that start and cancel timeouts.
 */
#include <stdlib.h>

#include <sel4c/timeout.h>

#include "check.h"

static uint64_t fired[200000];
static size_t nfired;

static void record(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    if (nfired < sizeof fired / sizeof fired[0])
        fired[nfired++] = (uint64_t)(uintptr_t)arg;
}

static void start(sel4c_timeouts_t *set, sel4c_timeout_t *t, uint64_t deadline, uint64_t period,
                  uint64_t id)
{
    CHECK(sel4c_timeouts_start(set, t, deadline, period, record, (void *)(uintptr_t)id) ==
          SEL4C_NO_ERROR);
}

/* The heap's own invariants: each node's links and order, and the count. */
static size_t check_node(const sel4c_timeout_t *n, const sel4c_timeout_t *parent)
{
    size_t count = 0;
    const sel4c_timeout_t *prev = parent;
    for (const sel4c_timeout_t *c = n; c; c = c->next) {
        CHECK(c->pending && c->prev == prev);
        if (parent)
            CHECK(!sel4c_time_before(c->deadline, parent->deadline));
        count += 1 + check_node(c->child, c);
        prev = c;
    }
    return count;
}

static void check_heap(const sel4c_timeouts_t *set)
{
    if (set->root)
        CHECK(set->root->prev == NULL && set->root->next == NULL);
    CHECK_EQ_U64(check_node(set->root, NULL), sel4c_timeouts_count(set));
}

static void test_order_and_equal(void)
{
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    static sel4c_timeout_t t[64];
    /* deadlines 0..15, each four times; ids in start order */
    for (unsigned i = 0; i < 64; i++)
        start(&set, &t[i], 1000 + (i * 7) % 16, 0, i);
    check_heap(&set);
    nfired = 0;
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, 999), 0);
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, 1007), 32);
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, 2000), 32);
    CHECK_EQ_U64(nfired, 64);
    for (size_t k = 1; k < nfired; k++) {
        uint64_t a = fired[k - 1], b = fired[k];
        uint64_t da = (a * 7) % 16, db = (b * 7) % 16;
        CHECK(da < db || (da == db && a < b)); /* equal deadlines: start order */
    }
    CHECK(sel4c_timeouts_count(&set) == 0 && !sel4c_timeout_pending(&t[0]));
    /* refusals change nothing */
    CHECK(sel4c_timeouts_start(&set, &t[0], 1, 0, NULL, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_timeouts_start(&set, &t[0], 1, SEL4C_TIMEOUT_MAX_DELAY + 1, record, NULL) ==
          SEL4C_RANGE_ERROR);
    CHECK(sel4c_timeouts_count(&set) == 0 && !sel4c_timeout_pending(&t[0]));
}

/* For n timeouts, cancel each position (in order of deadline) after shaping the heap by an
 * expiry, and check the rest fire in order. */
static void test_cancel_every_position(void)
{
    enum { N = 40 };
    for (unsigned victim = 0; victim < N; victim++) {
        for (unsigned shape = 0; shape < 3; shape++) {
            sel4c_timeouts_t set;
            sel4c_timeouts_init(&set);
            sel4c_timeout_t t[N + 1] = {0};
            start(&set, &t[N], 5, 0, N); /* expired first to restructure the heap */
            for (unsigned i = 0; i < N; i++) {
                unsigned j = (i * 17 + shape * 5) % N; /* a permutation */
                start(&set, &t[j], 100 + j, 0, j);
            }
            if (shape)
                CHECK_EQ_U64(sel4c_timeouts_expire(&set, 10), 1);
            CHECK(sel4c_timeouts_cancel(&set, &t[victim]));
            CHECK(!sel4c_timeouts_cancel(&set, &t[victim]));
            check_heap(&set);
            nfired = 0;
            sel4c_timeouts_expire(&set, 1000);
            size_t want = shape ? N - 1 : N; /* shape 0 fires t[N] too */
            CHECK_EQ_U64(nfired, want);
            uint64_t last = 0;
            for (size_t k = shape ? 0 : 1; k < nfired; k++) {
                CHECK(fired[k] != victim && fired[k] >= last);
                last = fired[k];
            }
        }
    }
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* 10^5 random timeouts, a third cancelled, the rest expiring in deadline order in steps. */
static void test_many(void)
{
    enum { N = 100000 };
    sel4c_timeout_t *t = calloc(N, sizeof *t);
    uint64_t *want = calloc(N, sizeof *want);
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    for (unsigned i = 0; i < N; i++)
        start(&set, &t[i], (next_random() % 1000000) << 20 | i, 0, i);
    size_t nwant = 0;
    for (unsigned i = 0; i < N; i++) {
        if (i % 3 == 1)
            CHECK(sel4c_timeouts_cancel(&set, &t[i]));
        else
            want[nwant++] = sel4c_timeout_deadline(&t[i]);
    }
    CHECK_EQ_U64(sel4c_timeouts_count(&set), nwant);
    qsort(want, nwant, sizeof *want, cmp_u64);
    nfired = 0;
    for (uint64_t now = 0; now <= (1000000ull << 20); now += 1ull << 30)
        sel4c_timeouts_expire(&set, now);
    sel4c_timeouts_expire(&set, UINT64_C(1) << 62);
    CHECK_EQ_U64(nfired, nwant);
    size_t bad = 0;
    for (size_t k = 0; k < nfired && k < nwant; k++)
        bad += sel4c_timeout_deadline(&t[fired[k]]) != want[k];
    CHECK_EQ_U64(bad, 0);
    free(t);
    free(want);
}

/* Periodic: deadlines stay start + k * period whatever the lateness; missed periods are
 * skipped. */
static void test_periodic(void)
{
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    sel4c_timeout_t p = {0};
    start(&set, &p, 1000, 100, 7);
    nfired = 0;
    uint64_t now = 1000;
    for (unsigned k = 0; k < 1000; k++) {
        uint64_t due = sel4c_timeout_deadline(&p);
        CHECK_EQ_U64((due - 1000) % 100, 0);
        now = due + next_random() % 60; /* late by up to 59 ns: no period missed */
        CHECK_EQ_U64(sel4c_timeouts_expire(&set, now), 1);
        CHECK_EQ_U64(sel4c_timeout_deadline(&p), due + 100);
    }
    /* 350 ns late: three periods missed, one callback, next deadline on the grid */
    uint64_t due = sel4c_timeout_deadline(&p);
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, due + 350), 1);
    CHECK_EQ_U64(sel4c_timeout_deadline(&p), due + 400);
    CHECK_EQ_U64(nfired, 1001);
    CHECK(sel4c_timeouts_cancel(&set, &p) && sel4c_timeouts_count(&set) == 0);
}

/* Wrap-around: a clock near 2^64 with deadlines on both sides of the wrap. */
static void test_wrap(void)
{
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    sel4c_timeout_t t[6] = {0};
    uint64_t base = UINT64_MAX - 250;
    for (unsigned i = 0; i < 6; i++)
        start(&set, &t[i], base + (5 - i) * 100, 0, 5 - i); /* ids = order of deadlines */
    nfired = 0;
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, base + 150), 2); /* before the wrap */
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, base + 260), 1); /* just after: now is 9 */
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, 400), 3);
    CHECK_EQ_U64(nfired, 6);
    for (unsigned k = 0; k < nfired; k++)
        CHECK_EQ_U64(fired[k], k);
    /* a periodic timeout across the wrap */
    sel4c_timeout_t p = {0};
    start(&set, &p, UINT64_MAX - 10, 8, 9);
    CHECK_EQ_U64(sel4c_timeouts_expire(&set, 3), 1); /* due -11 + 8k: next is 5 */
    CHECK_EQ_U64(sel4c_timeout_deadline(&p), 5);
    CHECK(sel4c_time_before(UINT64_MAX, 0) && !sel4c_time_before(0, UINT64_MAX));
}

/* Callbacks that start and cancel timeouts, their own included. */
static sel4c_timeouts_t cb_set;
static sel4c_timeout_t cb_t[4];
static unsigned self_restarts;

static void restarts_itself(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    self_restarts++;
    /* already due: must wait for the next expire call */
    CHECK(sel4c_timeouts_start(&cb_set, t, 0, 0, restarts_itself, NULL) == SEL4C_NO_ERROR);
}

static void cancels_next(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    record(t, arg);
    CHECK(sel4c_timeouts_cancel(&cb_set, &cb_t[2]));
    CHECK(sel4c_timeouts_start(&cb_set, &cb_t[3], 20, 0, record, (void *)3) == SEL4C_NO_ERROR);
}

static void test_callbacks(void)
{
    sel4c_timeouts_init(&cb_set);
    CHECK(sel4c_timeouts_start(&cb_set, &cb_t[0], 10, 0, restarts_itself, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_timeouts_start(&cb_set, &cb_t[1], 11, 0, cancels_next, (void *)1) ==
          SEL4C_NO_ERROR);
    start(&cb_set, &cb_t[2], 12, 0, 2);
    nfired = 0;
    CHECK_EQ_U64(sel4c_timeouts_expire(&cb_set, 100), 2); /* restarts_itself, cancels_next */
    CHECK_EQ_U64(self_restarts, 1);
    CHECK_EQ_U64(nfired, 1);
    CHECK(sel4c_timeout_pending(&cb_t[0]) && sel4c_timeout_pending(&cb_t[3]));
    check_heap(&cb_set);
    CHECK_EQ_U64(sel4c_timeouts_count(&cb_set), 2);
    /* cancelling the one set aside (restarted again by itself) works */
    CHECK(sel4c_timeouts_cancel(&cb_set, &cb_t[0]));
    CHECK_EQ_U64(sel4c_timeouts_expire(&cb_set, 100), 1);
    CHECK_EQ_U64(fired[1], 3);
    CHECK_EQ_U64(sel4c_timeouts_count(&cb_set), 0);
}

int main(void)
{
    test_order_and_equal();
    test_cancel_every_position();
    test_many();
    test_periodic();
    test_wrap();
    test_callbacks();
    return check_done("test_timeout");
}
