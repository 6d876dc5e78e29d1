/*
 * The event loop on seL4 (event.system): tasks that sleep on the timer client, a task
 * woken by a handler of the pinger's notifications that answers each, a task consuming a
 * shared queue from the producer PD, and a periodic timeout, all in one PD. Success:
 *   evloop: PASS 3 sleepers, 100 pings answered, 1000 queue entries in order, 20 periodic
 *   ticks on the grid
 * Any line with FAIL is a failure.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/queue.h>
#include <sel4c/task.h>
#include <sel4c/timer.h>

#define TIMER    0
#define PINGER   1
#define PRODUCER 2
#define PINGS    100
#define ENTRIES  1000
#define TICKS    20
#define PERIOD   (5 * SEL4C_MS)

static sel4c_timer_t timer;
static _Alignas(16) char stacks[5][8192];
static sel4c_task_t tasks[5];
static unsigned finished;

static void finish(const char *what)
{
    printf("evloop: %s done\n", what);
    if (++finished == 6)
        printf("evloop: PASS 3 sleepers, %u pings answered, %u queue entries in order, %u "
               "periodic ticks on the grid\n",
               PINGS, ENTRIES, TICKS);
}

static void sleeper(void *arg)
{
    uint64_t ms = (uintptr_t)arg;
    for (unsigned i = 0; i < 4; i++) {
        uint64_t before = sel4c_timer_now(&timer);
        sel4c_err_t err = sel4c_task_sleep(ms * SEL4C_MS);
        uint64_t slept = sel4c_timer_now(&timer) - before;
        if (err != SEL4C_NO_ERROR || slept < ms * SEL4C_MS)
            printf("evloop: FAIL task '%s': sleep %d, %llu ns of %llu ms\n",
                   sel4c_task_self()->name, (int)err, (unsigned long long)slept,
                   (unsigned long long)ms);
    }
    finish(sel4c_task_self()->name);
}

/* The pinger's notifications: a handler counts them and wakes the answering task. */
static sel4c_event_handler_t ping_handler;
static sel4c_cond_t pinged = SEL4C_COND_INIT;
static unsigned pings_seen, pings_answered;

static void on_ping(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    pings_seen++;
    sel4c_cond_signal(&pinged);
}

static void answerer(void *arg)
{
    (void)arg;
    while (pings_answered < PINGS) {
        while (pings_answered == pings_seen)
            sel4c_task_wait(&pinged);
        pings_answered++;
        microkit_notify(PINGER);
    }
    finish("answerer");
}

/* The producer's queue, consumed by a task. */
uintptr_t queue_region; /* setvar_vaddr */
uintptr_t queue_size;   /* setvar_size */
static sel4c_queue_consumer_t queue;

static void consumer(void *arg)
{
    (void)arg;
    for (uint64_t want = 0; want < ENTRIES; want++) {
        sel4c_task_wait_queue(&queue, PRODUCER);
        uint64_t got;
        int err = sel4c_queue_dequeue(&queue, &got);
        if (err != SEL4C_QUEUE_OK || got != want) {
            printf("evloop: FAIL queue entry %llu: %s, got %llu\n", (unsigned long long)want,
                   sel4c_queue_strerror(err), (unsigned long long)got);
            return;
        }
        if (sel4c_queue_consumer_must_notify(&queue))
            microkit_notify(PRODUCER);
    }
    finish("consumer");
}

/* A periodic timeout: every deadline on the grid of its first, none run early. */
static sel4c_timeout_t periodic;
static uint64_t origin;
static unsigned ticks;

static void tick(sel4c_timeout_t *t, void *arg)
{
    (void)arg;
    uint64_t due = sel4c_timeout_deadline(t) - PERIOD; /* the one that expired */
    uint64_t now = sel4c_timer_now(&timer);
    if ((due - origin) % PERIOD || now < due)
        printf("evloop: FAIL tick %u: deadline %llu off the grid of %llu or early (now %llu)\n",
               ticks, (unsigned long long)due, (unsigned long long)origin, (unsigned long long)now);
    if (++ticks == TICKS) {
        sel4c_timer_cancel(&timer, t);
        finish("periodic");
    }
}

static void check(sel4c_err_t err, const char *what)
{
    if (err != SEL4C_NO_ERROR)
        printf("evloop: FAIL %s: error %d\n", what, (int)err);
}

void init(void)
{
    check(sel4c_timer_init(&timer, TIMER), "sel4c_timer_init");
    check(sel4c_event_on_notify(&ping_handler, PINGER, on_ping, NULL), "sel4c_event_on_notify");
    static const char *const names[] = {"sleep10", "sleep15", "sleep25"};
    static const unsigned ms[] = {10, 15, 25};
    for (unsigned i = 0; i < 3; i++)
        check(sel4c_task_spawn(&tasks[i], names[i], stacks[i], sizeof stacks[i], sleeper,
                               (void *)(uintptr_t)ms[i]),
              "sel4c_task_spawn");
    check(sel4c_task_spawn(&tasks[3], "answerer", stacks[3], sizeof stacks[3], answerer, NULL),
          "sel4c_task_spawn");
    if (sel4c_queue_consumer_init(&queue, (void *)queue_region, queue_size, 8, 16) !=
        SEL4C_QUEUE_OK)
        printf("evloop: FAIL sel4c_queue_consumer_init\n");
    check(sel4c_task_spawn(&tasks[4], "consumer", stacks[4], sizeof stacks[4], consumer, NULL),
          "sel4c_task_spawn");
    check(sel4c_timer_every(&timer, &periodic, PERIOD, tick, NULL), "sel4c_timer_every");
    origin = sel4c_timeout_deadline(&periodic);
    sel4c_event_run();
}

void notified(microkit_channel ch)
{
    sel4c_event_dispatch(ch);
}
