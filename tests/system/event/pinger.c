/* Notifies the event-loop PD (evloop.c) and waits for its answer, 100 times; evloop counts
 * them. It prints only on failure: on SMP it runs on another core, and lines printed at the
 * same time on two cores interleave. */
#include <microkit.h>

#define EVLOOP 0
#define ROUNDS 100

static unsigned rounds;

void init(void)
{
    microkit_notify(EVLOOP);
}

void notified(microkit_channel ch)
{
    if (ch != EVLOOP) {
        microkit_dbg_puts("pinger: FAIL notified on another channel\n");
        return;
    }
    if (++rounds < ROUNDS)
        microkit_notify(EVLOOP);
}
