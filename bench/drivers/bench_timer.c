/*
 * The timer driver's figures (bench/drivers/run.sh boots timer.system under QEMU with
 * -icount shift=0: one instruction per nanosecond of virtual time, so nanoseconds read from
 * the driver are instructions executed):
 *   - latency: from a timeout's deadline to this PD's notified() reading the time, the
 *     cost of one GET_TIME call taken off; ROUNDS timeouts 50 us apart, median and maximum.
 *     The deadline is known to within the SET_TIMEOUT call, so the figure is given as the
 *     range the deadline allows.
 *   - throughput: timeouts the service expires per second with 16 always outstanding, each
 *     due at once (SET_TIMEOUT 0), for BURST timeouts.
 * Prints "bench_timer: ..." lines and "bench_timer: done".
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/protocol/timer.h>

#define TIMER  0
#define ROUNDS 101
#define BURST  20000
#define DEPTH  16

static uint64_t lo, hi, call_cost, burst_start;
static uint64_t lat_lo[ROUNDS], lat_hi[ROUNDS];
static unsigned round, outstanding, fired, set;
static enum { LATENCY, THROUGHPUT, DONE } phase;

static uint64_t now(void)
{
    microkit_ppcall(TIMER, microkit_msginfo_new(SEL4C_TIMER_GET_TIME, 0));
    return microkit_mr_get(0);
}

static void set_timeout(uint64_t ns)
{
    microkit_mr_set(0, ns);
    microkit_ppcall(TIMER, microkit_msginfo_new(SEL4C_TIMER_SET_TIMEOUT, 1));
}

static void arm_latency(void)
{
    uint64_t before = now();
    set_timeout(50000);
    lo = before + 50000;
    hi = now() + 50000;
}

static void sort(uint64_t *v, unsigned n)
{
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
            uint64_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
}

void init(void)
{
    /* the cost of a GET_TIME call: the difference of two back to back, smallest of several */
    call_cost = UINT64_MAX;
    for (unsigned i = 0; i < 20; i++) {
        uint64_t a = now(), b = now();
        if (b - a < call_cost)
            call_cost = b - a;
    }
    arm_latency();
}

void notified(microkit_channel ch)
{
    uint64_t t = now();
    if (ch != TIMER || phase == DONE)
        return;
    if (phase == LATENCY) {
        if (t < lo)
            return; /* a coalesced notification of an earlier round */
        lat_lo[round] = t - (t < hi ? t : hi) - call_cost;
        lat_hi[round] = t - lo - call_cost;
        if (++round < ROUNDS) {
            arm_latency();
            return;
        }
        sort(lat_lo, ROUNDS);
        sort(lat_hi, ROUNDS);
        printf("bench_timer: deadline to notified(): median %llu..%llu instructions, max "
               "%llu..%llu (%u timeouts; one GET_TIME call, %llu, taken off)\n",
               (unsigned long long)lat_lo[ROUNDS / 2], (unsigned long long)lat_hi[ROUNDS / 2],
               (unsigned long long)lat_lo[ROUNDS - 1], (unsigned long long)lat_hi[ROUNDS - 1],
               ROUNDS, (unsigned long long)call_cost);
        phase = THROUGHPUT;
        burst_start = now();
        for (; outstanding < DEPTH; outstanding++, set++)
            set_timeout(0);
        return;
    }
    /* every outstanding timeout was due at once: a notification means all have fired, or
     * will have by the next one; count by the time they were due */
    fired += outstanding;
    outstanding = 0;
    if (fired >= BURST) {
        uint64_t ns = now() - burst_start;
        printf("bench_timer: %u timeouts in %llu ns of virtual time: %llu timeouts/s at one "
               "instruction per ns\n",
               fired, (unsigned long long)ns, (unsigned long long)(fired * 1000000000ull / ns));
        printf("bench_timer: done\n");
        phase = DONE;
        return;
    }
    for (; outstanding < DEPTH; outstanding++, set++)
        set_timeout(0);
}
