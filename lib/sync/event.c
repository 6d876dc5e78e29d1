/*
 * A one-shot event on two atomic words and a notification (include/sel4c/sync.h).
 *
 * A waiter counts itself in `waiters` and then reads `set`; the setter writes `set` and then
 * reads `waiters`. Both sides are sequentially consistent, so at least one sees the other:
 * either the waiter sees the event set, or the setter sees a waiter and signals. One signal
 * wakes one waiter; each woken waiter that leaves others behind signals again, so the wake-up
 * runs down the whole queue.
 */
#include <sel4c/sync.h>

#include "ntfn.h"

sel4c_err_t sel4c_event_init(sel4c_event_t *e, seL4_CPtr ntfn)
{
    if (!ntfn)
        return SEL4C_INVALID_CAPABILITY;
    *e = (sel4c_event_t){.set = 0, .waiters = 0, .ntfn = ntfn};
    return SEL4C_NO_ERROR;
}

bool sel4c_event_is_set(sel4c_event_t *e)
{
    return __atomic_load_n(&e->set, __ATOMIC_ACQUIRE);
}

void sel4c_event_set(sel4c_event_t *e)
{
    if (__atomic_exchange_n(&e->set, 1, __ATOMIC_SEQ_CST))
        return;
    if (__atomic_load_n(&e->waiters, __ATOMIC_SEQ_CST))
        sel4c_sync_ntfn_signal(e->ntfn);
}

void sel4c_event_wait(sel4c_event_t *e)
{
    if (__atomic_load_n(&e->set, __ATOMIC_ACQUIRE))
        return;
    __atomic_fetch_add(&e->waiters, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&e->set, __ATOMIC_SEQ_CST))
        sel4c_sync_ntfn_wait(e->ntfn);
    if (__atomic_fetch_sub(&e->waiters, 1, __ATOMIC_SEQ_CST) > 1)
        sel4c_sync_ntfn_signal(e->ntfn);
}
