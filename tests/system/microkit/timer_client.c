/* The timer's client (see timer.c): counts rounds of 5 ticks, checking the count by PP call,
 * and asks for the next round with microkit_deferred_notify. Success:
 *   timer_client: PASS 3 rounds of 5 ticks */
#include <microkit.h>

#define TIMER  0
#define ROUNDS 3

static unsigned rounds;

void init(void)
{
}

void notified(microkit_channel ch)
{
    microkit_msginfo r = microkit_ppcall(TIMER, microkit_msginfo_new(0, 0));
    rounds++;
    if (ch != TIMER || microkit_msginfo_get_count(r) != 1 || microkit_mr_get(0) != 5 * rounds) {
        microkit_dbg_puts("timer_client: FAIL round ");
        microkit_dbg_put32(rounds);
        microkit_dbg_puts(" ticks ");
        microkit_dbg_put32((seL4_Uint32)microkit_mr_get(0));
        microkit_dbg_putc('\n');
        return;
    }
    if (rounds < ROUNDS) {
        microkit_deferred_notify(TIMER);
        return;
    }
    microkit_dbg_puts("timer_client: PASS 3 rounds of 5 ticks\n");
}
