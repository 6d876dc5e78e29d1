/*
 * The real-time clock driver as a protection domain (docs/drivers.md, drivers/rtc/rtc.system):
 * a passive PD serving <sel4c/protocol/rtc.h> from a PL031. The system maps the PL031's
 * registers with setvar_vaddr="pl031_base"; every channel of the PD is a client.
 *
 * A device that does not identify as a PL031 is reported once at start-up, and every request
 * is then refused. Refused labels are reported at a channel's 1st, 2nd, 4th... refusal.
 */
#include <stdio.h>

#include <microkit.h>
#include <sel4c/drivers/rtc.h>
#include <sel4c/protocol/rtc.h>

uintptr_t pl031_base;

static int ready;
static uint64_t refused[MICROKIT_MAX_CHANNELS];

static uint32_t seconds(void)
{
    return sel4c_pl031_seconds(pl031_base);
}

void init(void)
{
    if (!pl031_base)
        printf("%s: error: no PL031 mapped (setvar_vaddr=\"pl031_base\")\n", microkit_name);
    else if (sel4c_pl031_init(pl031_base) != SEL4C_NO_ERROR)
        printf("%s: error: the device at 0x%lx is not a PL031; refusing every request\n",
               microkit_name, (unsigned long)pl031_base);
    else
        ready = 1;
}

void notified(microkit_channel ch)
{
    (void)ch; /* the PL031's interrupt is not used; a client's signal is not in the protocol */
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    uint64_t label = microkit_msginfo_get_label(msginfo);
    if (!ready)
        return microkit_msginfo_new(SEL4C_RTC_ERROR, 0);
    sel4c_rtc_reply_t r = sel4c_rtc_handle(label, &refused[ch], seconds);
    if (r.label == SEL4C_RTC_ERROR) {
        if ((refused[ch] & (refused[ch] - 1)) == 0)
            printf("%s: channel %u: refused label %llu: not GET_SECONDS (%llu refused from it)\n",
                   microkit_name, ch, (unsigned long long)label, (unsigned long long)refused[ch]);
        return microkit_msginfo_new(SEL4C_RTC_ERROR, 0);
    }
    microkit_mr_set(0, r.mr0);
    return microkit_msginfo_new(r.label, r.count);
}
