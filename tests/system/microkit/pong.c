/* Notification ping-pong, the pong side (see ping.c): answers each notification, and says
 * so after the 100th: "pong: PASS 100 notifications". */
#include <microkit.h>

#define PING 3

static unsigned count;

void init(void)
{
}

void notified(microkit_channel ch)
{
    if (ch != PING) {
        microkit_dbg_puts("pong: FAIL notified on the wrong channel\n");
        return;
    }
    if (++count == 100)
        microkit_dbg_puts("pong: PASS 100 notifications\n");
    microkit_notify(PING);
}
