/*
 * A Microkit component using only <microkit.h> and no C library: two PDs of this program,
 * "tick" and "tock", notify each other three times each, then say so.
 */
#include <microkit.h>

#define PEER   3
#define ROUNDS 3

static unsigned seen;

static void say(const char *what)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(what);
}

void init(void)
{
    say(": ready\n");
    if (microkit_name[1] == 'i') /* tick starts */
        microkit_notify(PEER);
}

void notified(microkit_channel ch)
{
    if (ch != PEER) {
        say(": FAIL unexpected channel\n");
        return;
    }
    if (++seen == ROUNDS)
        say(": done after 3 rounds\n");
    if (seen <= ROUNDS)
        microkit_notify(PEER);
}
