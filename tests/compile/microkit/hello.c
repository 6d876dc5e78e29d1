/* A Microkit component as Microkit's hello example writes it: only <microkit.h>. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("hello, world\n");
}

void notified(microkit_channel ch)
{
}
