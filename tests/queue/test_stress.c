/*
 * Two threads, one producer and one consumer, through a shared queue under ThreadSanitizer:
 * the generic ring one at a time and in batches, the network queue (whose 16-bit indices
 * wrap every 65536 descriptors) and the serial queue. Every entry carries its sequence number and a
 * pattern derived from it, checked in order on arrival. Waiting uses the signalling protocol, with
 * seL4's notification emulated by a binary semaphore (signal sets it, wait blocks until set and
 * clears it), and the notifications sent are counted.
 *   test_stress [COUNT]   (default 2000000 entries per run)
 */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sel4c/queue.h>
#include <sel4c/queue/net.h>
#include <sel4c/queue/serial.h>

typedef struct notification {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool set;
    unsigned long sent;
} notification_t;

static void notify(notification_t *n)
{
    pthread_mutex_lock(&n->lock);
    n->set = true;
    n->sent++;
    pthread_cond_signal(&n->cond);
    pthread_mutex_unlock(&n->lock);
}

static void wait_for(notification_t *n)
{
    pthread_mutex_lock(&n->lock);
    while (!n->set)
        pthread_cond_wait(&n->cond, &n->lock);
    n->set = false;
    pthread_mutex_unlock(&n->lock);
}

static notification_t to_consumer = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};
static notification_t to_producer = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};

static void fail(const char *what, unsigned long at, int err)
{
    fprintf(stderr, "FAILED: %s at entry %lu: %s\n", what, at,
            err ? sel4c_queue_strerror(err) : "");
    exit(1);
}

/* ---- the generic ring ---- */

typedef struct msg {
    uint64_t seq;
    uint64_t pattern[2];
} msg_t;

static msg_t make(uint64_t seq)
{
    return (msg_t){seq, {seq * 0x9e3779b97f4a7c15ull, ~seq}};
}

static unsigned long count;
static uint32_t batch;
static void *region;
static size_t region_size;
enum { CAPACITY = 64, MAX_BATCH = 32 };

static void *generic_producer(void *arg)
{
    (void)arg;
    sel4c_queue_producer_t p;
    if (sel4c_queue_producer_init(&p, region, region_size, sizeof(msg_t), CAPACITY))
        fail("producer init", 0, 0);
    msg_t out[MAX_BATCH];
    for (unsigned long seq = 0; seq < count;) {
        uint32_t n = batch, done = 0;
        if (n > count - seq)
            n = (uint32_t)(count - seq);
        for (uint32_t i = 0; i < n; i++)
            out[i] = make(seq + i);
        int err =
            n == 1 ? sel4c_queue_enqueue(&p, out) : sel4c_queue_enqueue_batch(&p, out, n, &done);
        if (n == 1 && err == SEL4C_QUEUE_OK)
            done = 1;
        if (err && err != SEL4C_QUEUE_EFULL)
            fail("enqueue", seq, err);
        if (done == 0) {
            if (sel4c_queue_producer_prepare_wait(&p))
                wait_for(&to_producer);
            continue;
        }
        seq += done;
        if (sel4c_queue_producer_must_notify(&p))
            notify(&to_consumer);
    }
    return NULL;
}

static void *generic_consumer(void *arg)
{
    (void)arg;
    sel4c_queue_consumer_t c;
    if (sel4c_queue_consumer_init(&c, region, region_size, sizeof(msg_t), CAPACITY))
        fail("consumer init", 0, 0);
    msg_t in[MAX_BATCH];
    for (unsigned long seq = 0; seq < count;) {
        uint32_t done = 0;
        int err = batch == 1 ? sel4c_queue_dequeue(&c, in)
                             : sel4c_queue_dequeue_batch(&c, in, batch, &done);
        if (batch == 1 && err == SEL4C_QUEUE_OK)
            done = 1;
        if (err && err != SEL4C_QUEUE_EEMPTY)
            fail("dequeue", seq, err);
        if (done == 0) {
            if (sel4c_queue_consumer_prepare_wait(&c))
                wait_for(&to_consumer);
            continue;
        }
        for (uint32_t i = 0; i < done; i++, seq++) {
            msg_t want = make(seq);
            if (memcmp(&in[i], &want, sizeof want) != 0)
                fail("order or content", seq, 0);
        }
        if (sel4c_queue_consumer_must_notify(&c))
            notify(&to_producer);
    }
    return NULL;
}

/* ---- the network queue: the producer waits by polling, as sDDF's has no producer flag ---- */

enum { NET_CAPACITY = 512 };
static sel4c_net_queue_t *netq;

static void *net_producer(void *arg)
{
    (void)arg;
    sel4c_net_producer_t p;
    if (sel4c_net_producer_init(&p, netq, NET_CAPACITY))
        fail("net producer init", 0, 0);
    for (unsigned long seq = 0; seq < count;) {
        uint64_t buf = seq % NET_CAPACITY;
        sel4c_net_buff_desc_t d = {.io_or_offset = buf * 2048, .len = (uint16_t)(seq % 2048)};
        int err = sel4c_net_enqueue(&p, d);
        if (err == SEL4C_QUEUE_EFULL) {
            sched_yield();
            continue;
        }
        if (err)
            fail("net enqueue", seq, err);
        seq++;
        if (sel4c_net_producer_must_notify(&p))
            notify(&to_consumer);
    }
    return NULL;
}

static void *net_consumer(void *arg)
{
    (void)arg;
    sel4c_net_consumer_t c;
    if (sel4c_net_consumer_init(&c, netq, NET_CAPACITY, 0, NET_CAPACITY * 2048, 2048))
        fail("net consumer init", 0, 0);
    for (unsigned long seq = 0; seq < count;) {
        sel4c_net_buff_desc_t d;
        int err = sel4c_net_dequeue(&c, &d);
        if (err == SEL4C_QUEUE_EEMPTY) {
            if (sel4c_net_consumer_prepare_wait(&c))
                wait_for(&to_consumer);
            continue;
        }
        if (err)
            fail("net dequeue", seq, err);
        if (d.io_or_offset != seq % NET_CAPACITY * 2048 || d.len != seq % 2048)
            fail("net order or content", seq, 0);
        seq++;
    }
    return NULL;
}

/* ---- the serial queue: the producer waits for room by the protocol (sDDF's producer flag);
 * it notifies the consumer after each batch, as sDDF's serial queue has no consumer flag ---- */

enum { SERIAL_CAPACITY = 256 };
static sel4c_serial_queue_t serialq;
static char serial_data[SERIAL_CAPACITY];

static void *serial_producer(void *arg)
{
    (void)arg;
    sel4c_serial_producer_t p;
    if (sel4c_serial_producer_init(&p, &serialq, serial_data, SERIAL_CAPACITY))
        fail("serial producer init", 0, 0);
    char out[100];
    for (unsigned long pos = 0; pos < count;) {
        uint32_t n = (uint32_t)(1 + pos % 100), done = 0;
        if (n > count - pos)
            n = (uint32_t)(count - pos);
        for (uint32_t i = 0; i < n; i++)
            out[i] = (char)('a' + (pos + i) % 26);
        int err = sel4c_serial_enqueue_batch(&p, out, n, &done);
        if (err)
            fail("serial enqueue", pos, err);
        if (done == 0) {
            if (sel4c_serial_producer_prepare_wait(&p))
                wait_for(&to_producer);
            continue;
        }
        pos += done;
        notify(&to_consumer);
    }
    return NULL;
}

static void *serial_consumer(void *arg)
{
    (void)arg;
    sel4c_serial_consumer_t c;
    if (sel4c_serial_consumer_init(&c, &serialq, serial_data, SERIAL_CAPACITY))
        fail("serial consumer init", 0, 0);
    char in[64];
    for (unsigned long pos = 0; pos < count;) {
        uint32_t done = 0;
        int err = sel4c_serial_dequeue_batch(&c, in, sizeof in, &done);
        if (err)
            fail("serial dequeue", pos, err);
        if (done == 0) {
            wait_for(&to_consumer);
            continue;
        }
        for (uint32_t i = 0; i < done; i++, pos++)
            if (in[i] != (char)('a' + pos % 26))
                fail("serial order or content", pos, 0);
        if (sel4c_serial_consumer_must_notify(&c))
            notify(&to_producer);
    }
    return NULL;
}

static void run(const char *name, void *(*producer)(void *), void *(*consumer)(void *))
{
    to_consumer.sent = to_producer.sent = 0;
    to_consumer.set = to_producer.set = false;
    pthread_t a, b;
    pthread_create(&b, NULL, consumer, NULL);
    pthread_create(&a, NULL, producer, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%s: %lu entries in order, %lu notifications to the consumer, %lu to the producer\n",
           name, count, to_consumer.sent, to_producer.sent);
}

int main(int argc, char **argv)
{
    count = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000000;
    alarm(600); /* a lost wake-up hangs both threads: fail (SIGALRM) rather than hang */
    region_size = sel4c_queue_region_size(sizeof(msg_t), CAPACITY);
    region = calloc(1, region_size);
    batch = 1;
    run("generic, one at a time", generic_producer, generic_consumer);
    memset(region, 0, region_size);
    batch = MAX_BATCH;
    run("generic, batches of 32", generic_producer, generic_consumer);
    netq = calloc(1, sizeof *netq + NET_CAPACITY * sizeof(sel4c_net_buff_desc_t));
    run("network queue", net_producer, net_consumer);
    run("serial queue (characters)", serial_producer, serial_consumer);
    free(region);
    free(netq);
    printf("stress: PASS\n");
    return 0;
}
