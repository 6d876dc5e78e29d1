/*
 * Host tests of lib/sync's algorithms, compiled unchanged against a pthread stand-in for
 * seL4 notifications (sync_host.c), under ThreadSanitizer: the uncontended paths make no
 * system call; under contention from several threads the mutex excludes (a plain counter
 * comes out exact and TSan sees no race on it), the semaphore neither loses nor invents
 * permits (a bounded buffer moves every item exactly once) and never admits more holders
 * than it has permits, and an event releases every waiter. A lost wake-up would hang: the
 * test runs under a timeout.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

#include <sel4c/sync.h>

#include "check.h"
#include "sync_host.h"

#define THREADS 6
#define ROUNDS  20000

static void uncontended(void)
{
    sync_host_init();
    sel4c_mutex_t m;
    sel4c_sem_t s;
    sel4c_event_t e;
    CHECK(sel4c_mutex_init(&m, 0) == SEL4C_INVALID_CAPABILITY);
    CHECK(sel4c_mutex_init(&m, 1) == 0);
    CHECK(sel4c_sem_init(&s, 2, 3) == 0);
    CHECK(sel4c_sem_init(&s, 2, UINT32_MAX) == SEL4C_RANGE_ERROR);
    CHECK(sel4c_sem_init(&s, 2, 3) == 0);
    CHECK(sel4c_event_init(&e, 3) == 0);
    for (int i = 0; i < 1000; i++) {
        sel4c_mutex_lock(&m);
        CHECK(!sel4c_mutex_trylock(&m));
        CHECK(sel4c_mutex_unlock(&m) == 0);
        CHECK(sel4c_mutex_trylock(&m));
        CHECK(sel4c_mutex_unlock(&m) == 0);
        sel4c_sem_wait(&s);
        sel4c_sem_wait(&s);
        CHECK(sel4c_sem_trywait(&s));
        CHECK(!sel4c_sem_trywait(&s));
        for (int k = 0; k < 3; k++)
            CHECK(sel4c_sem_post(&s) == 0);
    }
    CHECK(sel4c_mutex_unlock(&m) == SEL4C_ILLEGAL_OPERATION);
    CHECK(!sel4c_event_is_set(&e));
    sel4c_event_set(&e);
    sel4c_event_set(&e);
    sel4c_event_wait(&e);
    CHECK(sel4c_event_is_set(&e));
    printf("test_sync: uncontended: %lu system calls\n", sync_host_calls());
    CHECK_EQ_U64(sync_host_calls(), 0);

    sel4c_sem_t full;
    CHECK(sel4c_sem_init(&full, 2, INT32_MAX) == 0);
    CHECK(sel4c_sem_post(&full) == SEL4C_RANGE_ERROR);
    CHECK_EQ_U64(full.count, INT32_MAX);
}

static sel4c_mutex_t mutex;
static unsigned long counter; /* guarded by mutex only */

static void *mutex_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        sel4c_mutex_lock(&mutex);
        counter++;
        if (i % 64 == 0)
            sched_yield(); /* let the others find it held */
        if (sel4c_mutex_unlock(&mutex))
            __atomic_fetch_add(&check_failures, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void contended_mutex(void)
{
    sync_host_init();
    CHECK(sel4c_mutex_init(&mutex, 4) == 0);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, mutex_worker, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("test_sync: mutex: %d threads x %d: counter %lu, %lu waits, %lu signals\n", THREADS,
           ROUNDS, counter, sync_host_waits, sync_host_signals);
    CHECK_EQ_U64(counter, (unsigned long)THREADS * ROUNDS);
    CHECK_EQ_U64(mutex.state, 0);
}

/* A bounded buffer: `slots` and `items` semaphores, a mutex around the ring. */
#define RING 4
static sel4c_sem_t slots, items;
static sel4c_mutex_t ring_lock;
static unsigned long ring[RING], ring_head, ring_tail, consumed_sum;

static void *producer(void *arg)
{
    unsigned long base = (uintptr_t)arg * ROUNDS;
    for (unsigned long i = 1; i <= ROUNDS; i++) {
        sel4c_sem_wait(&slots);
        sel4c_mutex_lock(&ring_lock);
        ring[ring_tail++ % RING] = base + i;
        if (sel4c_mutex_unlock(&ring_lock) || sel4c_sem_post(&items))
            __atomic_fetch_add(&check_failures, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (unsigned long i = 0; i < ROUNDS; i++) {
        sel4c_sem_wait(&items);
        sel4c_mutex_lock(&ring_lock);
        consumed_sum += ring[ring_head++ % RING];
        if (sel4c_mutex_unlock(&ring_lock) || sel4c_sem_post(&slots))
            __atomic_fetch_add(&check_failures, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void contended_semaphore(void)
{
    sync_host_init();
    CHECK(sel4c_sem_init(&slots, 5, RING) == 0);
    CHECK(sel4c_sem_init(&items, 6, 0) == 0);
    CHECK(sel4c_mutex_init(&ring_lock, 7) == 0);
    pthread_t p[THREADS / 2], c[THREADS / 2];
    for (uintptr_t i = 0; i < THREADS / 2; i++) {
        pthread_create(&p[i], NULL, producer, (void *)i);
        pthread_create(&c[i], NULL, consumer, NULL);
    }
    for (int i = 0; i < THREADS / 2; i++) {
        pthread_join(p[i], NULL);
        pthread_join(c[i], NULL);
    }
    unsigned long n = (unsigned long)(THREADS / 2) * ROUNDS;
    printf("test_sync: semaphores: %lu items through a ring of %d, %lu waits, %lu signals\n", n,
           RING, sync_host_waits, sync_host_signals);
    CHECK_EQ_U64(consumed_sum, n * (n + 1) / 2); /* every item exactly once */
    CHECK_EQ_U64(slots.count, RING);
    CHECK_EQ_U64(items.count, 0);
}

/* A semaphore as a limit: never more than LIMIT threads inside. */
#define LIMIT 2
static sel4c_sem_t limiter;
static int inside, most_inside;

static void *limited(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS / 4; i++) {
        sel4c_sem_wait(&limiter);
        int now = __atomic_add_fetch(&inside, 1, __ATOMIC_RELAXED);
        int most = __atomic_load_n(&most_inside, __ATOMIC_RELAXED);
        while (now > most && !__atomic_compare_exchange_n(&most_inside, &most, now, false,
                                                          __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            ;
        sched_yield();
        __atomic_sub_fetch(&inside, 1, __ATOMIC_RELAXED);
        if (sel4c_sem_post(&limiter))
            __atomic_fetch_add(&check_failures, 1, __ATOMIC_RELAXED);
    }
    return NULL;
}

static void semaphore_limit(void)
{
    sync_host_init();
    CHECK(sel4c_sem_init(&limiter, 8, LIMIT) == 0);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, limited, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("test_sync: limit %d: at most %d inside\n", LIMIT, most_inside);
    CHECK(most_inside >= 1 && most_inside <= LIMIT);
    CHECK_EQ_U64(limiter.count, LIMIT);
}

static sel4c_event_t event;
static int released;

static void *event_waiter(void *arg)
{
    (void)arg;
    sel4c_event_wait(&event);
    __atomic_fetch_add(&released, 1, __ATOMIC_RELAXED);
    return NULL;
}

static void events(void)
{
    for (int round = 0; round < 200; round++) {
        sync_host_init();
        CHECK(sel4c_event_init(&event, 9) == 0);
        __atomic_store_n(&released, 0, __ATOMIC_RELAXED);
        pthread_t t[THREADS];
        for (int i = 0; i < THREADS; i++)
            pthread_create(&t[i], NULL, event_waiter, NULL);
        CHECK_EQ_U64(__atomic_load_n(&released, __ATOMIC_RELAXED), 0);
        sel4c_event_set(&event);
        for (int i = 0; i < THREADS; i++)
            pthread_join(t[i], NULL);
        CHECK_EQ_U64(released, THREADS);
        CHECK_EQ_U64(event.waiters, 0);
    }
    printf("test_sync: event: %d waiters released, 200 times\n", THREADS);
}

int main(void)
{
    uncontended();
    contended_mutex();
    contended_semaphore();
    semaphore_limit();
    events();
    return check_done("test_sync");
}
