/* The timer client's driver protocol served by the generic timer in the PD (timer.h). */
#include "timer.h"

#include <stdbool.h>

#include <kernel/gen_config.h>

#include <sel4c/drivers/timer.h>
#include <sel4c/timer.h>

#if !defined(CONFIG_EXPORT_PCNT_USER) || !defined(CONFIG_EXPORT_PTMR_USER)
#error "the generic timer at user level needs a kernel with EXPORT_PCNT_USER and EXPORT_PTMR_USER"
#endif

static uint64_t deadline;
static bool armed;

uint64_t sel4c_timer_driver_time(unsigned ch)
{
    (void)ch;
    return sel4c_generic_timer_now();
}

bool sel4c_timer_driver_set_timeout(unsigned ch, uint64_t delay)
{
    (void)ch;
    uint64_t now = sel4c_generic_timer_now();
    deadline = delay > UINT64_MAX - now ? UINT64_MAX : now + delay;
    armed = true;
    sel4c_generic_timer_set(deadline);
    return true;
}

void single_timer_irq(void)
{
    if (armed && sel4c_generic_timer_now() >= deadline) {
        armed = false;
        sel4c_generic_timer_stop();
    }
}
