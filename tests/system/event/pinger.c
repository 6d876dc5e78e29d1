/* Notifies the event-loop PD (evloop.c) and waits for its answer, 100 times. Success:
 *   pinger: PASS 100 round trips */
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
    else
        microkit_dbg_puts("pinger: PASS 100 round trips\n");
}
