/* The RTC service's requests (<sel4c/protocol/rtc.h>): one label, everything else refused. */
#include <sel4c/drivers/rtc.h>
#include <sel4c/protocol/rtc.h>

sel4c_rtc_reply_t sel4c_rtc_handle(uint64_t label, uint64_t *refused, uint32_t (*seconds)(void))
{
    if (label != SEL4C_RTC_GET_SECONDS) {
        ++*refused;
        return (sel4c_rtc_reply_t){.label = SEL4C_RTC_ERROR};
    }
    return (sel4c_rtc_reply_t){.count = 1, .mr0 = seconds()};
}
