/*
 * Physical memory as sel4c-sysbuild plans it: the inputs of the boot image's payload (the
 * platform's memory, the kernel's configuration, the device tree), and a fixed physical
 * address for every memory region that needs one.
 *
 * A region needs one when it has a phys_addr, or when a PD asks for its physical address
 * (<setvar region_paddr>): that value is written into the PD's image at build time, so the
 * region cannot be placed at boot like the others. Such regions are placed from the top of
 * the platform's highest memory region down, below SB_LAYOUT_TOP_RESERVE, which the kernel
 * keeps for the initial task's objects it creates at boot (seL4 takes them from the top of
 * the highest free region). sb_layout_check() then makes sure that the boot payload, placed
 * from the bottom, overlaps no region at a fixed address.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "../add-payload/plan.h"
#include "build.h"
#include "system.h"

#define SB_LAYOUT_TOP_RESERVE (UINT64_C(64) << 20)

typedef struct sb_layout {
    plan_input_t plan_in; /* the platform, the kernel's configuration, the device tree */
    uint8_t *dtb;         /* owned: the device tree file */
    uint64_t *mr_paddr;   /* per memory region: its physical address, 0 when placed at boot */
} sb_layout_t;

/* Reads the platform and the device tree, and places the regions that need a fixed address.
 * Returns false (reported) on error. */
bool sb_layout_init(sb_layout_t *l, const sb_system_t *sys, const sb_kernel_t *k,
                    const sb_build_opts_t *o);

/* Checks that what the boot image places in memory overlaps no region at a fixed address. */
bool sb_layout_check(const sb_layout_t *l, const sb_system_t *sys, const plan_output_t *plan);

void sb_layout_free(sb_layout_t *l);
