/*
 * Building one address space in a CapDL model: page tables are created on demand, one per
 * level and range, and each frame is mapped by a cap in the last-level table that covers it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../capdl/model.h"

typedef struct sb_vspace_table {
    unsigned level;
    uint64_t base; /* first virtual address it maps */
    size_t obj;
} sb_vspace_table_t;

typedef struct sb_vspace {
    cdl_spec_t *spec;
    const char *owner;   /* object name prefix */
    unsigned root_level; /* 0 with 4 levels, 1 with 3 */
    size_t root;         /* the root table's object */
    sb_vspace_table_t *tables;
    size_t ntables, cap;
} sb_vspace_t;

/* Creates the root table `<owner>.vspace` for a kernel with `levels` (3 or 4) levels. Returns
 * false (reported) if an object of that name exists. */
bool sb_vspace_init(sb_vspace_t *vs, cdl_spec_t *spec, const char *owner, unsigned levels);

/*
 * Maps `frame` (an object of the spec, 4 KiB or 2 MiB by its size_bits) at `vaddr`, aligned to
 * its size, with SB_PERM_* `perms`. The caller guarantees the range is free (the system's
 * checks ensure it). Returns false (reported) on an internal inconsistency.
 */
bool sb_vspace_map(sb_vspace_t *vs, uint64_t vaddr, size_t frame, unsigned perms, bool cached);

void sb_vspace_free(sb_vspace_t *vs);
