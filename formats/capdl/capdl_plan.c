/* The allocation plan: objects at fixed addresses with padding below them, then the rest. */
#include "capdl_plan.h"

static uint64_t end_of(const sel4c_capdl_untyped_t *u)
{
    return u->paddr + (UINT64_C(1) << u->size_bits);
}

static int fail(sel4c_capdl_error_t *err, uint32_t obj, const char *what)
{
    err->table = "objects";
    err->index = obj;
    err->what = what;
    return -1;
}

/* The largest naturally aligned block at `at` no larger than `len` bytes (len > 0). */
static unsigned block_bits(uint64_t at, uint64_t len)
{
    unsigned bits = at ? (unsigned)__builtin_ctzll(at) : 63;
    while (bits > 0 && (UINT64_C(1) << bits) > len)
        bits--;
    return bits;
}

static int place_at(const sel4c_capdl_spec_t *spec, uint32_t i, unsigned bits,
                    sel4c_capdl_untyped_t *pool, unsigned *n, unsigned max,
                    sel4c_capdl_place_fn place, void *ctx, sel4c_capdl_error_t *err)
{
    const sel4c_capdl_object_t *o = &spec->objects[i];
    uint64_t end = o->paddr + (UINT64_C(1) << bits);
    unsigned nboot = *n;
    sel4c_capdl_untyped_t *u = 0;
    for (unsigned k = 0; k < nboot && !u; k++)
        if (pool[k].paddr <= o->paddr && end <= end_of(&pool[k]) && end > o->paddr)
            u = &pool[k];
    if (!u)
        return fail(err, i, "no untyped covers the object's physical address");
    if (u->device && o->type != SEL4C_CAPDL_FRAME && o->type != SEL4C_CAPDL_UNTYPED)
        return fail(err, i, "object at a device address is neither a frame nor untyped");
    uint64_t at = u->paddr + u->used;
    if (at > o->paddr)
        return fail(err, i, "physical address already taken by an earlier object");
    while (at < o->paddr) {
        if (*n >= max)
            return fail(err, i, "too many padding untypeds below fixed-address objects");
        unsigned pb = block_bits(at, o->paddr - at);
        sel4c_capdl_untyped_t *p = &pool[(*n)++];
        *p = (sel4c_capdl_untyped_t){.paddr = at, .size_bits = (uint8_t)pb, .device = u->device};
        int r = place(ctx, u, SEL4C_CAPDL_PADDING, pb, &p->id);
        if (r)
            return r;
        at += UINT64_C(1) << pb;
        u->used = at - u->paddr;
    }
    int r = place(ctx, u, i, bits, 0);
    u->used = end - u->paddr;
    return r;
}

int sel4c_capdl_plan(const sel4c_capdl_spec_t *spec, const sel4c_capdl_sizes_t *sizes,
                     sel4c_capdl_untyped_t *pool, unsigned *n, unsigned max,
                     sel4c_capdl_place_fn place, void *ctx, sel4c_capdl_error_t *err)
{
    for (uint32_t i = 0; i < spec->num_objects; i++) {
        const sel4c_capdl_object_t *o = &spec->objects[i];
        if (!(o->flags & SEL4C_CAPDL_OBJ_PADDR))
            continue;
        int r = place_at(spec, i, sel4c_capdl_object_bits(sizes, o), pool, n, max, place, ctx, err);
        if (r)
            return r;
    }
    for (uint32_t i = 0; i < spec->num_objects; i++) {
        const sel4c_capdl_object_t *o = &spec->objects[i];
        unsigned bits = sel4c_capdl_object_bits(sizes, o);
        if ((o->flags & (SEL4C_CAPDL_OBJ_PADDR | SEL4C_CAPDL_OBJ_ZERO_COPY)) || !bits)
            continue;
        uint64_t size = UINT64_C(1) << bits;
        sel4c_capdl_untyped_t *u = 0;
        for (unsigned k = 0; k < *n && !u; k++) {
            sel4c_capdl_untyped_t *c = &pool[k];
            uint64_t at = (c->paddr + c->used + size - 1) & ~(size - 1);
            if (!c->device && bits <= c->size_bits && at + size <= end_of(c))
                u = c;
        }
        if (!u)
            return fail(err, i, "no untyped memory left for the object");
        int r = place(ctx, u, i, bits, 0);
        if (r)
            return r;
        u->used = ((u->paddr + u->used + size - 1) & ~(size - 1)) + size - u->paddr;
    }
    return 0;
}
