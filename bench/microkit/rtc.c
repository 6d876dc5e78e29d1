/*
 * The RTC driver of http.system, a stub: it maps the PL031 and takes its interrupt, and
 * answers the web server's PP calls with the time in seconds (the PL031's data register) in
 * message word 0.
 */
#include <stdint.h>

#include <microkit.h>

#define PL031_DR 0 /* data register: seconds */

uintptr_t regs;

void init(void)
{
}

void notified(microkit_channel ch)
{
    (void)ch; /* the alarm: nothing sets it */
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch, (void)msginfo;
    microkit_mr_set(0, *(volatile uint32_t *)(regs + PL031_DR));
    return microkit_msginfo_new(0, 1);
}
