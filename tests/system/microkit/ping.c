/*
 * Notification ping-pong, the ping side (notify.system): ping notifies pong on channel 0,
 * pong notifies back, ROUNDS times. Success: the console shows
 *   ping: PASS 100 round trips
 * and pong's "pong: PASS 100 notifications".
 */
#include <microkit.h>

#define PONG   0
#define ROUNDS 100

static unsigned rounds;

void init(void)
{
    microkit_notify(PONG);
}

void notified(microkit_channel ch)
{
    if (ch != PONG) {
        microkit_dbg_puts("ping: FAIL notified on the wrong channel\n");
        return;
    }
    if (++rounds < ROUNDS) {
        microkit_notify(PONG);
        return;
    }
    microkit_dbg_puts("ping: PASS ");
    microkit_dbg_put32(rounds);
    microkit_dbg_puts(" round trips\n");
}
