/*
 * Host figures of lib/event (x86-64, -O2, no sanitizers): the cost of a task switch, and of
 * starting, cancelling and expiring timeouts in sets of several sizes. Prints figures;
 * asserts nothing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sel4c/task.h>
#include <sel4c/timeout.h>

uint64_t sel4c_timer_driver_time(unsigned ch)
{
    (void)ch;
    abort();
}
bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay)
{
    (void)ch;
    (void)delay;
    abort();
}
void sel4c_panic(const char *fmt, ...)
{
    (void)fmt;
    abort();
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

enum { YIELDS = 1000000 };
static _Alignas(16) char stacks[2][16384];
static sel4c_task_t tasks[2];

static void yielder(void *arg)
{
    (void)arg;
    for (int i = 0; i < YIELDS; i++)
        sel4c_task_yield();
}

static void noop(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
}

static uint64_t rnd = 88172645463325252ull;
static uint64_t next_random(void)
{
    rnd ^= rnd << 13;
    rnd ^= rnd >> 7;
    rnd ^= rnd << 17;
    return rnd;
}

static void timeouts(size_t n)
{
    sel4c_timeout_t *t = malloc(n * sizeof *t);
    memset(t, 0, n * sizeof *t); /* touched before timing: no page faults counted */
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    double t0 = now_ns();
    for (size_t i = 0; i < n; i++)
        if (sel4c_timeouts_start(&set, &t[i], next_random() % 1000000000, 0, noop, NULL))
            abort();
    double t1 = now_ns();
    for (size_t i = 0; i < n; i += 2)
        sel4c_timeouts_cancel(&set, &t[i]);
    double t2 = now_ns();
    size_t ran = sel4c_timeouts_expire(&set, 1000000000);
    double t3 = now_ns();
    printf("bench/event: %zu timeouts: start %.1f ns, cancel (half) %.1f ns, expire (the "
           "rest, %zu) %.1f ns each\n",
           n, (t1 - t0) / n, (t2 - t1) / (n / 2), ran, (t3 - t2) / ran);
    free(t);
}

int main(void)
{
    for (int i = 0; i < 2; i++)
        if (sel4c_task_spawn(&tasks[i], "yield", stacks[i], sizeof stacks[i], yielder, NULL))
            abort();
    double t0 = now_ns();
    sel4c_event_run();
    double t1 = now_ns();
    /* each yield is two switches: to the loop and back */
    printf("bench/event: task yield (two context switches) %.1f ns\n", (t1 - t0) / (2.0 * YIELDS));
    timeouts(1000);
    timeouts(100000);
    timeouts(1000000);
    return 0;
}
