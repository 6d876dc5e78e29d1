/*
 * A counting semaphore on two atomic words and a notification (include/sel4c/sync.h).
 *
 * `count` is the number of permits, or minus the number of takers that found none. A post
 * that finds takers waiting (count < 0) hands its permit over as a wake-up token in
 * `wakeups` and signals. The notification is binary, so several signals sent before the
 * woken threads reach seL4_Wait merge into one: a taker that collects a token while others
 * remain passes the signal on, so every token finds a taker.
 */
#include <stdint.h>

#include <sel4c/sync.h>

#include "ntfn.h"

sel4c_err_t sel4c_sem_init(sel4c_sem_t *s, seL4_CPtr ntfn, uint32_t count)
{
    if (!ntfn)
        return SEL4C_INVALID_CAPABILITY;
    if (count > INT32_MAX)
        return SEL4C_RANGE_ERROR;
    *s = (sel4c_sem_t){.count = (int32_t)count, .wakeups = 0, .ntfn = ntfn};
    return SEL4C_NO_ERROR;
}

bool sel4c_sem_trywait(sel4c_sem_t *s)
{
    int32_t c = __atomic_load_n(&s->count, __ATOMIC_RELAXED);
    while (c > 0)
        if (__atomic_compare_exchange_n(&s->count, &c, c - 1, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
            return true;
    return false;
}

void sel4c_sem_wait(sel4c_sem_t *s)
{
    if (__atomic_fetch_sub(&s->count, 1, __ATOMIC_ACQUIRE) > 0)
        return;
    for (;;) {
        uint32_t w = __atomic_load_n(&s->wakeups, __ATOMIC_ACQUIRE);
        while (w > 0)
            if (__atomic_compare_exchange_n(&s->wakeups, &w, w - 1, false, __ATOMIC_ACQUIRE,
                                            __ATOMIC_ACQUIRE)) {
                if (w > 1) /* tokens left: their signals may have merged with ours */
                    sel4c_sync_ntfn_signal(s->ntfn);
                return;
            }
        sel4c_sync_ntfn_wait(s->ntfn);
    }
}

sel4c_err_t sel4c_sem_post(sel4c_sem_t *s)
{
    int32_t c = __atomic_load_n(&s->count, __ATOMIC_RELAXED);
    do {
        if (c == INT32_MAX)
            return SEL4C_RANGE_ERROR;
    } while (!__atomic_compare_exchange_n(&s->count, &c, c + 1, false, __ATOMIC_RELEASE,
                                          __ATOMIC_RELAXED));
    if (c < 0) {
        __atomic_fetch_add(&s->wakeups, 1, __ATOMIC_RELEASE);
        sel4c_sync_ntfn_signal(s->ntfn);
    }
    return SEL4C_NO_ERROR;
}
