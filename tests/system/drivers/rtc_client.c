/*
 * A client of the RTC driver (rtc.system): prints the clock's seconds for rtc.sh to compare
 * with the host's clock, checks that a label outside the protocol is refused, and that the
 * clock advances. Success:
 *   rtc_client: seconds N
 *   rtc_client: PASS
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/protocol/rtc.h>

#define RTC 0

static int get(seL4_Word *seconds)
{
    microkit_msginfo r = microkit_ppcall(RTC, microkit_msginfo_new(SEL4C_RTC_GET_SECONDS, 0));
    *seconds = microkit_mr_get(0);
    return microkit_msginfo_get_label(r) == 0 && microkit_msginfo_get_count(r) == 1;
}

void init(void)
{
    seL4_Word first, later;
    if (!get(&first)) {
        printf("rtc_client: FAIL GET_SECONDS refused\n");
        return;
    }
    printf("rtc_client: seconds %lu\n", (unsigned long)first);
    microkit_msginfo r = microkit_ppcall(RTC, microkit_msginfo_new(9, 0));
    if (microkit_msginfo_get_label(r) != SEL4C_RTC_ERROR) {
        printf("rtc_client: FAIL label 9 was not refused\n");
        return;
    }
    /* the counter ticks once a second: wait for the next tick, without a timer */
    do {
        if (!get(&later)) {
            printf("rtc_client: FAIL GET_SECONDS refused after a bad label\n");
            return;
        }
    } while (later == first);
    if (later != first + 1)
        printf("rtc_client: FAIL the clock went from %lu to %lu\n", (unsigned long)first,
               (unsigned long)later);
    else
        printf("rtc_client: PASS\n");
}

void notified(microkit_channel ch)
{
    printf("rtc_client: FAIL notified on channel %u\n", ch);
}
