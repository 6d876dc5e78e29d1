/*
 * A client of the timer driver (timer.system) through the protocol's PP calls.
 *
 * First it sets TOTAL timeouts at random deadlines, OUTSTANDING at a time, and checks on each
 * notification which are due. The driver takes its own clock reading for a SET_TIMEOUT, so
 * the client knows a deadline only between [time before the call + timeout, time after +
 * timeout]. A timeout counts as fired at the first notification after which the time is past
 * the lower end. Notifications coalesce, so a wake may find nothing due: that happens only
 * when an earlier wake took a timeout whose own notification was still on its way (it saw two
 * or more due, or one whose deadline it could not tell apart from the time). More wakes with
 * nothing due than those means the driver notified early or more than once.
 *
 * Then PAIRS rounds of three timeouts: A, B one GAP later, and a watch C WATCH later. B must
 * be seen due before C is: a driver that expired B early, together with A, would send no
 * notification of its own for B, and the client would only see it at C's.
 *
 * First of all, the generic counter read in the client (<sel4c/generic_counter.h>, what
 * sel4c_timer_use_counter reads) must fall between two readings of the driver's clock taken
 * around it, 100 times: the client's clock is the driver's.
 *
 * Success:
 *   <name>: PASS the counter is the driver's clock (100 readings)
 *   <name>: PASS 1000 timeouts fired, none early, latest N us late (bound B us)...
 *   <name>: PASS 10 pairs 1 ms apart, each notified on its own
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/generic_counter.h>
#include <sel4c/protocol/timer.h>

#define TIMER       0
#define TOTAL       1000
#define OUTSTANDING 16
#define MIN_NS      20000u     /* 20 us */
#define MAX_NS      10000000u  /* 10 ms */
#define LATE_NS     100000000u /* 100 ms: QEMU on a loaded host */
#define PAIRS       10
#define GAP_NS      1000000u   /* 1 ms */
#define WATCH_NS    100000000u /* 100 ms */

static uint64_t lo[OUTSTANDING], hi[OUTSTANDING];
static unsigned char busy[OUTSTANDING];
static unsigned set, fired, wakes, idle_wakes, explained, failed, pair;
static uint64_t max_late, rng;
static enum { RANDOM, PAIRS_PHASE, FINISHED } phase;

static uint64_t random64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void fail(const char *what, uint64_t value)
{
    if (!failed++)
        printf("%s: FAIL %s %llu\n", microkit_name, what, (unsigned long long)value);
}

static uint64_t now(void)
{
    microkit_msginfo r = microkit_ppcall(TIMER, microkit_msginfo_new(SEL4C_TIMER_GET_TIME, 0));
    if (microkit_msginfo_get_label(r) != 0 || microkit_msginfo_get_count(r) != 1)
        fail("GET_TIME reply label", microkit_msginfo_get_label(r));
    return microkit_mr_get(0);
}

/* A timeout `timeout` ns from now, remembered in `slot`. */
static void set_timeout(unsigned slot, uint64_t timeout)
{
    uint64_t before = now();
    microkit_mr_set(0, timeout);
    microkit_msginfo r = microkit_ppcall(TIMER, microkit_msginfo_new(SEL4C_TIMER_SET_TIMEOUT, 1));
    if (microkit_msginfo_get_label(r) != 0)
        fail("SET_TIMEOUT refused, reply label", microkit_msginfo_get_label(r));
    lo[slot] = before + timeout;
    hi[slot] = now() + timeout;
    busy[slot] = 1;
}

static void set_random(unsigned slot)
{
    set_timeout(slot, MIN_NS + random64() % (MAX_NS - MIN_NS));
    set++;
}

static void start_pair(void)
{
    set_timeout(0, GAP_NS);
    set_timeout(1, 2 * GAP_NS);
    set_timeout(2, GAP_NS + WATCH_NS);
}

/* The counter in this PD against the driver's clock. */
static void check_counter(void)
{
    for (unsigned i = 0; i < 100; i++) {
        uint64_t before = now(), counter = sel4c_generic_counter_ns(), after = now();
        if (counter < before || counter > after) {
            fail("the counter is not the driver's clock: ns", counter);
            return;
        }
    }
    printf("%s: PASS the counter is the driver's clock (100 readings)\n", microkit_name);
}

void init(void)
{
    check_counter();
    rng = 0x9e3779b97f4a7c15u;
    for (const char *p = microkit_name; *p; p++)
        rng = (rng ^ (unsigned char)*p) * 0x100000001b3u;
    for (unsigned i = 0; i < OUTSTANDING; i++)
        set_random(i);
}

/* Marks the timeouts due at time t; returns how many (and, in *unclear, how many of them
 * might not have been due yet by the driver's clock). */
static unsigned mark_due(uint64_t t, unsigned *unclear)
{
    unsigned due = 0;
    for (unsigned i = 0; i < OUTSTANDING; i++) {
        if (!busy[i] || lo[i] > t)
            continue;
        busy[i] = 0;
        due++;
        *unclear += hi[i] > t;
        if (t - lo[i] > max_late)
            max_late = t - lo[i];
    }
    return due;
}

static void random_wake(uint64_t t)
{
    unsigned unclear = 0, due = mark_due(t, &unclear);
    wakes++;
    fired += due;
    if (!due)
        idle_wakes++;
    else if (due > 1 || unclear)
        explained++;
    for (unsigned i = 0; i < OUTSTANDING && set < TOTAL; i++)
        if (!busy[i])
            set_random(i);
    if (fired < TOTAL || failed)
        return;
    printf("%s: %u timeouts in %u wakes, %u with nothing due (%u explained by coalescing)\n",
           microkit_name, fired, wakes, idle_wakes, explained);
    if (idle_wakes > explained)
        fail("wakes with nothing due (early or repeated notifications):", idle_wakes);
    else if (max_late > LATE_NS)
        fail("timeout late by ns:", max_late);
    else
        printf("%s: PASS %u timeouts fired, none early, latest %llu us late (bound %u us)\n",
               microkit_name, TOTAL, (unsigned long long)max_late / 1000, LATE_NS / 1000);
    phase = PAIRS_PHASE;
    start_pair();
}

static void pair_wake(uint64_t t)
{
    bool b_waiting = busy[1];
    unsigned unclear = 0;
    mark_due(t, &unclear);
    if (b_waiting && !busy[1] && t >= lo[2])
        fail("the second of a pair was seen only with the watch timeout; ns after its deadline:",
             t - lo[1]);
    if (busy[0] || busy[1] || busy[2] || failed)
        return;
    if (++pair < PAIRS) {
        start_pair();
        return;
    }
    phase = FINISHED;
    printf("%s: PASS %u pairs %u ms apart, each notified on its own\n", microkit_name, PAIRS,
           GAP_NS / 1000000);
}

void notified(microkit_channel ch)
{
    if (ch != TIMER) {
        fail("notified on channel", ch);
        return;
    }
    /* a coalesced notification after the last timeout is ignored */
    if (phase == RANDOM)
        random_wake(now());
    else if (phase == PAIRS_PHASE)
        pair_wake(now());
}
