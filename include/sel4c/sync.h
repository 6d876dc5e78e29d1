/*
 * Synchronisation of threads inside one address space (a root task's threads, or the threads
 * of one process): a mutex, a counting semaphore and a one-shot event.
 *
 * Each object is an atomic word in memory plus a seL4 notification. The word alone decides
 * the uncontended cases, which make no system call: locking a free mutex, unlocking one
 * nobody waits for, taking an available permit, posting with no waiter, setting an event
 * nobody waits on, waiting on an event already set. Only a thread that must block calls
 * seL4_Wait on the notification, and only a thread that must wake one calls seL4_Signal.
 * Notifications are binary semaphores (a signal sets the word, a wait blocks until it is
 * set and clears it): a signal sent before its waiter blocks is kept, not lost, and every
 * wait loop here re-reads the atomic word after waking, so a stale signal only costs a loop.
 *
 * Notification capabilities: each object needs its own notification, bound to nothing and
 * used for nothing else (a signal meant for another object would be taken for one of ours
 * and cost a wake-up, and one of ours consumed by someone else would be lost). A root task
 * makes one with sel4c_object_alloc(seL4_NotificationObject, seL4_NotificationBits, &cap)
 * (sel4c/objects.h); a process started from a CapDL spec gets one from its spec. Microkit
 * protection domains are single-threaded and their system description has no way to hand
 * a PD a notification of its own, so these objects are not for them.
 *
 * Ownership and faults:
 *   - A mutex is owned by the thread that locked it; only that thread may unlock it (this
 *     is not checked: an unlock by another thread releases the mutex all the same, and an
 *     unlock of a free mutex returns SEL4C_ILLEGAL_OPERATION). It is not recursive: a
 *     thread locking a mutex it holds blocks forever.
 *   - If a thread faults or is suspended while holding a mutex, the mutex stays held and
 *     its waiters stay blocked: nothing can tell a dead holder from a slow one. Handle
 *     faults (a fault endpoint, sel4c/thread.h) by restarting or ending the whole program.
 *     Likewise a permit taken by a thread that faults is lost.
 *   - Any thread may post a semaphore or set an event.
 * Fairness: none. A thread arriving when the mutex is free takes it even if others were
 * woken to compete for it (barging), and which blocked thread is woken is the kernel's
 * choice (notifications queue waiters first-in first-out, by priority on MCS kernels).
 * Throughput is favoured over fairness; starvation is possible under constant contention.
 *
 * Objects live in memory all their threads share and must not move or be copied once used.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <sel4/simple_types.h>
#include <sel4/macros.h>
#include <sel4c/error.h>

typedef struct sel4c_mutex {
    uint32_t state; /* 0 free, 1 held, 2 held and someone may be waiting */
    seL4_CPtr ntfn;
} sel4c_mutex_t;

typedef struct sel4c_sem {
    int32_t count;    /* permits available, or minus the number of blocked takers */
    uint32_t wakeups; /* permits posted to blocked takers and not yet collected */
    seL4_CPtr ntfn;
} sel4c_sem_t;

typedef struct sel4c_event {
    uint32_t set;     /* 0, then 1 forever */
    uint32_t waiters; /* threads inside sel4c_event_wait that saw it unset */
    seL4_CPtr ntfn;
} sel4c_event_t;

/* A free mutex that blocks on `ntfn` (a notification capability of its own). Fails with
 * SEL4C_INVALID_CAPABILITY on the null capability 0. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_mutex_init(sel4c_mutex_t *m, seL4_CPtr ntfn);
/* Takes the mutex, blocking while another thread holds it. */
SEL4C_C_LINKAGE void sel4c_mutex_lock(sel4c_mutex_t *m);
/* Takes the mutex if it is free, without blocking: true if it did. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK bool sel4c_mutex_trylock(sel4c_mutex_t *m);
/* Releases the mutex held by the calling thread, waking one waiter if there may be one.
 * SEL4C_ILLEGAL_OPERATION if the mutex was free. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_mutex_unlock(sel4c_mutex_t *m);

/* A semaphore with `count` permits, blocking on `ntfn`. SEL4C_INVALID_CAPABILITY on the null
 * capability, SEL4C_RANGE_ERROR when count exceeds INT32_MAX. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_sem_init(sel4c_sem_t *s, seL4_CPtr ntfn,
                                                            uint32_t count);
/* Takes a permit, blocking until one is posted. */
SEL4C_C_LINKAGE void sel4c_sem_wait(sel4c_sem_t *s);
/* Takes a permit if one is available now: true if it did. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK bool sel4c_sem_trywait(sel4c_sem_t *s);
/* Adds a permit, waking one blocked taker if any. SEL4C_RANGE_ERROR (and nothing posted) if
 * the count would exceed INT32_MAX. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_sem_post(sel4c_sem_t *s);

/* An unset event whose waiters block on `ntfn`. SEL4C_INVALID_CAPABILITY on the null one. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_event_init(sel4c_event_t *e, seL4_CPtr ntfn);
/* Sets the event, releasing every thread waiting on it; later waits return at once. Setting
 * it again does nothing. */
SEL4C_C_LINKAGE void sel4c_event_set(sel4c_event_t *e);
/* Blocks until the event is set (returns at once if it is). */
SEL4C_C_LINKAGE void sel4c_event_wait(sel4c_event_t *e);
/* Whether the event is set, without blocking. */
SEL4C_C_LINKAGE bool sel4c_event_is_set(sel4c_event_t *e);
