/*
 * Work for bench/event/instructions.sh, which counts the instructions this program runs
 * under qemu-user for two sizes of the same work and prints the difference per unit:
 *   count yield N      two tasks yield N times each (a yield is two context switches)
 *   count timeouts N   N timeouts at pseudo-random deadlines started, then all expired
 */
#include <stdlib.h>
#include <string.h>

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

static _Alignas(16) char stacks[2][8192];
static sel4c_task_t tasks[2];
static long n;

static void yielder(void *arg)
{
    (void)arg;
    for (long i = 0; i < n; i++)
        sel4c_task_yield();
}

static void noop(sel4c_timeout_t *t, void *arg)
{
    (void)t;
    (void)arg;
}

static sel4c_timeout_t timeouts[100000];

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    n = atol(argv[2]);
    if (!strcmp(argv[1], "yield")) {
        for (int i = 0; i < 2; i++)
            if (sel4c_task_spawn(&tasks[i], "yield", stacks[i], sizeof stacks[i], yielder, NULL))
                return 1;
        sel4c_event_run();
        return 0;
    }
    if (n > 100000)
        return 2;
    sel4c_timeouts_t set;
    sel4c_timeouts_init(&set);
    uint64_t r = 88172645463325252ull;
    for (long i = 0; i < n; i++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        if (sel4c_timeouts_start(&set, &timeouts[i], r % 1000000, 0, noop, NULL))
            return 1;
    }
    return sel4c_timeouts_expire(&set, 1000000) == (size_t)n ? 0 : 1;
}
