/* The server's entropy: calls while starting, a reserve refilled by notification afterwards
 * (entropy.h). */
#include "entropy.h"

#include <stdbool.h>
#include <string.h>

#include <microkit.h>
#include <sel4c/event.h>
#include <sel4c/protocol/rng.h>
#include <sel4c/rng_client.h>

/* mbedTLS takes 128 bytes a reseed (and reseeds after every 10,000 requests for random bytes): the
 * reserve covers several reseeds while one refill is under way. */
#define RESERVE 1024u

static sel4c_rng_client_t rng;
static sel4c_event_handler_t on_answer;
static bool serving, asked;
static uint32_t request;
static uint8_t reserve[RESERVE];
static size_t reserve_len;

static volatile struct sel4c_rng_shared *shared(void)
{
    return (volatile struct sel4c_rng_shared *)rng.shared;
}

/* Asks for what the reserve lacks, unless a request is under way. */
static void ask(void)
{
    size_t area = rng.shared_size - sizeof(struct sel4c_rng_shared);
    size_t want = RESERVE - reserve_len;
    if (asked || want == 0)
        return;
    shared()->len = (uint32_t)(want < area ? want : area);
    __atomic_store_n(&shared()->request, ++request, __ATOMIC_RELEASE);
    asked = true;
    microkit_notify(rng.channel);
}

static void answered(unsigned ch, void *arg)
{
    (void)ch;
    (void)arg;
    if (!asked || __atomic_load_n(&shared()->response, __ATOMIC_ACQUIRE) != request)
        return;
    asked = false;
    uint32_t n = shared()->filled;
    if (shared()->status == SEL4C_RNG_OK && n <= RESERVE - reserve_len) {
        memcpy(reserve + reserve_len, (const uint8_t *)shared()->data, n);
        memset((uint8_t *)shared()->data, 0, n);
        reserve_len += n;
        ask();
    }
    /* A failed device is not asked again: the reserve runs down, then reseeds fail. */
}

int entropy_init(unsigned channel, uintptr_t shared_region, size_t size)
{
    return sel4c_rng_client_init(&rng, channel, shared_region, size);
}

int entropy_fill(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    if (!serving)
        return sel4c_rng_client_fill(&rng, buf, len);
    if (len > reserve_len) {
        memset(buf, 0, len);
        return SEL4C_RNG_AGAIN;
    }
    /* The reserve's last bytes, forgotten as they go. */
    reserve_len -= len;
    memcpy(buf, reserve + reserve_len, len);
    memset(reserve + reserve_len, 0, len);
    ask();
    return 0;
}

int entropy_serve(void)
{
    if (sel4c_event_on_notify(&on_answer, rng.channel, answered, NULL) != SEL4C_NO_ERROR)
        return -1;
    serving = true;
    ask();
    return 0;
}
