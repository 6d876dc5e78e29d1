/*
 * The web server of http.system: the lowest-priority PD, so the last to reach init(), where
 * the boot measurement ends. init() then runs the IPC benchmark, each loop BENCH_ROUNDS
 * round trips with a marker call at the top of each:
 *   - an empty loop (the cost of the loop and the marker);
 *   - microkit_ppcall to the timer, then seL4_Call on the same endpoint cap with the timer
 *     in its raw server loop;
 *   - microkit_notify to eth, whose notified() runs before the web server goes on (eth has
 *     the higher priority), the same to eth's channel 61 (the badge's highest bit), then
 *     seL4_Signal on the first one's notification cap with eth in its raw seL4_Wait loop.
 * bench/microkit/measure.sh counts the instructions between markers in QEMU's execution
 * log. The markers and init() are in a section of their own, page-aligned, which puts them
 * above the code of the other PDs (small programs; the script checks): so their addresses
 * in the log are the web server's.
 */
#include <stdint.h>

#include "bench.h"

#define TIMER      0
#define ETH        1
#define BLK        2
#define RTC        3
#define ETH_SWITCH 4
#define ETH_HIGH   5 /* eth's channel 61 */

/* the shared regions, which the benchmark does not touch (microkit.ld keeps them) */
uintptr_t net_data, net_queues, blk_data, blk_queues;

#define MARKER __attribute__((noipa, section(".text.bench")))

/* the first function of the section: the section is page-aligned */
__attribute__((aligned(4096))) MARKER void mark_empty(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_ppcall(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_call(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_notify(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_notify61(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_signal(void)
{
    __asm__ volatile("" ::: "memory");
}

MARKER void mark_end(void)
{
    __asm__ volatile("" ::: "memory");
}

static void bench_ppcall(void)
{
    for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
        mark_ppcall();
        microkit_ppcall(TIMER, microkit_msginfo_new(0, 0));
    }
    microkit_ppcall(TIMER, microkit_msginfo_new(BENCH_RAW_BEGIN, 0));
    for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
        mark_call();
        seL4_Call(BASE_ENDPOINT_CAP + TIMER, seL4_MessageInfo_new(0, 0, 0, 0));
    }
    microkit_ppcall(TIMER, microkit_msginfo_new(BENCH_RAW_END, 0));
}

static void bench_notify(void)
{
    for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
        mark_notify();
        microkit_notify(ETH);
    }
    for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
        mark_notify61();
        microkit_notify(ETH_HIGH);
    }
    microkit_notify(ETH_SWITCH);
    for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
        mark_signal();
        seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + ETH);
    }
    microkit_notify(ETH_SWITCH);
}

__attribute__((section(".text.bench"))) void init(void)
{
    for (unsigned i = 0; i < BENCH_ROUNDS; i++)
        mark_empty();
    bench_ppcall();
    bench_notify();
    mark_end();
    microkit_dbg_puts("webserver: benchmark done\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
