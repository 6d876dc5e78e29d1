/* lib/sync's blocking and waking, on a seL4 notification (see ntfn.h). */
#include <stddef.h>

#include <sel4/sel4.h>

#include "ntfn.h"

void sel4c_sync_ntfn_wait(seL4_CPtr ntfn)
{
    seL4_Wait(ntfn, NULL);
}

void sel4c_sync_ntfn_signal(seL4_CPtr ntfn)
{
    seL4_Signal(ntfn);
}
