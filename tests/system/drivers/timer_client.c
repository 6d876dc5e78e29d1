/*
 * A client of the timer driver (timer.system) through the protocol's PP calls: it sets
 * TOTAL timeouts at random deadlines, OUTSTANDING at a time, and checks on each notification
 * which are due. Success:
 *   <name>: PASS 1000 timeouts fired, none early, latest N us late (bound B us)...
 *
 * The driver takes its own clock reading for a SET_TIMEOUT, so the client knows a deadline
 * only between [time before the call + timeout, time after + timeout]. A timeout counts as
 * fired at the first notification after which the time is past the lower end. Notifications
 * coalesce, so a wake may find nothing due: that happens only when an earlier wake took a
 * timeout whose own notification was still on its way (it saw two or more due, or one whose
 * deadline it could not tell apart from the time). More wakes with nothing due than those
 * means the driver notified early or more than once.
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/protocol/timer.h>

#define TIMER       0
#define TOTAL       1000
#define OUTSTANDING 16
#define MIN_NS      20000u     /* 20 us */
#define MAX_NS      10000000u  /* 10 ms */
#define LATE_NS     100000000u /* 100 ms: QEMU on a loaded host */

static uint64_t lo[OUTSTANDING], hi[OUTSTANDING];
static unsigned char busy[OUTSTANDING];
static unsigned set, fired, wakes, idle_wakes, explained, failed, done;
static uint64_t max_late, rng;

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

static void set_timeout(unsigned slot)
{
    uint64_t timeout = MIN_NS + random64() % (MAX_NS - MIN_NS);
    uint64_t before = now();
    microkit_mr_set(0, timeout);
    microkit_msginfo r = microkit_ppcall(TIMER, microkit_msginfo_new(SEL4C_TIMER_SET_TIMEOUT, 1));
    if (microkit_msginfo_get_label(r) != 0)
        fail("SET_TIMEOUT refused, reply label", microkit_msginfo_get_label(r));
    lo[slot] = before + timeout;
    hi[slot] = now() + timeout;
    busy[slot] = 1;
    set++;
}

void init(void)
{
    rng = 0x9e3779b97f4a7c15u;
    for (const char *p = microkit_name; *p; p++)
        rng = (rng ^ (unsigned char)*p) * 0x100000001b3u;
    for (unsigned i = 0; i < OUTSTANDING; i++)
        set_timeout(i);
}

void notified(microkit_channel ch)
{
    if (ch != TIMER) {
        fail("notified on channel", ch);
        return;
    }
    if (done)
        return; /* a coalesced notification after the last timeout */
    uint64_t t = now();
    unsigned due = 0, unclear = 0;
    wakes++;
    for (unsigned i = 0; i < OUTSTANDING; i++) {
        if (!busy[i] || lo[i] > t)
            continue;
        busy[i] = 0;
        due++;
        fired++;
        unclear += hi[i] > t;
        if (t - lo[i] > max_late)
            max_late = t - lo[i];
    }
    if (!due)
        idle_wakes++;
    else if (due > 1 || unclear)
        explained++;
    for (unsigned i = 0; i < OUTSTANDING && set < TOTAL; i++)
        if (!busy[i])
            set_timeout(i);
    if (fired < TOTAL || failed)
        return;
    done = 1;
    printf("%s: %u timeouts in %u wakes, %u with nothing due (%u explained by coalescing)\n",
           microkit_name, fired, wakes, idle_wakes, explained);
    if (idle_wakes > explained)
        fail("wakes with nothing due (early or repeated notifications):", idle_wakes);
    else if (max_late > LATE_NS)
        fail("timeout late by ns:", max_late);
    else
        printf("%s: PASS %u timeouts fired, none early, latest %llu us late (bound %u us)\n",
               microkit_name, TOTAL, (unsigned long long)max_late / 1000, LATE_NS / 1000);
}
