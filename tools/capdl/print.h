/* Text output of a spec: the normalized text form and statistics. */
#pragma once

#include "../common/strbuf.h"
#include "model.h"

/* Appends the spec in normalized text form. */
void cdl_print(strbuf_t *sb, const cdl_spec_t *s);
/* Appends object counts and memory footprint by type (objects at fixed addresses apart). */
void cdl_stats(strbuf_t *sb, const cdl_spec_t *s, const sel4c_capdl_sizes_t *z);
