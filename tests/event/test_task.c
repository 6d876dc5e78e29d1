/*
 * The task switch (lib/event/task.c and arch/<arch>/switch.S), built for the host's
 * architecture: natively on x86-64, under qemu-user for AArch64. Many tasks in round robin,
 * deep recursion on task stacks, every callee-saved register (AArch64's d8-d15 and x86-64's
 * MXCSR rounding mode included) preserved across switches while other tasks change them,
 * stack alignment in tasks, and a stack overflow caught by the canary with the task's name.
 */
#include <stdlib.h>

#include <sel4c/task.h>
#include <sel4c/timer.h>

#include "check.h"
#include "panic.h"

/* No timer here: the timer client's driver calls must not happen. */
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

uint64_t test_regs_across(void (*fn)(void), uint64_t seed);
void test_clobber(void);
#if defined(__aarch64__)
#define CLOBBER_MASK (1u << 0 | 1u << 17) /* x19, d15 */
#else
#define CLOBBER_MASK (1u << 0) /* rbx */
#endif

/* Round robin: each of 100 tasks yields 100 times; the order is 0..99, 0..99, ... */
enum { NTASKS = 100, ROUNDS = 100, SMALL = 4096 };
static _Alignas(16) char small_stacks[NTASKS][SMALL];
static sel4c_task_t many[NTASKS];
static unsigned order_errors, steps;

static void round_robin(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    for (unsigned r = 0; r < ROUNDS; r++) {
        if (steps++ != r * NTASKS + id)
            order_errors++;
        CHECK(sel4c_task_self() == &many[id]);
        sel4c_task_yield();
    }
}

static void test_many(void)
{
    for (unsigned i = 0; i < NTASKS; i++)
        CHECK(sel4c_task_spawn(&many[i], "rr", small_stacks[i], SMALL, round_robin,
                               (void *)(uintptr_t)i) == SEL4C_NO_ERROR);
    sel4c_event_run();
    CHECK_EQ_U64(steps, NTASKS * ROUNDS);
    CHECK_EQ_U64(order_errors, 0);
    for (unsigned i = 0; i < NTASKS; i++)
        CHECK(sel4c_task_done(&many[i]));
    CHECK(sel4c_task_self() == NULL);
}

/* Deep recursion: 2000 frames of over 128 bytes each, yielding at every 100th level. */
enum { BIG = 1 << 19 };
static _Alignas(16) char big_stacks[2][BIG];
static sel4c_task_t deep[2];
static uint64_t deep_sum[2];

static __attribute__((noinline)) uint64_t recurse(unsigned n, uint64_t seed)
{
    volatile uint64_t pad[16];
    for (unsigned i = 0; i < 16; i++)
        pad[i] = seed * 31 + n + i;
    if (n % 100 == 0 && sel4c_task_self())
        sel4c_task_yield();
    uint64_t below = n ? recurse(n - 1, seed) : 0;
    uint64_t sum = below;
    for (unsigned i = 0; i < 16; i++)
        sum = sum * 3 + pad[i];
    return sum;
}

static void deep_task(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    deep_sum[id] = recurse(2000, id + 1);
}

static void test_deep(void)
{
    for (unsigned i = 0; i < 2; i++)
        CHECK(sel4c_task_spawn(&deep[i], "deep", big_stacks[i], BIG, deep_task,
                               (void *)(uintptr_t)i) == SEL4C_NO_ERROR);
    sel4c_event_run();
    CHECK_EQ_U64(deep_sum[0], recurse(2000, 1));
    CHECK_EQ_U64(deep_sum[1], recurse(2000, 2));
}

/* Registers: two tasks hold different values in every callee-saved register across
 * yields; the loop's own values survive too. */
static uint64_t reg_masks[3];
static void yield_twice(void)
{
    sel4c_task_yield();
    sel4c_task_yield();
}
static void regs_task(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    reg_masks[id] = test_regs_across(yield_twice, 0x1000 * (id + 1) + id);
    /* 16-byte alignment of the stack, as a task sees it */
    _Alignas(16) volatile char probe[16];
    CHECK(((uintptr_t)probe & 15) == 0);
}
static sel4c_task_t regs[2];
static void run_loop(void)
{
    sel4c_event_run();
}

static void test_regs(void)
{
    for (unsigned i = 0; i < 2; i++)
        CHECK(sel4c_task_spawn(&regs[i], "regs", small_stacks[i], SMALL, regs_task,
                               (void *)(uintptr_t)i) == SEL4C_NO_ERROR);
    reg_masks[2] = test_regs_across(run_loop, 0x7777); /* the loop's side */
    CHECK_EQ_U64(reg_masks[0], 0);
    CHECK_EQ_U64(reg_masks[1], 0);
    CHECK_EQ_U64(reg_masks[2], 0);
    CHECK(sel4c_task_done(&regs[0]) && sel4c_task_done(&regs[1]));
    /* the check itself sees a change: a function that changes registers it must not */
    CHECK_EQ_U64(test_regs_across(test_clobber, 0x7777), CLOBBER_MASK);
}

/* Overflow: a 4 KiB stack at the top of a larger buffer (so the overflow stays in memory we
 * own) and 12 KiB of frames. */
static _Alignas(16) char overflow_area[32768];
static __attribute__((noinline)) unsigned burn(unsigned n)
{
    volatile char pad[256];
    for (unsigned i = 0; i < sizeof pad; i++)
        pad[i] = (char)n;
    return n ? burn(n - 1) + pad[0] + pad[255] : 0;
}
static void overflow_task(void *arg)
{
    (void)arg;
    CHECK(burn(48) > 0);
    sel4c_task_yield(); /* the switch checks the canary */
    printf("overflow_task: not caught\n");
}
static void overflow(void)
{
    static sel4c_task_t t;
    CHECK(sel4c_task_spawn(&t, "deep-recursion", overflow_area + 32768 - 4096, 4096, overflow_task,
                           NULL) == SEL4C_NO_ERROR);
    sel4c_event_run();
}
static void no_overflow_task(void *arg)
{
    (void)arg;
    CHECK(burn(4) > 0);
    sel4c_task_yield();
}
static void no_overflow(void)
{
    static sel4c_task_t t;
    CHECK(sel4c_task_spawn(&t, "shallow", overflow_area + 32768 - 4096, 4096, no_overflow_task,
                           NULL) == SEL4C_NO_ERROR);
    sel4c_event_run();
    sel4c_panic("ran to the end"); /* expected: a panic with this message, not an overflow */
}

int main(void)
{
    test_many();
    test_deep();
    test_regs();
    expect_panic(overflow, "task 'deep-recursion': stack overflow");
    expect_panic(no_overflow, "ran to the end");
    return check_done("test_task");
}
