/*
 * A root task that aborts three calls deep: the runtime must print a backtrace that
 * sel4c-symbolize turns into abort_level2, abort_level1 and main.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sel4c/runtime.h>

__attribute__((noinline)) void abort_level2(int x);
__attribute__((noinline)) void abort_level1(int x);

void abort_level2(int x)
{
    printf("abort-test: giving up at depth %d\n", x);
    abort();
}

void abort_level1(int x)
{
    abort_level2(x + 1);
    printf("abort-test: not reached\n");
}

int main(const seL4_BootInfo *bi)
{
    (void)bi;
    abort_level1(1);
    return 0;
}
