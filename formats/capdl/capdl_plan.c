/* The allocation plan: objects at fixed addresses with padding below them, then the rest,
 * then the children of spec untypeds from their parents. */
#include "capdl_plan.h"

#define NONE 0xffffffffu

typedef struct planner {
    const sel4c_capdl_spec_t *spec;
    const sel4c_capdl_sizes_t *sizes;
    sel4c_capdl_untyped_t *pool;
    unsigned *n, max;
    sel4c_capdl_place_fn place;
    void *ctx;
    sel4c_capdl_error_t *err;
    uint32_t next; /* ordinary objects before this index are placed already */
} planner_t;

static uint64_t end_of(const sel4c_capdl_untyped_t *u)
{
    return u->paddr + (UINT64_C(1) << u->size_bits);
}

static int fail(planner_t *p, uint32_t obj, const char *what)
{
    p->err->table = "objects";
    p->err->index = obj;
    p->err->what = what;
    return -1;
}

static unsigned ctz(uint64_t v)
{
    return v ? (unsigned)__builtin_ctzll(v) : 63;
}

/* Objects that may go to any non-device untyped. */
static int ordinary(const planner_t *p, uint32_t i, unsigned *bits)
{
    const sel4c_capdl_object_t *o = &p->spec->objects[i];
    *bits = sel4c_capdl_object_bits(p->sizes, o);
    return *bits && !o->parent && !(o->flags & (SEL4C_CAPDL_OBJ_PADDR | SEL4C_CAPDL_OBJ_ZERO_COPY));
}

/*
 * The next padding retype from `at` towards `end` (at < end): `*count` pieces of the bits
 * returned. One retype covers the whole gap when it splits into at most `limit` equal,
 * naturally aligned pieces; otherwise it makes the largest aligned block at `at` (the
 * fewest pieces: their alignment grows, then their size shrinks towards `end`).
 */
static unsigned pad_step(uint64_t at, uint64_t end, unsigned limit, unsigned *count)
{
    uint64_t len = end - at;
    unsigned bits = ctz(len) < ctz(at) ? ctz(len) : ctz(at);
    if ((len >> bits) <= limit) {
        *count = (unsigned)(len >> bits);
        return bits;
    }
    bits = ctz(at);
    while (bits > 0 && (UINT64_C(1) << bits) > len)
        bits--;
    *count = 1;
    return bits;
}

static unsigned pad_calls(uint64_t at, uint64_t end)
{
    unsigned calls = 0, count = 0;
    for (; at < end; calls++)
        at += (uint64_t)count << pad_step(at, end, SEL4C_CAPDL_FAN_OUT, &count);
    return calls;
}

/*
 * Pads from `*at` up to `end` with retypes from `from` (a pool entry), or from spec untyped
 * `parent` when `from` is NULL. Pool padding joins the pool; a parent's stays its own.
 */
static int pad(planner_t *p, sel4c_capdl_untyped_t *from, uint32_t parent, uint64_t *at,
               uint64_t end, uint32_t obj)
{
    while (*at < end) {
        unsigned limit = SEL4C_CAPDL_FAN_OUT, count;
        if (from && p->max - *p->n < limit)
            limit = p->max - *p->n;
        if (!limit)
            return fail(p, obj, "too many padding untypeds below fixed-address objects");
        unsigned bits = pad_step(*at, end, limit, &count);
        uint64_t id = 0;
        sel4c_capdl_retype_t r = {from, parent, SEL4C_CAPDL_PADDING, bits, count};
        int rc = p->place(p->ctx, &r, &id);
        if (rc)
            return rc;
        for (unsigned k = 0; from && k < count; k++)
            p->pool[(*p->n)++] = (sel4c_capdl_untyped_t){
                .paddr = *at + ((uint64_t)k << bits),
                .size_bits = (uint8_t)bits,
                .device = from->device,
                .id = id + k,
            };
        *at += (uint64_t)count << bits;
        if (from)
            from->used = *at - from->paddr;
    }
    return 0;
}

static int retype(planner_t *p, sel4c_capdl_untyped_t *from, uint32_t parent, uint32_t obj,
                  unsigned bits)
{
    sel4c_capdl_retype_t r = {from, parent, obj, bits, 1};
    return p->place(p->ctx, &r, 0);
}

/*
 * Ordinary objects (the next ones, largest first) into the gap [at, end) of `u`, each at
 * the free index without rounding, when that leaves no more padding retypes than before.
 */
static int fill_gap(planner_t *p, sel4c_capdl_untyped_t *u, uint64_t end)
{
    uint64_t at = u->paddr + u->used, to = at;
    uint32_t j = p->next, stop = j;
    unsigned bits;
    for (; j < p->spec->num_objects; j++) {
        if (!ordinary(p, j, &bits))
            continue;
        uint64_t size = UINT64_C(1) << bits;
        if ((to & (size - 1)) || size > end - to)
            break;
        to += size;
        stop = j + 1;
    }
    if (to == at || pad_calls(to, end) > pad_calls(at, end))
        return 0;
    for (j = p->next; j < stop; j++) {
        if (!ordinary(p, j, &bits))
            continue;
        int r = retype(p, u, NONE, j, bits);
        if (r)
            return r;
        u->used += UINT64_C(1) << bits;
    }
    p->next = stop;
    return 0;
}

static int place_at(planner_t *p, uint32_t i, unsigned bits)
{
    const sel4c_capdl_object_t *o = &p->spec->objects[i];
    uint64_t end = o->paddr + (UINT64_C(1) << bits);
    unsigned nboot = *p->n;
    sel4c_capdl_untyped_t *u = 0;
    for (unsigned k = 0; k < nboot && !u; k++)
        if (p->pool[k].paddr <= o->paddr && end <= end_of(&p->pool[k]) && end > o->paddr)
            u = &p->pool[k];
    if (!u)
        return fail(p, i, "no untyped covers the object's physical address");
    if (u->device && o->type != SEL4C_CAPDL_FRAME && o->type != SEL4C_CAPDL_UNTYPED)
        return fail(p, i, "object at a device address is neither a frame nor untyped");
    uint64_t at = u->paddr + u->used;
    if (at > o->paddr)
        return fail(p, i, "physical address already taken by an earlier object");
    int r = u->device ? 0 : fill_gap(p, u, o->paddr);
    if (r)
        return r;
    at = u->paddr + u->used;
    if ((r = pad(p, u, NONE, &at, o->paddr, i)) || (r = retype(p, u, NONE, i, bits)))
        return r;
    u->used = end - u->paddr;
    return 0;
}

/* Whether spec untyped `parent` is device memory: its outermost ancestor decides. */
static int device_parent(const planner_t *p, uint32_t parent)
{
    const sel4c_capdl_object_t *o = &p->spec->objects[parent];
    while (o->parent) /* parents come first: this ends */
        o = &p->spec->objects[o->parent - 1];
    if (!(o->flags & SEL4C_CAPDL_OBJ_PADDR))
        return 0; /* ordinary objects never come from device memory */
    for (unsigned k = 0; k < *p->n; k++)
        if (p->pool[k].paddr <= o->paddr && o->paddr < end_of(&p->pool[k]))
            return p->pool[k].device;
    return 0;
}

/* Each group of children from its parent, laid out as sel4c_capdl_check_children() did. */
static int place_children(planner_t *p)
{
    const sel4c_capdl_spec_t *s = p->spec;
    uint32_t group = NONE;
    uint64_t used = 0;
    int device = 0;
    for (uint32_t i = 0; i < s->num_objects; i++) {
        const sel4c_capdl_object_t *o = &s->objects[i];
        if (!o->parent)
            continue;
        const sel4c_capdl_object_t *u = &s->objects[o->parent - 1];
        if (o->parent - 1 != group) {
            group = o->parent - 1;
            used = 0;
            device = device_parent(p, group);
        }
        if (device && o->type != SEL4C_CAPDL_FRAME && o->type != SEL4C_CAPDL_UNTYPED)
            return fail(p, i, "device untyped holds an object that is neither a frame nor untyped");
        unsigned bits = sel4c_capdl_object_bits(p->sizes, o);
        uint64_t size = UINT64_C(1) << bits;
        int r = 0;
        if (o->flags & SEL4C_CAPDL_OBJ_PADDR) {
            uint64_t at = u->paddr + used;
            r = pad(p, 0, group, &at, o->paddr, i);
            used = o->paddr - u->paddr;
        }
        if (r || (r = retype(p, 0, group, i, bits)))
            return r;
        used = ((used + size - 1) & ~(size - 1)) + size;
    }
    return 0;
}

int sel4c_capdl_plan(const sel4c_capdl_spec_t *spec, const sel4c_capdl_sizes_t *sizes,
                     sel4c_capdl_untyped_t *pool, unsigned *n, unsigned max,
                     sel4c_capdl_place_fn place, void *ctx, sel4c_capdl_error_t *err)
{
    planner_t p = {spec, sizes, pool, n, max, place, ctx, err, 0};
    for (uint32_t i = 0; i < spec->num_objects; i++) {
        const sel4c_capdl_object_t *o = &spec->objects[i];
        if (!(o->flags & SEL4C_CAPDL_OBJ_PADDR) || o->parent)
            continue;
        int r = place_at(&p, i, sel4c_capdl_object_bits(sizes, o));
        if (r)
            return r;
    }
    for (uint32_t i = p.next; i < spec->num_objects; i++) {
        unsigned bits;
        if (!ordinary(&p, i, &bits))
            continue;
        uint64_t size = UINT64_C(1) << bits;
        sel4c_capdl_untyped_t *u = 0;
        for (int gaps = 0; gaps < 2 && !u; gaps++) /* first where no alignment gap opens */
            for (unsigned k = 0; k < *n && !u; k++) {
                sel4c_capdl_untyped_t *c = &pool[k];
                uint64_t free = c->paddr + c->used, at = (free + size - 1) & ~(size - 1);
                if (!c->device && bits <= c->size_bits && at + size <= end_of(c) &&
                    (gaps || at == free))
                    u = c;
            }
        if (!u)
            return fail(&p, i, "no untyped memory left for the object");
        int r = retype(&p, u, NONE, i, bits);
        if (r)
            return r;
        u->used = ((u->paddr + u->used + size - 1) & ~(size - 1)) + size - u->paddr;
    }
    return place_children(&p);
}
