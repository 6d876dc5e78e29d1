/*
 * Where each object of a spec comes from: the allocation plan that the initializer carries
 * out and that `sel4c-capdl check --untyped` runs on the host. Freestanding, no heap.
 *
 * Objects at a physical address come first, each from the untyped that covers it: the gap
 * below it is split into the fewest naturally aligned untyped pieces ("padding"), which
 * join the pool and hold ordinary objects later, so no memory is lost. Then every other
 * object, in spec order (largest first), goes to the first non-device untyped with room.
 * With sizes non-increasing, an untyped's free index never needs rounding up: no gaps.
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

/*
 * Called for each retype in order: object `object` (or SEL4C_CAPDL_PADDING: an untyped of
 * `bits` bits, whose handle the callback stores in `*new_id`) from pool entry `from`.
 * Returns 0 to go on; anything else stops the plan and is returned.
 */
typedef int (*sel4c_capdl_place_fn)(void *ctx, const sel4c_capdl_untyped_t *from, uint32_t object,
                                    unsigned bits, uint64_t *new_id);

/*
 * Plans the spec's objects over `pool` (`*n` boot untypeds; room for `max` entries, the
 * rest for padding). Updates pool entries as it goes and appends padding. Returns 0, the
 * callback's nonzero result, or -1 with `err` naming the object that does not fit (table
 * "objects"). Zero-copy frames and IRQs need no memory and are skipped.
 */
int sel4c_capdl_plan(const sel4c_capdl_spec_t *spec, const sel4c_capdl_sizes_t *sizes,
                     sel4c_capdl_untyped_t *pool, unsigned *n, unsigned max,
                     sel4c_capdl_place_fn place, void *ctx, sel4c_capdl_error_t *err);
