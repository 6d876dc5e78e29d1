/*
 * Host throughput of the generic queue: a producer thread on CPU 0 and a consumer thread on
 * CPU 1 move COUNT 16-byte messages through a queue of 512, one at a time and in batches of
 * 32, polling when empty or full. Against the same run through a plain Lamport ring of the
 * same shape (head and tail on separate cache lines, acquire/release, no checks, no private
 * index copies), compiled here. Prints messages per second and ns per message; asserts
 * nothing.
 *   host [COUNT]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sel4c/queue.h>

enum { CAPACITY = 512 };

typedef struct msg {
    uint64_t seq;
    uint64_t payload;
} msg_t;

static unsigned long count;
static uint32_t batch;
static void *region;
static size_t region_size;
static volatile uint64_t sink;

/* ---- the plain Lamport ring ---- */

typedef struct lamport {
    uint32_t tail;
    uint8_t pad0[60];
    uint32_t head;
    uint8_t pad1[60];
    msg_t slots[CAPACITY];
} lamport_t;

static uint32_t lamport_put(lamport_t *r, const msg_t *m, uint32_t n)
{
    uint32_t tail = r->tail, head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
    uint32_t room = CAPACITY - (tail - head);
    if (n > room)
        n = room;
    for (uint32_t i = 0; i < n; i++)
        r->slots[(tail + i) % CAPACITY] = m[i];
    __atomic_store_n(&r->tail, tail + n, __ATOMIC_RELEASE);
    return n;
}

static uint32_t lamport_get(lamport_t *r, msg_t *m, uint32_t n)
{
    uint32_t head = r->head, tail = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
    if (n > tail - head)
        n = tail - head;
    for (uint32_t i = 0; i < n; i++)
        m[i] = r->slots[(head + i) % CAPACITY];
    __atomic_store_n(&r->head, head + n, __ATOMIC_RELEASE);
    return n;
}

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *lamport_producer(void *arg)
{
    pin(0);
    msg_t m[32];
    for (unsigned long seq = 0; seq < count;) {
        uint32_t n = batch;
        if (n > count - seq)
            n = (uint32_t)(count - seq);
        for (uint32_t i = 0; i < n; i++)
            m[i] = (msg_t){seq + i, seq + i};
        seq += lamport_put(arg, m, n);
    }
    return NULL;
}

static void *lamport_consumer(void *arg)
{
    pin(1);
    msg_t m[32];
    uint64_t sum = 0;
    for (unsigned long seq = 0; seq < count;) {
        uint32_t n = lamport_get(arg, m, batch);
        for (uint32_t i = 0; i < n; i++)
            sum += m[i].payload;
        seq += n;
    }
    sink = sum;
    return NULL;
}

/* ---- sel4c's queue ---- */

static void *sel4c_producer(void *arg)
{
    (void)arg;
    pin(0);
    sel4c_queue_producer_t p;
    if (sel4c_queue_producer_init(&p, region, region_size, sizeof(msg_t), CAPACITY))
        abort();
    msg_t m[32];
    for (unsigned long seq = 0; seq < count;) {
        uint32_t n = batch, done = 0;
        if (n > count - seq)
            n = (uint32_t)(count - seq);
        for (uint32_t i = 0; i < n; i++)
            m[i] = (msg_t){seq + i, seq + i};
        if (n == 1)
            done = sel4c_queue_enqueue(&p, m) == SEL4C_QUEUE_OK;
        else if (sel4c_queue_enqueue_batch(&p, m, n, &done))
            abort();
        seq += done;
    }
    return NULL;
}

static void *sel4c_consumer(void *arg)
{
    (void)arg;
    pin(1);
    sel4c_queue_consumer_t c;
    if (sel4c_queue_consumer_init(&c, region, region_size, sizeof(msg_t), CAPACITY))
        abort();
    msg_t m[32];
    uint64_t sum = 0;
    for (unsigned long seq = 0; seq < count;) {
        uint32_t done = 0;
        if (batch == 1)
            done = sel4c_queue_dequeue(&c, m) == SEL4C_QUEUE_OK;
        else if (sel4c_queue_dequeue_batch(&c, m, batch, &done))
            abort();
        for (uint32_t i = 0; i < done; i++)
            sum += m[i].payload;
        seq += done;
    }
    sink = sum;
    return NULL;
}

static double run(void *(*producer)(void *), void *(*consumer)(void *), void *arg)
{
    struct timespec t0, t1;
    pthread_t a, b;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pthread_create(&b, NULL, consumer, arg);
    pthread_create(&a, NULL, producer, arg);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    count = argc > 1 ? strtoul(argv[1], NULL, 0) : 5000000;
    region_size = sel4c_queue_region_size(sizeof(msg_t), CAPACITY);
    region = aligned_alloc(64, (region_size + 63) / 64 * 64);
    lamport_t *ring = aligned_alloc(64, sizeof(lamport_t));
    uint64_t expect = (uint64_t)count * (count - 1) / 2;
    printf("queue (host, %lu 16-byte messages, capacity %d, threads on CPUs 0 and 1):\n", count,
           CAPACITY);
    const uint32_t batches[] = {1, 32};
    for (unsigned b = 0; b < 2; b++) {
        batch = batches[b];
        memset(region, 0, region_size);
        double ts = run(sel4c_producer, sel4c_consumer, NULL);
        int ok = sink == expect;
        memset(ring, 0, sizeof *ring);
        double tl = run(lamport_producer, lamport_consumer, ring);
        ok &= sink == expect;
        printf("  batch %2u: sel4c %6.1f M msg/s %6.1f ns/msg; plain Lamport ring %6.1f M msg/s "
               "%6.1f ns/msg%s\n",
               batch, count / ts / 1e6, ts * 1e9 / count, count / tl / 1e6, tl * 1e9 / count,
               ok ? "" : " (WRONG SUM)");
    }
    free(region);
    free(ring);
    return 0;
}
