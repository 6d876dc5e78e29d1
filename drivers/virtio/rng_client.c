/* The client side of the entropy service's PP call (<sel4c/rng_client.h>). */
#include <string.h>

#include <microkit.h>
#include <sel4c/protocol/rng.h>
#include <sel4c/rng_client.h>

int sel4c_rng_client_init(sel4c_rng_client_t *c, unsigned channel, uintptr_t shared,
                          size_t shared_size)
{
    *c = (sel4c_rng_client_t){.channel = channel, .shared = shared, .shared_size = shared_size};
    if (!shared || shared_size <= sizeof(struct sel4c_rng_shared))
        return c->last_status = SEL4C_RNG_INVALID;
    return 0;
}

int sel4c_rng_client_fill(void *ctx, uint8_t *buf, size_t len)
{
    sel4c_rng_client_t *c = ctx;
    volatile struct sel4c_rng_shared *s = (volatile struct sel4c_rng_shared *)c->shared;
    size_t area = c->shared_size - sizeof(struct sel4c_rng_shared);
    size_t piece_max = area < SEL4C_RNG_PPC_MAX ? area : SEL4C_RNG_PPC_MAX;
    while (len > 0) {
        uint32_t piece = (uint32_t)(len < piece_max ? len : piece_max);
        microkit_mr_set(0, piece);
        microkit_msginfo reply =
            microkit_ppcall(c->channel, microkit_msginfo_new(SEL4C_RNG_PPC_FILL, 1));
        uint32_t status = (uint32_t)microkit_msginfo_get_label(reply);
        if (status == SEL4C_RNG_OK && microkit_mr_get(0) != piece)
            status = SEL4C_RNG_DEVICE_FAILED; /* a driver that breaks the protocol */
        if (status != SEL4C_RNG_OK) {
            memset(buf, 0, len);
            return c->last_status = status;
        }
        /* The data area is ours during the call: copy it out, then clear it. */
        memcpy(buf, (const uint8_t *)s->data, piece);
        memset((uint8_t *)s->data, 0, piece);
        buf += piece;
        len -= piece;
    }
    return 0;
}
