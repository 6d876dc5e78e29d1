/*
 * A mutex on an atomic word and a notification (include/sel4c/sync.h). The word is 0 (free),
 * 1 (held) or 2 (held, and some thread may be blocked or about to block). A locker that
 * finds it held marks it 2 before blocking, so the unlocker knows to signal; a woken locker
 * takes the mutex as 2, since it cannot know whether others still wait (at worst one
 * needless signal). A signal sent before its waiter blocks stays set in the notification,
 * so no wake-up is lost between the exchange and the wait.
 */
#include <sel4c/sync.h>

#include "ntfn.h"

#define FREE      0u
#define HELD      1u
#define CONTENDED 2u

sel4c_err_t sel4c_mutex_init(sel4c_mutex_t *m, seL4_CPtr ntfn)
{
    if (!ntfn)
        return SEL4C_INVALID_CAPABILITY;
    *m = (sel4c_mutex_t){.state = FREE, .ntfn = ntfn};
    return SEL4C_NO_ERROR;
}

bool sel4c_mutex_trylock(sel4c_mutex_t *m)
{
    uint32_t expected = FREE;
    return __atomic_compare_exchange_n(&m->state, &expected, HELD, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

void sel4c_mutex_lock(sel4c_mutex_t *m)
{
    uint32_t seen = FREE;
    if (__atomic_compare_exchange_n(&m->state, &seen, HELD, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_RELAXED))
        return;
    if (seen != CONTENDED)
        seen = __atomic_exchange_n(&m->state, CONTENDED, __ATOMIC_ACQUIRE);
    while (seen != FREE) {
        sel4c_sync_ntfn_wait(m->ntfn);
        seen = __atomic_exchange_n(&m->state, CONTENDED, __ATOMIC_ACQUIRE);
    }
}

sel4c_err_t sel4c_mutex_unlock(sel4c_mutex_t *m)
{
    uint32_t was = __atomic_exchange_n(&m->state, FREE, __ATOMIC_RELEASE);
    if (was == CONTENDED)
        sel4c_sync_ntfn_signal(m->ntfn);
    return was == FREE ? SEL4C_ILLEGAL_OPERATION : SEL4C_NO_ERROR;
}
