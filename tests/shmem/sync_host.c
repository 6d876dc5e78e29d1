/*
 * A host stand-in for lib/sync/ntfn.c: each capability number names a binary semaphore
 * built from a pthread mutex and condition variable, with a notification's semantics (a
 * signal sets the word or wakes one waiter; a wait blocks until the word is set and clears
 * it). Every call is counted, so tests can show that uncontended paths make none.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../lib/sync/ntfn.h"
#include "sync_host.h"

#define NTFNS 16

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool word;
} ntfns[NTFNS];

unsigned long sync_host_waits, sync_host_signals;

void sync_host_init(void)
{
    for (int i = 0; i < NTFNS; i++) {
        pthread_mutex_init(&ntfns[i].lock, NULL);
        pthread_cond_init(&ntfns[i].cond, NULL);
        ntfns[i].word = false;
    }
    __atomic_store_n(&sync_host_waits, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&sync_host_signals, 0, __ATOMIC_RELAXED);
}

static unsigned index_of(seL4_CPtr ntfn)
{
    if (ntfn == 0 || ntfn >= NTFNS) {
        fprintf(stderr, "sync_host: invalid notification capability %lu\n", (unsigned long)ntfn);
        abort();
    }
    return (unsigned)ntfn;
}

void sel4c_sync_ntfn_wait(seL4_CPtr ntfn)
{
    unsigned i = index_of(ntfn);
    __atomic_fetch_add(&sync_host_waits, 1, __ATOMIC_RELAXED);
    pthread_mutex_lock(&ntfns[i].lock);
    while (!ntfns[i].word)
        pthread_cond_wait(&ntfns[i].cond, &ntfns[i].lock);
    ntfns[i].word = false;
    pthread_mutex_unlock(&ntfns[i].lock);
}

void sel4c_sync_ntfn_signal(seL4_CPtr ntfn)
{
    unsigned i = index_of(ntfn);
    __atomic_fetch_add(&sync_host_signals, 1, __ATOMIC_RELAXED);
    pthread_mutex_lock(&ntfns[i].lock);
    ntfns[i].word = true;
    pthread_cond_signal(&ntfns[i].cond);
    pthread_mutex_unlock(&ntfns[i].lock);
}
