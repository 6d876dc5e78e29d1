/*
 * Keeps printing while faulter.c's fault is handled (fault.system): a lower-priority PD that
 * runs after the faulter stopped. Success:
 *   ticker: tick 1 ... ticker: tick 5
 *   ticker: PASS still running after faulter's fault
 */
#include <microkit.h>

void init(void)
{
    for (unsigned i = 1; i <= 5; i++) {
        for (volatile unsigned spin = 0; spin < 1000000; spin++)
            ;
        microkit_dbg_puts("ticker: tick ");
        microkit_dbg_put32(i);
        microkit_dbg_putc('\n');
    }
    microkit_dbg_puts("ticker: PASS still running after faulter's fault\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
