/*
 * Where each object of a spec comes from: the allocation plan that the initializer carries
 * out and that `sel4c-capdl check --untyped` runs on the host. Freestanding, no heap.
 *
 * Objects at a physical address come first, each from the untyped that covers it. The gap
 * below it is taken by ordinary objects when that leaves less to pad, and the rest is split
 * into as few retypes of naturally aligned untyped pieces ("padding") as the kernel's fan-out
 * allows; the pieces join the pool and hold ordinary objects later, so no memory is lost.
 * Then every other object, in spec order (largest first), goes to the first non-device
 * untyped with room where it needs no alignment gap (with sizes non-increasing there mostly
 * is one), else to the first with room. Last, the objects declared inside spec untypeds, each group
 * retyped from its parent (padded up to children at a physical address, like the top level).
 */
#pragma once

#include "capdl.h"

/* An untyped in the pool: from boot info, or padding split off one. */
typedef struct sel4c_capdl_untyped {
    uint64_t paddr;
    uint64_t used; /* bytes from paddr already handed out (the kernel's free index) */
    uint64_t id;   /* the caller's handle: a CPtr on the target */
    uint8_t size_bits;
    uint8_t device;
    uint8_t pad[6];
} sel4c_capdl_untyped_t;

#define SEL4C_CAPDL_PADDING 0xffffffffu

/* Untyped pieces one padding retype may make: within seL4's default retype fan-out limit
 * (256), and few enough that the CSpace slots they take stay cheap. */
#define SEL4C_CAPDL_FAN_OUT 64

/* One retype of the plan. */
typedef struct sel4c_capdl_retype {
    /* Retyped from this pool entry, or (when NULL) from spec untyped `parent`. */
    const sel4c_capdl_untyped_t *from;
    uint32_t parent;
    uint32_t object; /* the spec object made, or SEL4C_CAPDL_PADDING */
    unsigned bits;   /* log2 of the bytes each object takes */
    unsigned count;  /* padding: pieces made at once (1 to SEL4C_CAPDL_FAN_OUT); else 1 */
} sel4c_capdl_retype_t;

/*
 * Called for each retype in order. For padding, the callback stores the handle of the first
 * piece in `*new_id`; the others are the next `count - 1` handles (consecutive slots).
 * Returns 0 to go on; anything else stops the plan and is returned.
 */
typedef int (*sel4c_capdl_place_fn)(void *ctx, const sel4c_capdl_retype_t *r, uint64_t *new_id);

/*
 * Plans the spec's objects over `pool` (`*n` boot untypeds; room for `max` entries, the
 * rest for padding). Updates pool entries as it goes and appends padding. Returns 0, the
 * callback's nonzero result, or -1 with `err` naming the object that does not fit (table
 * "objects"). Zero-copy frames and IRQs need no memory and are skipped. The spec's children
 * must have passed sel4c_capdl_check_children() (sel4c_capdl_open() does that).
 */
int sel4c_capdl_plan(const sel4c_capdl_spec_t *spec, const sel4c_capdl_sizes_t *sizes,
                     sel4c_capdl_untyped_t *pool, unsigned *n, unsigned max,
                     sel4c_capdl_place_fn place, void *ctx, sel4c_capdl_error_t *err);
