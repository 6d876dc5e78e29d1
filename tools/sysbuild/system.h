/*
 * sel4c-sysbuild's model of a Microkit system description (.system file): what the reader
 * builds, what the checks validate, and what the CapDL generator turns into a spec.
 *
 * Ownership: every string and array is owned by the sb_system_t and freed by
 * sb_system_free(). Indices (pd, mr) refer into the system's arrays. Every element keeps its
 * source location so that any later stage can report `file:line:col: error: ...`.
 *
 * The schema is Microkit 2.x's (its manual, "System Description File"), for AArch64.
 * Elements Microkit has that sel4c-sysbuild does not support yet (virtual_machine, cspace,
 * io_address_space, and x86's ioport) are refused by the reader, never ignored.
 *
 * The stages, in order: sb_read() (syntax and schema), sb_resolve() (prefill files, sizes
 * and page sizes), sb_check() (rules needing the kernel configuration), sb_load_images()
 * (rules needing the program images), then the back end (build.h).
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

/*
 * page_size: 4 KiB or 2 MiB. When not written, sb_resolve() picks 2 MiB if the size, the
 * physical address and every mapping's vaddr allow it, else 4 KiB (Microkit's rule).
 * size: as written, or (without a size) the prefill file's length rounded up to the page
 * size; 0 until sb_resolve() when only the prefill gives it.
 */
typedef struct sb_mr {
    char *name;
    uint64_t size, page_size;
    bool has_paddr;
    uint64_t paddr;
    char *prefill; /* prefill_path as written (resolved against the search path), or NULL */
    bool has_size, page_size_explicit; /* written in the file */
    char *prefill_resolved;            /* sb_resolve(): the file found, or NULL */
    uint8_t *prefill_data;             /* sb_resolve(): its bytes (owned) */
    size_t prefill_size;
    sb_loc_t loc;
    sb_loc_t size_loc, page_size_loc, paddr_loc, prefill_loc; /* attributes, when written */
} sb_mr_t;

typedef struct sb_map {
    size_t mr; /* index into sys->mrs */
    uint64_t vaddr;
    unsigned perms;                   /* SB_PERM_* */
    bool cached;                      /* default true */
    char *setvar_vaddr, *setvar_size; /* symbols patched with the vaddr / size, or NULL */
    char *setvar_prefill_size;        /* symbol patched with the prefill's length, or NULL */
    sb_loc_t loc;
    sb_loc_t vaddr_loc;
} sb_map_t;

typedef enum sb_trigger { SB_TRIGGER_LEVEL, SB_TRIGGER_EDGE } sb_trigger_t;

typedef struct sb_irq {
    uint64_t irq;
    unsigned id; /* channel id in the PD */
    sb_trigger_t trigger;
    char *setvar_id; /* symbol patched with the id, or NULL */
    sb_loc_t loc;
    sb_loc_t irq_loc, id_loc;
} sb_irq_t;

/* <setvar symbol=".." region_paddr="mr"/>: the symbol gets the region's physical address.
 * An MR named by a setvar needs a fixed physical address; without phys_addr the back end
 * chooses one (Microkit's rule). */
typedef struct sb_setvar {
    char *symbol;
    size_t mr;
    sb_loc_t loc;
    sb_loc_t mr_loc; /* the region_paddr attribute */
} sb_setvar_t;

/* Every symbol the builder patches in one PD's image, whatever set it (for sb_load_images and
 * the back end): where it was asked for and what it gets. */
typedef enum sb_patch_kind {
    SB_PATCH_VADDR,        /* map setvar_vaddr: the mapping's vaddr */
    SB_PATCH_SIZE,         /* map setvar_size: the region's size */
    SB_PATCH_PREFILL_SIZE, /* map setvar_prefill_size: the prefill file's length */
    SB_PATCH_PADDR,        /* <setvar region_paddr>: the region's physical address */
    SB_PATCH_ID,           /* irq, channel end or child setvar_id: that id */
} sb_patch_kind_t;

typedef struct sb_patch {
    char *symbol; /* owned copy */
    sb_patch_kind_t kind;
    size_t mr;      /* VADDR (with vaddr), SIZE, PREFILL_SIZE, PADDR */
    uint64_t value; /* VADDR: the vaddr; ID: the id */
    sb_loc_t loc;   /* the attribute naming the symbol */
} sb_patch_t;

/* A program image, opened by sb_load_images(). Symbols are looked up in `symbols`: the
 * path_for_symbols ELF when given (Microkit's split images), else the image itself; the
 * patched bytes are the image's at the symbol's address. */
typedef struct sb_image {
    char *path; /* the resolved path of program_image */
    uint8_t *data;
    size_t size;
    sel4c_elf_t elf;
    uint64_t lo, hi;    /* page-rounded span of its loadable segments */
    char *symbols_path; /* the resolved path_for_symbols, or NULL */
    uint8_t *symbols_data;
    size_t symbols_size;
    sel4c_elf_t symbols_elf;
    const sel4c_elf_t *symbols; /* &symbols_elf or &elf */
} sb_image_t;

typedef struct sb_pd {
    char *name;
    unsigned priority;           /* 0..254, default 0 (as Microkit) */
    uint64_t budget, period;     /* microseconds; default budget 1000, period = budget */
    bool has_budget, has_period; /* written explicitly (MCS-only features) */
    bool passive;
    uint64_t stack_size; /* default 8 KiB, 4 KiB-aligned */
    unsigned cpu;        /* default 0 */
    bool smc;
    bool fpu; /* may use the FPU; default true */
    bool has_domain;
    char *domain;                           /* domain name declared in <domains>, when has_domain */
    unsigned domain_id;                     /* that domain's id (when has_domain) */
    char *program_image, *path_for_symbols; /* as written; path_for_symbols may be NULL */
    sb_loc_t program_image_loc;
    long parent;         /* index of the parent PD, -1 for a top-level PD */
    unsigned child_id;   /* id in the parent (when parent >= 0), 0..63 */
    char *setvar_id;     /* child: symbol in the parent patched with child_id, or NULL */
    sb_patch_t *patches; /* every setvar of this PD's image, in file order (see sb_patch_t) */
    size_t npatches;
    /* attribute locations, when written */
    sb_loc_t priority_loc, budget_loc, period_loc, passive_loc, stack_size_loc, cpu_loc, smc_loc,
        domain_loc, id_loc;
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
    bool pp;         /* this end may PP-call the other (default false) */
    bool notify;     /* this end may notify the other (default true) */
    char *setvar_id; /* symbol in this end's PD patched with id, or NULL */
    sb_loc_t loc;
    sb_loc_t id_loc, pp_loc;
} sb_end_t;

typedef struct sb_channel {
    sb_end_t end[2];
    sb_loc_t loc;
} sb_channel_t;

/*
 * One entry of the domain schedule (<domains><domain_schedule><schedule_entry>), in order.
 * An end marker (<schedule_end_marker/>) has end_marker set, no name and length 0.
 * length is the duration as written: in timer ticks, or in microseconds when `us` is set
 * (sb_domain_ticks() converts; Microkit's initialiser rounds to the nearest tick).
 */
typedef struct sb_domain {
    char *name;
    uint64_t length;
    bool us;
    bool end_marker;
    unsigned id; /* the domain's id */
    sb_loc_t loc;
} sb_domain_t;

/* A domain declared by <domain name=".." [id=".."]/>; without an id it gets the lowest one
 * no other declaration uses (in file order). */
typedef struct sb_domain_decl {
    char *name;
    unsigned id;
    bool has_id;
    sb_loc_t loc, id_loc;
} sb_domain_decl_t;

typedef struct sb_system {
    const char *path; /* for messages */
    sb_loc_t loc;     /* the <system> element */
    sb_pd_t *pds;     /* parents precede their children */
    size_t npds;
    sb_mr_t *mrs;
    size_t nmrs;
    sb_channel_t *channels;
    size_t nchannels;
    sb_domain_t *domains; /* the domain schedule, in order */
    size_t ndomains;
    bool has_domains; /* a <domains> element was given: every PD then names its domain */
    sb_domain_decl_t *domain_decls;
    size_t ndomain_decls;
    uint64_t schedule_start; /* <domain_schedule start_index>, default 0 */
    bool has_index_shift;
    uint64_t index_shift; /* <domain_schedule index_shift> */
    sb_loc_t domains_loc, schedule_loc, start_loc, shift_loc;
} sb_system_t;

/* The interrupt of the generic timer's EL1 physical timer: PPI 30 (INTID 30) on every GIC. */
#define SB_ARM_PHYS_TIMER_IRQ 30u

/* What the checks need to know of the kernel, from its gen_config.json. */
typedef struct sb_kernel {
    bool mcs, hyp, smc_calls, fpu;
    bool export_pcnt, export_ptmr; /* generic counter/timer at user level */
    unsigned num_nodes, num_domains, num_domain_schedules;
    unsigned pa_bits;       /* physical address bits (40 or 44) */
    unsigned levels;        /* VSpace levels: 3 (hyp, 40-bit PA) or 4 */
    uint64_t user_top;      /* seL4_UserTop: last user virtual address (inclusive) */
    uint64_t timer_freq;    /* TIMER_FREQUENCY */
    uint64_t max_period_us; /* the longest budget or period the kernel accepts */
    char *plat;             /* PLAT (owned) */
    unsigned max_irq;       /* the platform's last IRQ number, 0 when the platform is unknown */
} sb_kernel_t;

/* Microkit's limits (libmicrokit's microkit.h and the Microkit tool). */
#define SB_MAX_PDS        63
#define SB_MAX_CHANNEL_ID 61 /* MICROKIT_MAX_CHANNELS - 1: channel and IRQ ids */
#define SB_MAX_CHILD_ID   63 /* the parent's child TCB slots */
#define SB_PD_NAME_MAX    63 /* MICROKIT_PD_NAME_LENGTH 64, with the NUL */
#define SB_MAX_PRIORITY   254
#define SB_MIN_STACK_SIZE 0x1000
#define SB_MAX_STACK_SIZE 0x1000000
#define SB_DEFAULT_STACK  0x2000
#define SB_DEFAULT_BUDGET 1000
#define SB_PAGE_SMALL     0x1000
#define SB_PAGE_LARGE     0x200000

/* The value a patch writes (8 bytes, little-endian). For SB_PATCH_PADDR of a region without
 * phys_addr this is 0: the back end chooses that address and writes it. */
static inline uint64_t sb_patch_value(const sb_system_t *sys, const sb_patch_t *p)
{
    switch (p->kind) {
    case SB_PATCH_VADDR:
    case SB_PATCH_ID: return p->value;
    case SB_PATCH_SIZE: return sys->mrs[p->mr].size;
    case SB_PATCH_PREFILL_SIZE: return sys->mrs[p->mr].prefill_size;
    case SB_PATCH_PADDR: return sys->mrs[p->mr].has_paddr ? sys->mrs[p->mr].paddr : 0;
    }
    return 0;
}

/* The schedule entry's length in timer ticks (0 when it does not fit 64 bits). */
static inline uint64_t sb_domain_ticks(const sb_domain_t *d, const sb_kernel_t *k)
{
    if (!d->us)
        return d->length;
    unsigned __int128 t = ((unsigned __int128)d->length * k->timer_freq + 500000) / 1000000;
    return t > UINT64_MAX ? 0 : (uint64_t)t;
}

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

/* Reads the kernel configuration (a gen_config.json); errors are reported naming `path`.
 * sb_kernel_free() releases what it holds. */
bool sb_kernel_load(sb_kernel_t *k, const char *path);
void sb_kernel_free(sb_kernel_t *k);

/*
 * Parses a .system file into `sys` (path is kept for messages; text is NUL-terminated, size
 * bytes long). Reports every syntax and schema error as `path:line:col: error: ...` and
 * returns false when any was found.
 */
bool sb_read(sb_system_t *sys, const char *path, const char *text, size_t size);

/*
 * Completes the model with the files it names besides program images: finds each prefill
 * file in the search path (in order; absolute paths as written), reads it, sizes regions
 * given only by their prefill, and chooses the page size of regions that did not set one.
 * Returns the number of errors reported.
 */
unsigned sb_resolve(sb_system_t *sys, const char *const *search, size_t nsearch);

/* Checks the rules that need the kernel configuration but no program image. Reports every
 * error found and returns their number. */
unsigned sb_check(const sb_system_t *sys, const sb_kernel_t *k);

/*
 * Finds each PD's program_image in the search path (in order), opens it as an ELF and checks
 * what needs the image: mappings and the stack not overlapping it, every setvar symbol present
 * and 8 bytes, libmicrokit's patched symbols present. Returns the number of errors reported.
 */
unsigned sb_load_images(sb_system_t *sys, const sb_kernel_t *k, const char *const *search,
                        size_t nsearch);

/* Frees everything the system owns (images included); the struct itself is the caller's. */
void sb_system_free(sb_system_t *sys);
