/*
 * sel4c-sysbuild's back end: from a checked system (with its program images loaded) to the
 * CapDL spec, the initializer with the spec embedded, and the bootable loader image.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "system.h"

typedef struct sb_build_opts {
    const char *sel4_prefix; /* seL4 install: bin/kernel.elf, libsel4/include, support/ */
    const char *sdk_dir;     /* sel4c's per-configuration elf/ directory: the loader,
                                the CapDL initializer and the monitor images */
    const char *out;         /* the bootable image (default "loader.img") */
    const char *report;      /* report path (default "report.txt"), NULL for none */
    const char *capdl_out;   /* the CapDL spec as text, or NULL */
    const char *svg_out;     /* the system drawn as SVG (graphviz), or NULL */
    const char *dtb;         /* device tree passed to the kernel, or NULL for the machine's */
    /* the CapDL initializer's log level: SEL4C_LOG_ERROR (0, silent unless something fails)
     * to SEL4C_LOG_DEBUG; from SEL4C_LOG_INFO it prints its figures (docs/capdl.md) */
    uint32_t initializer_log_level;
} sb_build_opts_t;

/*
 * Builds every output. Writes nothing unless everything succeeds; errors are reported with
 * the place and the reason. Returns false on any error.
 */
bool sb_build(const sb_system_t *sys, const sb_kernel_t *k, const sb_build_opts_t *o);
