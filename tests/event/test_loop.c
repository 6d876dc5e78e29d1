/*
 * The event loop's dispatch, the timer client against a fake driver, and tasks driven by
 * both: handler order, registration and cancellation during dispatch, readiness, refusals,
 * re-arming (one request per earlier deadline, none on cancel, refusals reported), every
 * timeout once, in order and never early with drivers that keep every deadline (sel4c's) or
 * only the last (sDDF's), drift-free periods, and tasks that sleep, wait
 * on conditions, channels and ready queues, with misuse panicking by name.
 */
#include <sel4c/event.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>

#include "check.h"
#include "fake_driver.h"
#include "panic.h"

static char log_buf[512];
static void say(const char *s)
{
    strncat(log_buf, s, sizeof log_buf - strlen(log_buf) - 1);
}
#define EXPECT_LOG(want)                                                                           \
    do {                                                                                           \
        if (strcmp(log_buf, want)) {                                                               \
            fprintf(stderr, "%s:%d: log \"%s\", expected \"%s\"\n", __FILE__, __LINE__, log_buf,   \
                    want);                                                                         \
            check_failures++;                                                                      \
        }                                                                                          \
        log_buf[0] = '\0';                                                                         \
    } while (0)

/* Handlers: each logs its letter; some act on the others. */
static sel4c_event_handler_t ha, hb, hc, hd, he;
static unsigned a_mode;

static void on_d(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    say("D");
}

static void on_a(unsigned ch, void *arg)
{
    (void)arg;
    CHECK(ch == 3);
    say("A");
    if (a_mode == 1) /* registers D: not in this dispatch */
        CHECK(sel4c_event_on_notify(&hd, 3, on_d, NULL) == SEL4C_NO_ERROR);
    if (a_mode == 2) /* cancels B, the next one: B does not run */
        CHECK(sel4c_event_cancel(&hb));
    a_mode = 0;
}

static void on_b(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    say("B");
}

static void on_c(unsigned ch, void *arg)
{
    (void)arg;
    say("C");
    /* cancels and registers itself again: it runs once per dispatch, last */
    CHECK(sel4c_event_cancel(&hc));
    CHECK(sel4c_event_on_notify(&hc, ch, on_c, NULL) == SEL4C_NO_ERROR);
}

static int ready_items;
static bool is_ready(void *arg)
{
    (void)arg;
    return ready_items > 0;
}

static void on_e(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    say("E");
    ready_items--;
}

static void test_dispatch(void)
{
    CHECK(sel4c_event_on_notify(&ha, 3, on_a, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_event_on_notify(&hb, 3, on_b, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_event_on_notify(&hc, 3, on_c, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_event_on_ready(&he, 4, is_ready, on_e, NULL) == SEL4C_NO_ERROR);
    sel4c_event_dispatch(3);
    EXPECT_LOG("ABC");
    a_mode = 1;
    sel4c_event_dispatch(3);
    EXPECT_LOG("ABC");
    sel4c_event_dispatch(3); /* C registered itself again after D */
    EXPECT_LOG("ABDC");
    a_mode = 2;
    sel4c_event_dispatch(3);
    EXPECT_LOG("ADC");
    sel4c_event_dispatch(4);
    EXPECT_LOG("");
    ready_items = 2; /* runs while ready */
    sel4c_event_dispatch(4);
    EXPECT_LOG("EE");
    /* refusals */
    sel4c_event_handler_t x = {0};
    CHECK(sel4c_event_on_notify(&x, 62, on_d, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_event_on_notify(&x, 1, NULL, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_event_on_ready(&x, 1, NULL, on_d, NULL) == SEL4C_INVALID_ARGUMENT);
    CHECK(sel4c_event_on_notify(&ha, 5, on_a, NULL) == SEL4C_ILLEGAL_OPERATION);
    CHECK(!x.registered && !sel4c_event_cancel(&x));
    sel4c_event_dispatch(99); /* reported, ignored */
    EXPECT_LOG("");
    CHECK(sel4c_event_cancel(&ha) && sel4c_event_cancel(&hc) && sel4c_event_cancel(&hd) &&
          sel4c_event_cancel(&he) && !sel4c_event_cancel(&hb));
    sel4c_event_dispatch(3);
    EXPECT_LOG("");
}

static sel4c_timer_t timer;
static uint64_t fired_at[3000], fired_deadline[3000];
static unsigned nfired;

static void record(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    fired_at[nfired] = fake_now;
    fired_deadline[nfired++] = sel4c_timeout_deadline(t);
}

static void test_rearm(void)
{
    static sel4c_timeout_t t[4];
    fake_now = 1000;
    unsigned req = fake_requests;
    CHECK(sel4c_timer_after(&timer, &t[0], 500, record, NULL) == SEL4C_NO_ERROR);
    CHECK_EQ_U64(fake_requests, req + 1); /* 1500 */
    CHECK(sel4c_timer_after(&timer, &t[1], 700, record, NULL) == SEL4C_NO_ERROR);
    CHECK_EQ_U64(fake_requests, req + 1); /* later: the driver notifies at 1500 anyway */
    CHECK(sel4c_timer_after(&timer, &t[2], 100, record, NULL) == SEL4C_NO_ERROR);
    CHECK_EQ_U64(fake_requests, req + 2); /* earlier: 1100 asked */
    CHECK(sel4c_timer_cancel(&timer, &t[2]));
    CHECK_EQ_U64(fake_requests, req + 2); /* cancelling asks nothing */
    nfired = 0;
    CHECK(fake_advance() && fake_now == 1100); /* early: nothing due */
    CHECK_EQ_U64(nfired, 0);
    CHECK_EQ_U64(fake_requests, req + 3); /* 1500 again: only the last request counts */
    CHECK(fake_advance() && fake_now == 1500);
    CHECK_EQ_U64(nfired, 1);
    CHECK_EQ_U64(fake_requests, req + 4); /* 1700 asked */
    CHECK(fake_advance() && fake_now == 1700);
    CHECK_EQ_U64(nfired, 2);
    CHECK(!fake_advance() && fake_count == 0);
    /* refusal: the driver holds one deadline at most */
    fake_bound = 1;
    CHECK(sel4c_timer_after(&timer, &t[0], 500, record, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_timer_after(&timer, &t[1], 100, record, NULL) == SEL4C_NOT_ENOUGH_MEMORY);
    CHECK(!sel4c_timeout_pending(&t[1]) && sel4c_timeout_pending(&t[0]));
    fake_bound = 64;
    CHECK(sel4c_timer_after(&timer, &t[1], SEL4C_TIMEOUT_MAX_DELAY + 1, record, NULL) ==
          SEL4C_RANGE_ERROR);
    CHECK(sel4c_timer_every(&timer, &t[1], 0, record, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_timer_after(&timer, &t[1], 1, NULL, NULL) == SEL4C_INVALID_ARGUMENT);
    while (fake_advance())
        ;
    CHECK_EQ_U64(nfired, 3);
}

static uint64_t rnd = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

/* Timeouts started from callbacks as time goes: each fires once, in order, never early, and
 * exactly at its deadline (the fake driver is exact). A driver bound of 8 is never hit. */
static sel4c_timeout_t many[2000];
static unsigned started;

static void chain(sel4c_timeout_t *t, void *arg)
{
    record(t, arg);
    for (int k = 0; k < 2 && started < 2000; k++, started++)
        CHECK(sel4c_timer_after(&timer, &many[started], next_random() % 100000, chain, NULL) ==
              SEL4C_NO_ERROR);
}

static void test_many(bool replace)
{
    fake_replace = replace;
    fake_bound = 8;
    fake_max_held = 0;
    nfired = 0;
    unsigned long refusals = timer.refusals;
    started = 0;
    for (; started < 5; started++)
        CHECK(sel4c_timer_after(&timer, &many[started], next_random() % 100000, chain, NULL) ==
              SEL4C_NO_ERROR);
    while (fake_advance())
        ;
    CHECK_EQ_U64(nfired, 2000);
    unsigned bad = 0;
    for (unsigned k = 0; k < nfired; k++) {
        bad += fired_at[k] != fired_deadline[k];
        if (k)
            bad += fired_deadline[k] < fired_deadline[k - 1];
    }
    CHECK_EQ_U64(bad, 0);
    CHECK_EQ_U64(timer.refusals, refusals);
    CHECK(fake_max_held <= 8);
    fake_bound = 64;
    fake_replace = false;
}

/* A periodic timeout with a driver that notifies late: the deadlines stay on the grid. */
static void test_periodic(void)
{
    static sel4c_timeout_t p;
    uint64_t start = fake_now;
    nfired = 0;
    CHECK(sel4c_timer_every(&timer, &p, 1000, record, NULL) == SEL4C_NO_ERROR);
    for (unsigned k = 0; k < 100; k++) {
        fake_now += next_random() % 300; /* the notification is late */
        CHECK(fake_advance());
    }
    CHECK_EQ_U64(nfired, 100);
    for (unsigned k = 0; k < nfired; k++)
        CHECK_EQ_U64(fired_deadline[k], start + 1000 * (k + 2)); /* already the next one */
    CHECK(sel4c_timer_cancel(&timer, &p));
    while (fake_advance())
        ;
    CHECK_EQ_U64(nfired, 100);
}

/* Tasks: sleepers, a waiter on a condition a handler signals, a waiter on a channel, a
 * consumer of a fake queue. */
#define STACK 16384
static _Alignas(16) char stacks[6][STACK];
static sel4c_task_t tasks[6];
static sel4c_cond_t cond = SEL4C_COND_INIT;
static sel4c_event_handler_t signaller;
static int queue_items;

static void sleeper(void *arg)
{
    uint64_t ns = (uint64_t)(uintptr_t)arg;
    for (int i = 0; i < 3; i++) {
        uint64_t before = fake_now;
        CHECK(sel4c_task_sleep(ns) == SEL4C_NO_ERROR);
        CHECK(fake_now - before >= ns);
        say(ns == 100 ? "s" : "S");
    }
}

static void cond_waiter(void *arg)
{
    (void)arg;
    sel4c_task_wait(&cond);
    say("W");
}

static void channel_waiter(void *arg)
{
    (void)arg;
    sel4c_task_wait_channel(7);
    say("7");
}

static bool have_items(void *arg)
{
    return *(int *)arg > 0;
}

static void consumer(void *arg)
{
    for (int got = 0; got < 2; got++) {
        sel4c_task_wait_ready(8, have_items, arg);
        (*(int *)arg)--;
        say("Q");
    }
}

static void yielder(void *arg)
{
    (void)arg;
    say("y");
    sel4c_task_yield();
    say("Y");
}

static void signal_cond(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    sel4c_cond_signal(&cond);
}

static void test_tasks(void)
{
    CHECK(sel4c_task_spawn(&tasks[0], "fast", stacks[0], STACK, sleeper, (void *)100) ==
          SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[1], "slow", stacks[1], STACK, sleeper, (void *)250) ==
          SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[2], "cond", stacks[2], STACK, cond_waiter, NULL) ==
          SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[3], "chan", stacks[3], STACK, channel_waiter, NULL) ==
          SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[4], "queue", stacks[4], STACK, consumer, &queue_items) ==
          SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[5], "yield", stacks[5], STACK, yielder, NULL) == SEL4C_NO_ERROR);
    CHECK(sel4c_task_spawn(&tasks[5], "again", stacks[5], STACK, yielder, NULL) ==
          SEL4C_ILLEGAL_OPERATION);
    CHECK(sel4c_event_on_notify(&signaller, 9, signal_cond, NULL) == SEL4C_NO_ERROR);
    sel4c_event_run();
    EXPECT_LOG("yY");
    CHECK(sel4c_task_done(&tasks[5]) && !sel4c_task_done(&tasks[0]));
    sel4c_event_dispatch(9); /* the handler signals: the waiter runs after it */
    EXPECT_LOG("W");
    sel4c_event_dispatch(8); /* nothing in the queue: the consumer waits on */
    EXPECT_LOG("");
    queue_items = 2;
    sel4c_event_dispatch(8);
    EXPECT_LOG("QQ");
    sel4c_event_dispatch(7);
    EXPECT_LOG("7");
    uint64_t t0 = fake_now;
    while (fake_advance())
        ;
    EXPECT_LOG("ssSsSS"); /* at 100, 200, 250, 300, 500, 750 */
    CHECK_EQ_U64(fake_now - t0, 750);
    for (int i = 0; i < 6; i++)
        CHECK(sel4c_task_done(&tasks[i]));
    sel4c_event_dispatch(9); /* no waiter: the signal is lost, nothing breaks */
    EXPECT_LOG("");
    /* bad spawns */
    sel4c_task_t t = {0};
    CHECK(sel4c_task_spawn(&t, "x", stacks[0] + 8, STACK - 16, yielder, NULL) ==
          SEL4C_ALIGNMENT_ERROR);
    CHECK(sel4c_task_spawn(&t, "x", stacks[0], 512, yielder, NULL) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_task_spawn(&t, "x", stacks[0], STACK, NULL, NULL) == SEL4C_INVALID_ARGUMENT);
}

/* Queues: a handler draining a sel4c_queue on notifications, a task waiting for entries; the
 * producer is told to notify exactly when the consumer side waits; a corrupt queue is run a
 * bounded number of times. */
static _Alignas(64) unsigned char qregion[2][128 + 8 * sizeof(uint64_t)];
static sel4c_queue_producer_t qprod[2];
static sel4c_queue_consumer_t qcons[2];
static sel4c_event_handler_t qhandler;
static unsigned drained, drain_runs, drain_errors;

static void drain(unsigned ch, void *arg)
{
    (void)ch;
    uint64_t v;
    drain_runs++;
    int err = sel4c_queue_dequeue(arg, &v); /* one per run: the loop calls again */
    if (err == SEL4C_QUEUE_OK)
        drained++;
    else
        drain_errors++;
}

static void queue_task(void *arg)
{
    uint64_t v;
    for (int i = 0; i < 3; i++) {
        sel4c_task_wait_queue(arg, 11);
        CHECK(sel4c_queue_dequeue(arg, &v) == SEL4C_QUEUE_OK && v == (uint64_t)i);
        say("q");
    }
}

static void produce(unsigned q, uint64_t v, bool expect_notify)
{
    CHECK(sel4c_queue_enqueue(&qprod[q], &v) == SEL4C_QUEUE_OK);
    CHECK(sel4c_queue_producer_must_notify(&qprod[q]) == expect_notify);
}

static void test_queues(void)
{
    for (int q = 0; q < 2; q++) {
        CHECK(sel4c_queue_producer_init(&qprod[q], qregion[q], sizeof qregion[q], 8, 8) ==
              SEL4C_QUEUE_OK);
        CHECK(sel4c_queue_consumer_init(&qcons[q], qregion[q], sizeof qregion[q], 8, 8) ==
              SEL4C_QUEUE_OK);
    }
    CHECK(sel4c_event_on_ready(&qhandler, 10, sel4c_queue_consumer_ready, drain, &qcons[0]) ==
          SEL4C_NO_ERROR);
    /* a zeroed queue asks for a notification: the first entry brings one */
    produce(0, 1, true);
    produce(0, 2, false); /* no new request yet */
    produce(0, 3, false);
    sel4c_event_dispatch(10);
    CHECK_EQ_U64(drained, 3);
    CHECK_EQ_U64(drain_runs, 3);
    produce(0, 4, true); /* the dispatch ended by asking again */
    sel4c_event_dispatch(10);
    CHECK_EQ_U64(drained, 4);

    static sel4c_task_t t;
    CHECK(sel4c_task_spawn(&t, "queue", stacks[0], STACK, queue_task, &qcons[1]) == SEL4C_NO_ERROR);
    produce(1, 0, true); /* before the task ever ran: no wait */
    sel4c_event_run();
    EXPECT_LOG("q");
    sel4c_event_dispatch(11); /* a stale notification: the task waits on */
    EXPECT_LOG("");
    produce(1, 1, true);
    produce(1, 2, false);
    sel4c_event_dispatch(11);
    EXPECT_LOG("qq");
    CHECK(sel4c_task_done(&t));

    /* a peer writes a tail far ahead: the handler runs a bounded number of times */
    ((sel4c_queue_header_t *)qregion[0])->tail += 1000;
    drain_runs = drain_errors = 0;
    sel4c_event_dispatch(10);
    CHECK_EQ_U64(drain_runs, SEL4C_EVENT_READY_RUNS);
    CHECK_EQ_U64(drain_errors, SEL4C_EVENT_READY_RUNS);
    CHECK(sel4c_event_cancel(&qhandler));
}

/* Misuse, each in a child process. */
static void wait_in_handler_fn(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    sel4c_task_wait(&cond);
}
static void wait_in_handler(void)
{
    static sel4c_event_handler_t h;
    CHECK(sel4c_event_on_notify(&h, 20, wait_in_handler_fn, NULL) == SEL4C_NO_ERROR);
    sel4c_event_dispatch(20);
}
static void dispatch_in_handler_fn(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    sel4c_event_dispatch(3);
}
static void dispatch_in_handler(void)
{
    static sel4c_event_handler_t h;
    CHECK(sel4c_event_on_notify(&h, 21, dispatch_in_handler_fn, NULL) == SEL4C_NO_ERROR);
    sel4c_event_dispatch(21);
}
static void run_in_task_fn(void *arg)
{
    (void)arg;
    sel4c_event_run();
}
static void run_in_task(void)
{
    static sel4c_task_t t;
    CHECK(sel4c_task_spawn(&t, "runner", stacks[0], STACK, run_in_task_fn, NULL) == SEL4C_NO_ERROR);
    sel4c_event_run();
}
static void yield_outside(void)
{
    sel4c_task_yield();
}

static void test_misuse(void)
{
    expect_panic(wait_in_handler, "sel4c_task_wait: called outside a task");
    expect_panic(dispatch_in_handler, "sel4c_event_dispatch: called from a handler");
    expect_panic(run_in_task, "sel4c_event_run: called from task 'runner'");
    expect_panic(yield_outside, "sel4c_task_yield: called outside a task");
}

int main(void)
{
    test_dispatch();
    CHECK(sel4c_timer_init(&timer, fake_channel) == SEL4C_NO_ERROR);
    sel4c_timer_t bad = {0};
    CHECK(sel4c_timer_init(&bad, 70) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_timer_init(&timer, fake_channel) == SEL4C_ILLEGAL_OPERATION);
    test_rearm();
    test_many(false); /* as sel4c's driver */
    test_many(true);  /* as sDDF's */
    test_periodic();
    test_tasks();
    test_queues();
    test_misuse();
    return check_done("test_loop");
}
