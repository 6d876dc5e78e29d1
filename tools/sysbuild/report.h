/*
 * The build report (Microkit's report.txt, for sel4c): per PD its caps by slot, mappings,
 * channels, IRQs, setvars and memory; per memory region where it is in physical memory;
 * the spec's objects by type; and where the boot image puts everything.
 */
#pragma once

#include <stdint.h>

#include "../add-payload/plan.h"
#include "../capdl/embed.h"
#include "../capdl/model.h"
#include "../common/strbuf.h"
#include "layout.h"
#include "system.h"

/* The report into `out`; `z` are the kernel's object sizes. */
void sb_report(strbuf_t *out, const sb_system_t *sys, const sb_kernel_t *k, const cdl_spec_t *spec,
               const sel4c_capdl_sizes_t *z, const sb_layout_t *layout, const plan_output_t *plan,
               const cdl_embed_result_t *embedded, uint64_t image_size);
