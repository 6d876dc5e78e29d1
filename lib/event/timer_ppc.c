/* The timer client's side of <sel4c/protocol/timer.h>: PP calls on the driver's channel. */
#include <microkit.h>
#include <sel4c/protocol/timer.h>
#include <sel4c/timer.h>

uint64_t sel4c_timer_driver_time(unsigned ch)
{
    microkit_ppcall(ch, microkit_msginfo_new(SEL4C_TIMER_GET_TIME, 0));
    return microkit_mr_get(0);
}

bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay)
{
    microkit_mr_set(0, delay);
    microkit_msginfo r = microkit_ppcall(ch, microkit_msginfo_new(SEL4C_TIMER_SET_TIMEOUT, 1));
    return microkit_msginfo_get_label(r) != SEL4C_TIMER_ERROR;
}
