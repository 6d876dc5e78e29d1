/*
 * The CapDL initializer: a root task that creates the system its embedded spec describes.
 * No heap: the spec is read in place, and the little state there is lives in `init_t`.
 *
 * CSpace layout (the root CNode, 2^CONFIG_ROOT_CNODE_SIZE_BITS slots): object i's original
 * cap is in slot `first + i` (zero-copy frames keep theirs among the image frames); after
 * them come padding untypeds, minted copies (badged notifications for IRQs, MCS fault
 * endpoints) and the extra caps that second and later mappings of a frame need.
 */
#pragma once

#include <sel4/sel4.h>
#include <sel4c/log.h>

#include "../../formats/capdl/capdl.h"
#include "../../formats/capdl/capdl_plan.h"

typedef struct init {
    const seL4_BootInfo *bi;
    sel4c_capdl_spec_t spec;
    sel4c_capdl_sizes_t sizes;
    seL4_CPtr first; /* slot of object 0 */
    seL4_CPtr next;  /* next free slot after the objects */
    seL4_CPtr end;   /* one past the last usable slot */
    uintptr_t image_start;
    unsigned long syscalls;         /* every kernel invocation made, for the benchmark */
    unsigned long fill_bytes;       /* written into frames by fills */
    unsigned long zero_copy_frames; /* frames taken from the initializer's image */
    unsigned long gaps;             /* fixed-address objects above their untyped's free index */
} init_t;

/* Counts one kernel invocation and turns its result into 0 or a logged failure. */
#define INVOKE(in, what, call)                                                                     \
    ({                                                                                             \
        (in)->syscalls++;                                                                          \
        seL4_Error err_ = (call);                                                                  \
        if (err_)                                                                                  \
            sel4c_error("capdl: %s failed: seL4 error %d", what, (int)err_);                       \
        err_;                                                                                      \
    })

/* The cap the initializer holds for object i (original, not a copy). */
seL4_CPtr init_cap(const init_t *in, uint32_t obj);
/* A fresh slot after the objects; 0 when the CNode is full. */
seL4_CPtr init_slot(init_t *in);
/* `count` consecutive fresh slots (the first of them); 0 when the CNode is full. */
seL4_CPtr init_slots(init_t *in, unsigned count);
/* Slots the spec needs beyond one per object (checked before anything is created). */
unsigned long init_extra_slots(const init_t *in);

/* Rights and badge (or CNode guard) of a spec cap, as seL4 takes them. */
seL4_CapRights_t init_rights(uint8_t rights);
seL4_Word init_cap_data(const init_t *in, const sel4c_capdl_cap_t *c);
/* A badged copy of a cap's object in a fresh slot; 0 on failure (logged). */
seL4_CPtr init_mint_copy(init_t *in, const sel4c_capdl_cap_t *c);

/* The allocation plan's pool: boot info's untypeds and room for padding (one fan-out's worth
 * at least). Shared by the dry run and the real one, which come one after the other. */
#define INIT_POOL_SIZE (CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS + 2 * SEL4C_CAPDL_FAN_OUT)
extern sel4c_capdl_untyped_t init_pool[INIT_POOL_SIZE];
_Static_assert(CONFIG_RETYPE_FAN_OUT_LIMIT >= SEL4C_CAPDL_FAN_OUT, "padding retypes fan out");

/* The boot info's untypeds as the allocation plan's pool; returns how many. */
unsigned init_untyped_pool(const init_t *in, sel4c_capdl_untyped_t *pool);
/* The system calls the spec needs at least: one per object, cap, mapping, fill, ..., and one
 * per padded gap below a fixed-address object (after check_satisfiable). */
unsigned long init_minimum_calls(const init_t *in);
/* Checks every fill's data (decompressing into scratch) before anything is created. */
int init_check_fills(const init_t *in);

/* Phases, in order. Each returns 0 or a nonzero error (already logged). */
int init_create_objects(init_t *in);
int init_fill_frames(init_t *in);
int init_assign_asids(init_t *in);
int init_install_caps(init_t *in);
int init_map_vspaces(init_t *in);
int init_configure_irqs(init_t *in);
int init_configure_threads(init_t *in);
int init_domain_schedule(init_t *in);
int init_start_threads(init_t *in);

/* Architecture: copies of frame caps the mappings need (beyond the originals). */
unsigned long init_arch_mapping_copies(const init_t *in);
