/*
 * Objects declared inside a spec untyped: the parent relation is checked once, and every
 * group of children is laid out in its parent exactly as the allocation plan will retype
 * them, so that a spec that passes never runs out of room in a parent on the target.
 */
#include "capdl.h"

#define NONE 0xffffffffu

static int fail(sel4c_capdl_error_t *err, uint32_t i, const char *what)
{
    err->table = "objects";
    err->index = i;
    err->what = what;
    return -1;
}

int sel4c_capdl_check_children(const sel4c_capdl_object_t *objects, uint32_t n,
                               const sel4c_capdl_sizes_t *z, sel4c_capdl_error_t *err)
{
    uint32_t group = NONE; /* the parent whose children come now */
    uint64_t used = 0;     /* bytes of it they take so far, from its start */
    for (uint32_t i = 0; i < n; i++) {
        const sel4c_capdl_object_t *o = &objects[i];
        if (!o->parent)
            continue;
        uint32_t p = o->parent - 1;
        if (p >= n)
            return fail(err, i, "parent untyped out of range");
        if (p >= i) /* parents first: this also rules out cycles */
            return fail(err, i, "parent untyped does not come before its child");
        const sel4c_capdl_object_t *u = &objects[p];
        if (u->type != SEL4C_CAPDL_UNTYPED)
            return fail(err, i, "parent is not an untyped");
        if (p != group) {
            if (group != NONE && p < group)
                return fail(err, i, "children of an untyped not together, in parent order");
            group = p;
            used = 0;
        }
        unsigned bits = sel4c_capdl_object_bits(z, o), ubits = u->size_bits;
        if (!bits || (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY))
            return fail(err, i, "object that takes no untyped memory inside an untyped");
        if (bits > ubits || ubits > 63)
            return fail(err, i, "object larger than its parent untyped");
        uint64_t size = UINT64_C(1) << bits, room = UINT64_C(1) << ubits;
        if (o->flags & SEL4C_CAPDL_OBJ_PADDR) {
            if (!(u->flags & SEL4C_CAPDL_OBJ_PADDR))
                return fail(err, i, "object at a physical address inside an untyped that has none");
            if (o->paddr < u->paddr || o->paddr - u->paddr < used ||
                o->paddr - u->paddr > room - size)
                return fail(err, i, "physical address outside the free part of the parent");
            used = o->paddr - u->paddr + size;
        } else {
            uint64_t at = (used + size - 1) & ~(size - 1);
            if (at > room - size)
                return fail(err, i, "children overflow their parent untyped");
            used = at + size;
        }
    }
    return 0;
}
