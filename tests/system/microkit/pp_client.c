/*
 * The client of pp_server (ppcall.system): PP calls with arguments and results in message
 * registers, a malformed call, and a PP call on a channel that is only a notification
 * channel, which the runtime refuses without a system call. Success: the console shows
 *   pp_client: microkit_ppcall: channel 2: not a channel this PD may PP-call
 *   pp_client: PASS ppcall
 */
#include <microkit.h>

#define SERVER 0
#define OTHER  2 /* a notification channel to the server, not a PP one */

static int call_add(seL4_Word a, seL4_Word b, seL4_Word c)
{
    microkit_mr_set(0, a);
    microkit_mr_set(1, b);
    microkit_mr_set(2, c);
    microkit_msginfo r = microkit_ppcall(SERVER, microkit_msginfo_new(1, 3));
    return microkit_msginfo_get_label(r) == 2 && microkit_msginfo_get_count(r) == 2 &&
           microkit_mr_get(0) == a + b + c && microkit_mr_get(1) == a * b * c;
}

void init(void)
{
    int ok = call_add(10, 20, 30) && call_add(1, 2, 3) && call_add(1000, 0, 7);
    /* a wrong label gets the server's error answer */
    microkit_msginfo r = microkit_ppcall(SERVER, microkit_msginfo_new(9, 0));
    ok = ok && microkit_msginfo_get_label(r) == 3;
    /* refused: an empty message info comes back */
    r = microkit_ppcall(OTHER, microkit_msginfo_new(1, 0));
    ok = ok && microkit_msginfo_get_label(r) == 0 && microkit_msginfo_get_count(r) == 0;
    microkit_dbg_puts(ok ? "pp_client: PASS ppcall\n" : "pp_client: FAIL ppcall\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
