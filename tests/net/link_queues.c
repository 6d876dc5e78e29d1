/*
 * The tests' link as sDDF network queues: each side is a sel4c_net_client over its own four
 * queues and two data regions in shared memory; a third process plays both virtualisers,
 * moving each frame from one side's transmit buffer into a receive buffer the other side lent,
 * and giving the transmit buffer back. Notifications are eventfds, used exactly as the
 * signalling protocol says (nobody polls the queues on a timer), so a lost wake-up stalls the
 * test until its alarm fails it.
 *
 * With LINK_CORRUPT set, the virtualiser also hands side 1 descriptors no honest peer would
 * (outside the region, not at a buffer's start, too long, the same buffer twice): side 1 must
 * count each as refused and keep working.
 */
#include "link.h"

#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sel4c/net_client.h>

#define CAPACITY    512
#define BUFFERS     256
#define QUEUE_BYTES (8 + CAPACITY * 16)
#define DATA_BYTES  (BUFFERS * SEL4C_NET_BUFFER_SIZE)

struct side_mem {
    _Alignas(4096) uint8_t rx_free[QUEUE_BYTES], rx_active[QUEUE_BYTES], tx_free[QUEUE_BYTES],
        tx_active[QUEUE_BYTES];
    _Alignas(4096) uint8_t rx_data[DATA_BYTES], tx_data[DATA_BYTES];
};
static struct side_mem *mem; /* [2], shared */
static int side_evt[2], virt_evt;
static pid_t virt_pid;
static int me;
static sel4c_net_client_t client;

static void signal_fd(int fd)
{
    uint64_t one = 1;
    CHECK(write(fd, &one, sizeof one) == sizeof one);
}

/* ---- the virtualiser process ---- */

struct vside {
    sel4c_net_consumer_t tx_active, rx_free;
    sel4c_net_producer_t tx_free, rx_active;
};

static void virtualiser(void)
{
    struct vside v[2];
    for (int s = 0; s < 2; s++) {
        CHECK(!sel4c_net_consumer_init(&v[s].tx_active, (void *)mem[s].tx_active, CAPACITY, 0,
                                       DATA_BYTES, SEL4C_NET_BUFFER_SIZE));
        CHECK(!sel4c_net_consumer_init(&v[s].rx_free, (void *)mem[s].rx_free, CAPACITY, 0,
                                       DATA_BYTES, SEL4C_NET_BUFFER_SIZE));
        CHECK(!sel4c_net_producer_init(&v[s].tx_free, (void *)mem[s].tx_free, CAPACITY));
        CHECK(!sel4c_net_producer_init(&v[s].rx_active, (void *)mem[s].rx_active, CAPACITY));
    }
    int corrupt = getenv("LINK_CORRUPT") != NULL;
    for (;;) {
        int work = 0, wake[2] = {0, 0};
        for (int s = 0; s < 2; s++) {
            int d = !s;
            sel4c_net_buff_desc_t tx, rx;
            while (sel4c_net_dequeue(&v[s].tx_active, &tx) == SEL4C_QUEUE_OK) {
                work = 1;
                if (sel4c_net_dequeue(&v[d].rx_free, &rx) == SEL4C_QUEUE_OK) {
                    memcpy(mem[d].rx_data + rx.io_or_offset, mem[s].tx_data + tx.io_or_offset,
                           tx.len);
                    rx.len = tx.len;
                    CHECK(!sel4c_net_enqueue(&v[d].rx_active, rx));
                    wake[d] = 1;
                    if (corrupt && d == 1) {
                        corrupt = 0;
                        sel4c_net_buff_desc_t bad[] = {
                            {.io_or_offset = DATA_BYTES + 4096, .len = 60},
                            {.io_or_offset = 100, .len = 60},
                            {.io_or_offset = rx.io_or_offset, .len = 60}, /* twice */
                        };
                        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                            CHECK(!sel4c_net_enqueue(&v[d].rx_active, bad[i]));
                        /* A length past the buffer, written behind the queue library's back. */
                        sel4c_net_queue_t *q = (void *)mem[d].rx_active;
                        uint16_t t = v[d].rx_active.tail;
                        q->buffers[t % CAPACITY] =
                            (sel4c_net_buff_desc_t){.io_or_offset = 0, .len = 3000};
                        v[d].rx_active.tail = (uint16_t)(t + 1);
                        __atomic_store_n(&q->tail, v[d].rx_active.tail, __ATOMIC_RELEASE);
                    }
                }
                tx.len = 0;
                CHECK(!sel4c_net_enqueue(&v[s].tx_free, tx));
                wake[s] = 1;
            }
        }
        for (int s = 0; s < 2; s++) {
            /* Each side learns of frames and of returned buffers when it asked to. */
            int n = wake[s] && (sel4c_net_producer_must_notify(&v[s].rx_active) |
                                sel4c_net_producer_must_notify(&v[s].tx_free));
            if (n)
                signal_fd(side_evt[s]);
        }
        if (work)
            continue;
        if (!sel4c_net_consumer_prepare_wait(&v[0].tx_active) ||
            !sel4c_net_consumer_prepare_wait(&v[1].tx_active))
            continue;
        uint64_t n;
        CHECK(read(virt_evt, &n, sizeof n) == sizeof n);
    }
}

/* ---- the sides ---- */

void link_setup(void)
{
    mem = mmap(NULL, 2 * sizeof *mem, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(mem != MAP_FAILED);
    side_evt[0] = eventfd(0, EFD_NONBLOCK);
    side_evt[1] = eventfd(0, EFD_NONBLOCK);
    virt_evt = eventfd(0, 0);
    CHECK(side_evt[0] >= 0 && side_evt[1] >= 0 && virt_evt >= 0);
    virt_pid = fork();
    CHECK(virt_pid >= 0);
    if (virt_pid == 0) {
        alarm(150);
        virtualiser();
        _exit(0);
    }
}

static void notify_virtualiser(void *ctx)
{
    (void)ctx;
    signal_fd(virt_evt);
}

void link_attach(int side, sel4c_netdev_t *dev)
{
    me = side;
    struct side_mem *m = &mem[side];
    sel4c_net_client_config_t cfg = {
        .rx_free = m->rx_free,
        .rx_active = m->rx_active,
        .tx_free = m->tx_free,
        .tx_active = m->tx_active,
        .rx_capacity = CAPACITY,
        .tx_capacity = CAPACITY,
        .rx_data = m->rx_data,
        .tx_data = m->tx_data,
        .rx_data_size = DATA_BYTES,
        .tx_data_size = DATA_BYTES,
        .buf_size = SEL4C_NET_BUFFER_SIZE,
        .notify_rx = notify_virtualiser,
        .notify_tx = notify_virtualiser,
    };
    CHECK(sel4c_net_client_init(&client, &cfg, dev) == SEL4C_NO_ERROR);
}

void link_pump(sel4c_netif_t *nif, int wait_ms)
{
    uint32_t next = sel4c_net_next_timeout_ms();
    if ((uint32_t)wait_ms > next)
        wait_ms = (int)next;
    struct pollfd p = {.fd = side_evt[me], .events = POLLIN};
    if (poll(&p, 1, wait_ms) > 0) {
        uint64_t n;
        CHECK(read(side_evt[me], &n, sizeof n) == sizeof n);
        sel4c_net_client_process(&client, nif);
    } else {
        sel4c_net_poll();
    }
}

void link_report(void)
{
    sel4c_net_client_stats_t *s = &client.stats;
    printf("link: %u frames received, %u sent, %u notifications, %u receive descriptors "
           "refused%s%s\n",
           s->rx_frames, s->tx_frames, s->notifications, s->rx_refused,
           s->last_reason ? ", last: " : "", s->last_reason ? s->last_reason : "");
    CHECK(s->tx_refused == 0);
    CHECK(s->rx_refused == (getenv("LINK_CORRUPT") != NULL ? 4u : 0u));
}

void link_teardown(void)
{
    kill(virt_pid, SIGKILL);
    waitpid(virt_pid, NULL, 0);
}
