/*
 * The client of the virtio-rng driver PD in virtio.system (<sel4c/protocol/rng.h>): asks for
 * 32 bytes twice, which must differ and not be all zero; then a request for nothing and one
 * beyond the data area, which must be refused; then 32 bytes again (the driver still serves).
 * Success: "rng_client: PASS"; failure: a line with "FAIL".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/protocol/rng.h>

#define DRIVER_CH 0
#define N         32

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

static void fail(const char *what)
{
    printf("rng_client: FAIL %s (status %u, filled %u)\n", what, shared->status, shared->filled);
    step = -1;
}

void init(void)
{
    shared = (volatile struct sel4c_rng_shared *)rng_shared;
    step = 1;
    ask(N);
}

void notified(microkit_channel ch)
{
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
        printf("rng_client: PASS\n");
        step = -1;
        return;
    }
}
