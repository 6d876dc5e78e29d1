/* `sel4c-capdl check`: every problem of a spec, each reported with its line. */
#pragma once

#include "../../formats/capdl/capdl_plan.h"
#include "../common/strbuf.h"
#include "model.h"

typedef struct cdl_check_opts {
    const char *files_dir;           /* if set, fill files must exist there and be long enough */
    sel4c_capdl_untyped_t *untypeds; /* if set (n of them), the spec must fit into these */
    unsigned nuntypeds;
    sel4c_capdl_sizes_t sizes;
    /* If set (with untypeds), receives the plan: one line per retype, in order, naming the
     * address (or the parent untyped and offset, for a parent without one) and the object. */
    strbuf_t *plan;
} cdl_check_opts_t;

/*
 * Checks the spec and derives what the binary form records (VSpace roots, each page
 * table's parent, the root level). Reports each problem as `file:line: error:` and returns
 * how many there were.
 */
unsigned cdl_check(cdl_spec_t *s, const cdl_check_opts_t *opts);

/* The VSpace root level after cdl_check(). */
unsigned cdl_root_level(const cdl_spec_t *s);
