/*
 * A top-level PD that faults (fault.system): its fault goes to the monitor, which reports
 * it; the rest of the system goes on (see ticker.c). Success: "faulter: about to fault",
 * the monitor's report of faulter's VM fault at address 0x10, and ticker's PASS line.
 */
#include <stdint.h>

#include <microkit.h>

/* nothing is mapped there (a variable, so the compiler does not judge the access) */
static volatile uintptr_t unmapped = 0x10;

void init(void)
{
    microkit_dbg_puts("faulter: about to fault\n");
    *(volatile int *)unmapped = 1;
    microkit_dbg_puts("faulter: FAIL still running after the fault\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
