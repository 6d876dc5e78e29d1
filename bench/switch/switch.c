/*
 * What a change of protection domain costs the machine the system runs on (bench/switch):
 * one program for the four PDs of switch.system. `caller` times, with the generic counter,
 * N iterations of each:
 *   - a signal to `below`, a PD of lower priority: a system call and no switch;
 *   - a PP call to `passive`: two switches of address space on the caller's scheduling
 *     context;
 *   - a notification to `above`, an active PD of higher priority that runs at once: two
 *     switches of address space and two of scheduling context (on MCS each reprograms the
 *     kernel's timer);
 *   - the same, `above` touching 64 pages of its memory each time.
 * Under QEMU the counter runs at host time: the figures are what the emulator charges for
 * each, which bench/http-server's isolated system pays per switch.
 */
#include <microkit.h>
#include <sel4c/generic_counter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BELOW   1 /* caller's channels */
#define PASSIVE 2
#define ABOVE   3
#define TOUCH   4
#define ROUNDS  5
#define N       20000
#define PAGES   64

static volatile char pages[PAGES * 4096] __attribute__((aligned(4096)));

static void signal_below(void)
{
    microkit_notify(BELOW);
}
static void call_passive(void)
{
    (void)microkit_ppcall(PASSIVE, microkit_msginfo_new(0, 0));
}
static void notify_above(void)
{
    microkit_notify(ABOVE);
}
static void notify_touch(void)
{
    microkit_notify(TOUCH);
}

static const struct {
    const char *what;
    void (*op)(void);
} ops[] = {
    {"signal, no switch", signal_below},
    {"PP call, 2 switches", call_passive},
    {"notification, 2 switches of PD and scheduling context", notify_above},
    {"the same, 64 pages touched", notify_touch},
};
#define OPS (sizeof(ops) / sizeof(ops[0]))

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

void init(void)
{
    if (strcmp(microkit_name, "caller") != 0)
        return;
    uint64_t ns[OPS][ROUNDS];
    /* rounds interleave the operations, so that the host's load falls on all alike */
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t o = 0; o < OPS; o++) {
            uint64_t start = sel4c_generic_counter_ns();
            for (int i = 0; i < N; i++)
                ops[o].op();
            ns[o][r] = (sel4c_generic_counter_ns() - start) / N;
        }
    }
    for (size_t o = 0; o < OPS; o++) {
        qsort(ns[o], ROUNDS, sizeof(ns[o][0]), by_value);
        printf("switch: %s: %llu ns (median of %d rounds of %d; %llu-%llu)\n", ops[o].what,
               (unsigned long long)ns[o][ROUNDS / 2], ROUNDS, N, (unsigned long long)ns[o][0],
               (unsigned long long)ns[o][ROUNDS - 1]);
    }
    printf("switch: done\n");
}

void notified(microkit_channel ch)
{
    if (ch == TOUCH)
        for (int i = 0; i < PAGES; i++)
            pages[i * 4096]++;
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    return msginfo;
}
