/*
 * The client of the virtio-rng driver PD in virtio.system (<sel4c/protocol/rng.h>), started by
 * blk_client when that is done (their lines would interleave on the console). By request
 * and notification: 32 bytes twice, which must differ and not be all zero; then a request for
 * nothing and one beyond the data area, which must be refused; then 32 bytes again (the driver
 * still serves). Then the same by PP call: two reads of 32 bytes from the driver's pool, which
 * must differ from each other and not be zero, two refused lengths, and two fills of 300 bytes
 * through <sel4c/rng_client.h> (pieces of at most 256), which must differ.
 * Success: "rng_client: PASS"; failure: a line with "FAIL".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/protocol/rng.h>
#include <sel4c/rng_client.h>

#define DRIVER_CH     0
#define BLK_CLIENT_CH 1 /* starts us when it is done, so that the two never print at once */
#define N             32

uintptr_t rng_shared;
uintptr_t rng_shared_size;

static volatile struct sel4c_rng_shared *shared;
static int step;
static uint8_t first[N];

static void ask(uint32_t len)
{
    shared->len = len;
    __atomic_store_n(&shared->request, shared->request + 1, __ATOMIC_RELEASE);
    microkit_notify(DRIVER_CH);
}

/* One PP call for `len` bytes: the reply's status, and *filled. */
static uint32_t ppc(uint32_t len, uint32_t *filled)
{
    microkit_mr_set(0, len);
    microkit_msginfo reply =
        microkit_ppcall(DRIVER_CH, microkit_msginfo_new(SEL4C_RNG_PPC_FILL, 1));
    *filled = (uint32_t)microkit_mr_get(0);
    return (uint32_t)microkit_msginfo_get_label(reply);
}

/* Two PP-call reads that must differ and not be zero, then two refused lengths. */
static void by_ppcall(void)
{
    const uint8_t *d = (const uint8_t *)shared->data;
    uint32_t filled, status;
    for (int i = 0; i < 2; i++) {
        status = ppc(N, &filled);
        if (status != SEL4C_RNG_OK || filled != N) {
            printf("rng_client: FAIL PP call %d: status %u, filled %u\n", i, status, filled);
            step = -1;
            return;
        }
        bool zero = true;
        for (int j = 0; j < N; j++)
            zero = zero && d[j] == 0;
        if (zero || (i == 1 && memcmp(first, d, N) == 0)) {
            printf("rng_client: FAIL PP call %d: %s\n", i, zero ? "all zero" : "same bytes twice");
            step = -1;
            return;
        }
        printf("rng_client: PP call %d: %02x%02x%02x%02x%02x%02x%02x%02x...\n", i + 1, d[0], d[1],
               d[2], d[3], d[4], d[5], d[6], d[7]);
        memcpy(first, d, N);
    }
    if ((status = ppc(0, &filled)) != SEL4C_RNG_INVALID || filled != 0 ||
        (status = ppc(SEL4C_RNG_PPC_MAX + 1, &filled)) != SEL4C_RNG_INVALID || filled != 0) {
        printf("rng_client: FAIL a bad PP call was not refused (status %u)\n", status);
        step = -1;
        return;
    }
    /* Through the client library, in more than one piece: what TLS seeding would call. */
    static uint8_t a[300], b[300];
    sel4c_rng_client_t c;
    int err = sel4c_rng_client_init(&c, DRIVER_CH, rng_shared, rng_shared_size);
    if (!err)
        err = sel4c_rng_client_fill(&c, a, sizeof a);
    if (!err)
        err = sel4c_rng_client_fill(&c, b, sizeof b);
    if (err || memcmp(a, b, sizeof a) == 0 || memcmp(a + 256, b + 256, 44) == 0) {
        printf("rng_client: FAIL sel4c_rng_client_fill: status %d\n", err);
        step = -1;
        return;
    }
    printf("rng_client: sel4c_rng_client_fill: 2 x 300 bytes, different\n");
    printf("rng_client: PASS\n");
    step = -1;
}

static void fail(const char *what)
{
    printf("rng_client: FAIL %s (status %u, filled %u)\n", what, shared->status, shared->filled);
    step = -1;
}

void init(void)
{
    shared = (volatile struct sel4c_rng_shared *)rng_shared;
}

void notified(microkit_channel ch)
{
    if (ch == BLK_CLIENT_CH && step == 0) {
        step = 1;
        ask(N);
        return;
    }
    if (ch != DRIVER_CH || step < 0 ||
        __atomic_load_n(&shared->response, __ATOMIC_ACQUIRE) != shared->request)
        return;
    const uint8_t *d = (const uint8_t *)shared->data;
    uint32_t status = shared->status, filled = shared->filled;
    switch (step) {
    case 1:
    case 2: {
        if (status != SEL4C_RNG_OK || filled != N)
            return fail("a read of 32 bytes failed");
        bool zero = true;
        for (int i = 0; i < N; i++)
            zero = zero && d[i] == 0;
        if (zero)
            return fail("all zero");
        printf("rng_client: read %d: %02x%02x%02x%02x%02x%02x%02x%02x...\n", step, d[0], d[1], d[2],
               d[3], d[4], d[5], d[6], d[7]);
        if (step == 1) {
            memcpy(first, d, N);
            memset((uint8_t *)d, 0, N);
        } else if (memcmp(first, d, N) == 0) {
            return fail("two reads gave the same bytes");
        }
        step++;
        ask(step == 2 ? N : 0);
        return;
    }
    case 3:
        if (status != SEL4C_RNG_INVALID || filled != 0)
            return fail("a request for 0 bytes was not refused");
        step++;
        ask((uint32_t)(rng_shared_size - sizeof(struct sel4c_rng_shared) + 1));
        return;
    case 4:
        if (status != SEL4C_RNG_INVALID || filled != 0)
            return fail("a request beyond the data area was not refused");
        step++;
        ask(N);
        return;
    case 5:
        if (status != SEL4C_RNG_OK || filled != N)
            return fail("the driver stopped serving");
        printf("rng_client: notification protocol passed\n");
        return by_ppcall();
    }
}
