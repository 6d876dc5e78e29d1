/*
 * sel4c-sysbuild's model of a Microkit system description (.system file): what the reader
 * builds, what the checks validate, and what the CapDL generator turns into a spec.
 *
 * Ownership: every string and array is owned by the sb_system_t and freed by sb_free().
 * Indices (pd, mr) refer into the system's arrays. Every element keeps its source location
 * so that any later stage can report `file:line:col: error: ...`.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../formats/elf/elf.h"

/* Where an element or attribute was written (1-based; 0 when synthesised). */
typedef struct sb_loc {
    int line, col;
} sb_loc_t;

enum { SB_PERM_R = 1, SB_PERM_W = 2, SB_PERM_X = 4 };

typedef struct sb_mr {
    char *name;
    uint64_t size, page_size; /* page_size: 4 KiB or 2 MiB (the default is the smallest fit) */
    bool has_paddr;
    uint64_t paddr;
    char *prefill; /* path as written (resolved against the search path), or NULL */
    sb_loc_t loc;
} sb_mr_t;

typedef struct sb_map {
    size_t mr; /* index into sys->mrs */
    uint64_t vaddr;
    unsigned perms; /* SB_PERM_* */
    bool cached;    /* default true */
    char *setvar_vaddr, *setvar_size; /* symbols patched with the vaddr / size, or NULL */
    sb_loc_t loc;
} sb_map_t;

typedef enum sb_trigger { SB_TRIGGER_LEVEL, SB_TRIGGER_EDGE } sb_trigger_t;

typedef struct sb_irq {
    uint64_t irq;
    unsigned id; /* channel id in the PD */
    sb_trigger_t trigger;
    char *setvar_id; /* symbol patched with the id, or NULL */
    sb_loc_t loc;
} sb_irq_t;

/* <setvar symbol=".." region_paddr="mr"/>: the symbol gets the region's physical address. */
typedef struct sb_setvar {
    char *symbol;
    size_t mr;
    sb_loc_t loc;
} sb_setvar_t;

/* A program image, opened by sb_load_images(). */
typedef struct sb_image {
    char *path; /* the resolved path of program_image */
    uint8_t *data;
    size_t size;
    sel4c_elf_t elf;
    uint64_t lo, hi; /* page-rounded span of its loadable segments */
} sb_image_t;

typedef struct sb_pd {
    char *name;
    unsigned priority;        /* 0..254, default 0 (as Microkit) */
    uint64_t budget, period;  /* microseconds; default budget 1000, period = budget */
    bool has_budget, has_period; /* written explicitly (MCS-only features) */
    bool passive;
    uint64_t stack_size; /* default 8 KiB, 4 KiB-aligned */
    unsigned cpu;        /* default 0 */
    bool smc;
    bool has_domain;
    char *domain; /* domain name from <domain_schedule>, when has_domain */
    char *program_image, *path_for_symbols; /* as written; path_for_symbols may be NULL */
    sb_loc_t program_image_loc;
    long parent;       /* index of the parent PD, -1 for a top-level PD */
    unsigned child_id; /* id in the parent (when parent >= 0) */
    char *setvar_id;   /* child: symbol in the parent patched with child_id, or NULL */
    sb_map_t *maps;
    size_t nmaps;
    sb_irq_t *irqs;
    size_t nirqs;
    sb_setvar_t *setvars;
    size_t nsetvars;
    sb_image_t image; /* filled by sb_load_images() */
    sb_loc_t loc;
} sb_pd_t;

typedef struct sb_end {
    size_t pd;
    unsigned id;
    bool pp;     /* this end may PP-call the other (default false) */
    bool notify; /* this end may notify the other (default true) */
    sb_loc_t loc;
} sb_end_t;

typedef struct sb_channel {
    sb_end_t end[2];
    sb_loc_t loc;
} sb_channel_t;

typedef struct sb_domain {
    char *name;
    uint64_t length; /* in the kernel's domain time units (ticks) */
    sb_loc_t loc;
} sb_domain_t;

typedef struct sb_system {
    const char *path; /* for messages */
    sb_pd_t *pds;     /* parents precede their children */
    size_t npds;
    sb_mr_t *mrs;
    size_t nmrs;
    sb_channel_t *channels;
    size_t nchannels;
    sb_domain_t *domains; /* the domain schedule, in order */
    size_t ndomains;
} sb_system_t;

/* What the checks need to know of the kernel, from its gen_config.json. */
typedef struct sb_kernel {
    bool mcs, hyp, smc_calls;
    bool export_pcnt, export_ptmr; /* generic counter/timer at user level */
    unsigned num_nodes, num_domains, num_domain_schedules;
    unsigned pa_bits;    /* physical address bits (40 or 44) */
    unsigned levels;     /* VSpace levels: 3 (hyp, 40-bit PA) or 4 */
    uint64_t user_top;   /* seL4_UserTop: last user virtual address (inclusive) */
    uint64_t timer_freq; /* TIMER_FREQUENCY */
} sb_kernel_t;

/* The IPC buffer occupies the top page of the user address space; the stack ends one guard
 * page below it (the layout Microkit's tool uses, which libmicrokit relies on). */
static inline uint64_t sb_ipc_buffer_vaddr(const sb_kernel_t *k)
{
    return k->user_top & ~UINT64_C(0xfff);
}
static inline uint64_t sb_stack_top(const sb_kernel_t *k)
{
    return sb_ipc_buffer_vaddr(k) - 0x1000;
}

/* Reads the kernel configuration; errors are reported naming `path`. */
bool sb_kernel_load(sb_kernel_t *k, const char *path);

/*
 * Parses a .system file into `sys` (path is kept for messages; text is NUL-terminated, size
 * bytes long). Reports every syntax and schema error as `path:line:col: error: ...` and
 * returns false when any was found.
 */
bool sb_read(sb_system_t *sys, const char *path, const char *text, size_t size);

/* Checks the rules that need the kernel configuration but no program image. Returns the
 * number of errors reported. */
unsigned sb_check(const sb_system_t *sys, const sb_kernel_t *k);

/*
 * Finds each PD's program_image in the search path (in order), opens it as an ELF and checks
 * what needs the image: mappings and the stack not overlapping it, every setvar symbol present
 * and 8 bytes, libmicrokit's patched symbols present. Returns the number of errors reported.
 */
unsigned sb_load_images(sb_system_t *sys, const sb_kernel_t *k, const char *const *search,
                        size_t nsearch);

void sb_free(sb_system_t *sys);
