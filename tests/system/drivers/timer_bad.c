/*
 * A misbehaving client of the timer driver (timer.system): a label outside the protocol, a
 * SET_TIMEOUT without its argument and one timeout beyond the per-client bound must each be
 * refused with SEL4C_TIMER_ERROR, and the driver must go on serving it. Success:
 *   timer_bad: PASS refused: bad label, missing argument, timeout 33 of 32
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/protocol/timer.h>

#define TIMER 0
#define BOUND 32 /* the driver's SEL4C_TIMER_MAX_TIMEOUTS */
#define HOUR  3600000000000ull

static seL4_Word call(seL4_Word label, unsigned count, seL4_Word mr0)
{
    microkit_mr_set(0, mr0);
    return microkit_msginfo_get_label(microkit_ppcall(TIMER, microkit_msginfo_new(label, count)));
}

void init(void)
{
    int ok = 1;
    if (call(7, 0, 0) != SEL4C_TIMER_ERROR) {
        printf("timer_bad: FAIL label 7 was not refused\n");
        ok = 0;
    }
    if (call(SEL4C_TIMER_SET_TIMEOUT, 0, 0) != SEL4C_TIMER_ERROR) {
        printf("timer_bad: FAIL SET_TIMEOUT without MR0 was not refused\n");
        ok = 0;
    }
    for (unsigned i = 1; i <= BOUND + 1; i++) {
        seL4_Word want = i <= BOUND ? 0 : SEL4C_TIMER_ERROR;
        seL4_Word got = call(SEL4C_TIMER_SET_TIMEOUT, 1, HOUR);
        if (got != want) {
            printf("timer_bad: FAIL timeout %u: reply label %lu, expected %lu\n", i,
                   (unsigned long)got, (unsigned long)want);
            ok = 0;
        }
    }
    if (call(SEL4C_TIMER_GET_TIME, 0, 0) != 0 || microkit_mr_get(0) == 0) {
        printf("timer_bad: FAIL GET_TIME after the refusals\n");
        ok = 0;
    }
    if (ok)
        printf("timer_bad: PASS refused: bad label, missing argument, timeout 33 of 32\n");
}

void notified(microkit_channel ch)
{
    printf("timer_bad: FAIL notified on channel %u (its timeouts are an hour away)\n", ch);
}
