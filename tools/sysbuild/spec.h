/*
 * From a checked system to its CapDL spec: every PD's objects, address space and CSpace in
 * libmicrokit's layout (docs/microkit.md), the channels, IRQs and memory regions, and the
 * monitor that handles the top-level PDs' faults (programs/monitor/monitor.h).
 */
#pragma once

#include <stdbool.h>

#include "../../formats/elf/elf.h"
#include "../capdl/model.h"
#include "patch.h"
#include "system.h"

/* libmicrokit's CSpace layout: a 64-slot root CNode whose slot 0 is the PD's 512-slot CNode. */
#define SB_PD_ROOT_BITS       6
#define SB_PD_CNODE_BITS      9
#define SB_INPUT_CAP          1
#define SB_FAULT_EP_CAP       2
#define SB_VSPACE_CAP         3
#define SB_REPLY_CAP          4
#define SB_MONITOR_EP_CAP     5
#define SB_TCB_CAP            6
#define SB_SMC_CAP            7
#define SB_CONSOLE_CAP        8 /* the monitor's endpoint, badged MONITOR_CONSOLE_BADGE | (index + 1) */
#define SB_BASE_OUTPUT_NTFN   10
#define SB_BASE_ENDPOINT      74
#define SB_BASE_IRQ           138
#define SB_BASE_CHILD_TCB     202
#define SB_BADGE_FAULT_BIT    62
#define SB_BADGE_ENDPOINT_BIT 63

/* The files the spec's frames are filled from, and what the back end decided. */
typedef struct sb_spec_files {
    const char *dir;                /* where they are (cdl_write_opts_t.files_dir) */
    char **pd_images;               /* per PD: its patched image, a name in `dir` */
    char **pd_values;               /* per PD: the values of its .bss symbols, a name in `dir` */
    const sb_patched_t *pd_patched; /* per PD: where those values go */
    const char *monitor_image;      /* the patched monitor, a name in `dir` */
    const sel4c_elf_t *monitor_elf; /* the same, opened */
    char **mr_prefills;             /* per memory region: its prefill file in `dir`, or NULL */
    const uint64_t *mr_paddr;       /* per memory region: fixed physical address, or 0 */
} sb_spec_files_t;

/* Does the PD receive on an endpoint (a PP server, a parent, or passive)? */
bool sb_pd_needs_endpoint(const sb_system_t *sys, size_t pd);

/* The index of PD `pd_name`'s object `what` ("tcb", "cnode", ...) in the spec, or -1. */
long sb_pd_object(const cdl_spec_t *s, const char *pd_name, const char *what);

/*
 * Adds the whole system to the empty model `s` (whose `path` names the .system file for
 * messages). Returns false (reported) on error.
 */
bool sb_make_spec(const sb_system_t *sys, const sb_kernel_t *k, const sb_spec_files_t *files,
                  cdl_spec_t *s);
