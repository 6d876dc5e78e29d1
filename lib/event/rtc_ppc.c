/* The RTC client's side of <sel4c/protocol/rtc.h>: one PP call. */
#include <microkit.h>
#include <sel4c/protocol/rtc.h>
#include <sel4c/rtc.h>

sel4c_err_t sel4c_rtc_seconds(unsigned ch, int64_t *seconds)
{
    microkit_msginfo r = microkit_ppcall(ch, microkit_msginfo_new(SEL4C_RTC_GET_SECONDS, 0));
    if (microkit_msginfo_get_label(r) == SEL4C_RTC_ERROR || microkit_msginfo_get_count(r) < 1)
        return SEL4C_ILLEGAL_OPERATION;
    *seconds = (int64_t)microkit_mr_get(0);
    return SEL4C_NO_ERROR;
}
