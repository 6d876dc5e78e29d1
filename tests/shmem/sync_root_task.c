/*
 * lib/sync on a real kernel: a root task starts worker threads (on several cores where the
 * kernel has them) that wait on a start event, then contend on a mutex around a plain
 * counter, then pass items through a small ring guarded by two semaphores and a mutex. The
 * main thread checks the counter and the items' sum and prints "sync: PASS <what>" or
 * "sync: FAIL <what>". A lost wake-up shows as a hang (the runner's timeout).
 */
#include <stdio.h>

#include <sel4/sel4.h>
#include <sel4c/objects.h>
#include <sel4c/runtime.h>
#include <sel4c/sync.h>
#include <sel4c/thread.h>

#define WORKERS 4
#define RING    2
/* Where threads run on several cores, each contended hand-over wakes a thread on another
 * core, which costs milliseconds under QEMU on a loaded machine: fewer rounds there. */
#if CONFIG_MAX_NUM_NODES > 1
#define ROUNDS 2000
#define ITEMS  50
#else
#define ROUNDS 20000
#define ITEMS  5000
#endif

static sel4c_event_t start;
static sel4c_sem_t ready, slots, items;
static sel4c_mutex_t mutex, ring_lock;
static unsigned long counter;                                        /* guarded by mutex */
static unsigned long ring[RING], ring_head, ring_tail, consumed_sum; /* guarded by ring_lock */
static unsigned long errors;

static void must(sel4c_err_t err, const char *what)
{
    if (err)
        sel4c_panic("%s: %s", what, sel4c_strerror(err));
}

static seL4_CPtr new_notification(void)
{
    seL4_CPtr cap;
    must(sel4c_object_alloc(seL4_NotificationObject, seL4_NotificationBits, &cap), "notification");
    return cap;
}

static void count_error(sel4c_err_t err)
{
    if (err)
        __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
}

static seL4_Word worker(void *arg)
{
    uintptr_t id = (uintptr_t)arg;
    count_error(sel4c_sem_post(&ready));
    sel4c_event_wait(&start);

    for (int i = 0; i < ROUNDS; i++) {
        sel4c_mutex_lock(&mutex);
        unsigned long c = counter;
        /* widen the window in which another thread finds the mutex held */
        for (volatile int k = 0; k < (i % 8 == 0 ? 50 : 0); k++)
            ;
        counter = c + 1;
        count_error(sel4c_mutex_unlock(&mutex));
    }

    for (unsigned long i = 1; i <= ITEMS; i++) {
        if (id % 2 == 0) { /* producer */
            sel4c_sem_wait(&slots);
            sel4c_mutex_lock(&ring_lock);
            ring[ring_tail++ % RING] = id * ITEMS + i;
            count_error(sel4c_mutex_unlock(&ring_lock));
            count_error(sel4c_sem_post(&items));
        } else { /* consumer */
            sel4c_sem_wait(&items);
            sel4c_mutex_lock(&ring_lock);
            consumed_sum += ring[ring_head++ % RING];
            count_error(sel4c_mutex_unlock(&ring_lock));
            count_error(sel4c_sem_post(&slots));
        }
    }
    return id;
}

static void report(int ok, const char *what)
{
    printf("sync: %s %s\n", ok ? "PASS" : "FAIL", what);
}

int main(const seL4_BootInfo *bi)
{
    (void)bi;
    must(sel4c_event_init(&start, new_notification()), "event");
    must(sel4c_sem_init(&ready, new_notification(), 0), "semaphore");
    must(sel4c_sem_init(&slots, new_notification(), RING), "semaphore");
    must(sel4c_sem_init(&items, new_notification(), 0), "semaphore");
    must(sel4c_mutex_init(&mutex, new_notification()), "mutex");
    must(sel4c_mutex_init(&ring_lock, new_notification()), "mutex");

    static sel4c_thread_t threads[WORKERS];
    sel4c_thread_attr_t attr = {.priority = 200};
    for (uintptr_t i = 0; i < WORKERS; i++) {
        must(sel4c_thread_create(&threads[i], &attr, worker, (void *)i), "thread");
#if CONFIG_MAX_NUM_NODES > 1 && !defined(CONFIG_KERNEL_MCS)
        must((sel4c_err_t)seL4_TCB_SetAffinity(threads[i].tcb.cptr, i % CONFIG_MAX_NUM_NODES),
             "affinity");
#endif
    }
    /* every worker has posted `ready`; most are blocked in sel4c_event_wait by now */
    for (int i = 0; i < WORKERS; i++)
        sel4c_sem_wait(&ready);
    sel4c_event_set(&start);
    int joined = 0;
    for (int i = 0; i < WORKERS; i++) {
        seL4_Word result = ~0ul;
        joined += !sel4c_thread_join(&threads[i], &result) && result == (seL4_Word)i;
    }
    report(joined == WORKERS, "event");
    printf("sync: counter %lu of %d\n", counter, WORKERS * ROUNDS);
    report(counter == (unsigned long)WORKERS * ROUNDS && !errors, "mutex");
    /* producers 0, 2, ... put id * ITEMS + 1 .. id * ITEMS + ITEMS */
    unsigned long expected = 0;
    for (unsigned long id = 0; id < WORKERS; id += 2)
        expected += id * ITEMS * ITEMS + (unsigned long)ITEMS * (ITEMS + 1) / 2;
    report(consumed_sum == expected && slots.count == RING && items.count == 0, "semaphore");
    printf("sync: %d threads on %d core(s)\n", WORKERS, CONFIG_MAX_NUM_NODES);
    return 0;
}
