/*
 * Host figures for lib/shmem and lib/sync (printed, never asserted): the cost of a checked
 * atomic access next to a raw one, of snapshots, of the DMA allocators, and of the sync
 * objects uncontended and under contention, where the pthread stand-in for notifications
 * (tests/shmem/sync_host.c) counts the system calls seL4 would see.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sel4c/dma.h>
#include <sel4c/shmem.h>
#include <sel4c/sync.h>

#include "../../tests/shmem/sync_host.h"

#define N 2000000

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void figure(const char *what, double ns, long ops)
{
    printf("bench/shmem: %-48s %7.1f ns\n", what, ns / ops);
}

static void accessors(void)
{
    static uint32_t region[1024];
    sel4c_shmem_t v;
    if (sel4c_shmem_init(&v, region, sizeof region))
        abort();
    uint32_t x, sum = 0;
    double t = now_ns();
    for (long i = 0; i < N; i++)
        sum += __atomic_load_n(&region[i & 1023], __ATOMIC_ACQUIRE);
    figure("raw acquire load (4 bytes)", now_ns() - t, N);
    t = now_ns();
    for (long i = 0; i < N; i++) {
        if (sel4c_shmem_load32(&v, (size_t)(i & 1023) * 4, SEL4C_SHMEM_ACQUIRE, &x))
            abort();
        sum += x;
    }
    figure("sel4c_shmem_load32, acquire", now_ns() - t, N);
    t = now_ns();
    for (long i = 0; i < N; i++)
        if (sel4c_shmem_store32(&v, (size_t)(i & 1023) * 4, (uint32_t)i, SEL4C_SHMEM_RELEASE))
            abort();
    figure("sel4c_shmem_store32, release", now_ns() - t, N);
    unsigned char desc[64];
    t = now_ns();
    for (long i = 0; i < N; i++)
        if (sel4c_shmem_snapshot(&v, (size_t)(i & 63) * 64, desc, sizeof desc, NULL, NULL))
            abort();
    figure("sel4c_shmem_snapshot of 64 bytes", now_ns() - t, N);
    if (sum == 42)
        printf("(%u)\n", sum);
}

static void allocators(void)
{
    enum { SLOTS = 1024, LIVE = 64 };
    static unsigned char region[SLOTS * 2048] __attribute__((aligned(4096)));
    sel4c_shmem_t v;
    if (sel4c_shmem_init_phys(&v, region, sizeof region, 0x80000000))
        abort();
    sel4c_dma_slots_t s;
    uint64_t bits[SEL4C_DMA_SLOT_WORDS(SLOTS)];
    sel4c_dma_buf_t b, keep[SLOTS];
    if (sel4c_dma_slots_init(&s, &v, 0, 2048, SLOTS, bits, SEL4C_DMA_SLOT_WORDS(SLOTS)))
        abort();
    for (int i = 0; i < SLOTS / 2; i++) /* half full: searches skip full words */
        if (sel4c_dma_slot_alloc(&s, &keep[i]))
            abort();
    double t = now_ns();
    for (long i = 0; i < N; i++)
        if (sel4c_dma_slot_alloc(&s, &b) || sel4c_dma_slot_free(&s, b.offset))
            abort();
    figure("slot alloc + free (1024 slots, half in use)", now_ns() - t, N);

    sel4c_dma_heap_t h;
    static sel4c_dma_extent_t ext[SEL4C_DMA_HEAP_EXTENTS(LIVE + 1)];
    if (sel4c_dma_heap_init(&h, &v, 0, sizeof region, 64, ext, SEL4C_DMA_HEAP_EXTENTS(LIVE + 1)))
        abort();
    for (int i = 0; i < LIVE; i++) /* live buffers with holes between them */
        if (sel4c_dma_heap_alloc(&h, 1500 + 700 * (i % 3), 0, &keep[i]))
            abort();
    for (int i = 0; i < LIVE; i += 2)
        if (sel4c_dma_heap_free(&h, keep[i].offset))
            abort();
    t = now_ns();
    for (long i = 0; i < N / 10; i++)
        if (sel4c_dma_heap_alloc(&h, 2048, 0, &b) || sel4c_dma_heap_free(&h, b.offset))
            abort();
    figure("heap alloc + free (32 live buffers, 33 holes)", now_ns() - t, N / 10);
}

static sel4c_mutex_t mutex;
static long counter;

static void *hammer(void *arg)
{
    long n = (long)(intptr_t)arg;
    for (long i = 0; i < n; i++) {
        sel4c_mutex_lock(&mutex);
        counter++;
        if (sel4c_mutex_unlock(&mutex))
            abort();
    }
    return NULL;
}

static void sync_objects(void)
{
    sync_host_init();
    sel4c_sem_t sem;
    if (sel4c_mutex_init(&mutex, 1) || sel4c_sem_init(&sem, 2, 1))
        abort();
    double t = now_ns();
    hammer((void *)(intptr_t)N);
    figure("mutex lock + unlock, uncontended", now_ns() - t, N);
    t = now_ns();
    for (long i = 0; i < N; i++) {
        sel4c_sem_wait(&sem);
        if (sel4c_sem_post(&sem))
            abort();
    }
    figure("semaphore wait + post, uncontended", now_ns() - t, N);
    printf("bench/shmem: system calls on the uncontended paths: %lu\n", sync_host_calls());

    for (int threads = 2; threads <= 4; threads *= 2) {
        sync_host_init();
        pthread_t th[4];
        long per = N / 4;
        t = now_ns();
        for (int i = 0; i < threads; i++)
            pthread_create(&th[i], NULL, hammer, (void *)(intptr_t)per);
        for (int i = 0; i < threads; i++)
            pthread_join(th[i], NULL);
        double ns = now_ns() - t;
        printf("bench/shmem: mutex, %d threads: %.1f ns per lock + unlock, %.4f system calls "
               "per lock (%lu waits, %lu signals)\n",
               threads, ns / (per * threads), (double)sync_host_calls() / (per * threads),
               sync_host_waits, sync_host_signals);
    }
}

int main(void)
{
    printf("bench/shmem: host figures (gcc -O2), per operation\n");
    accessors();
    allocators();
    sync_objects();
    return 0;
}
