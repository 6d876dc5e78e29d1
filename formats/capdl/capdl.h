/*
 * The sel4c CapDL spec in its binary form: written by sel4c-capdl on the host, read in place
 * by the CapDL initializer on the target. Freestanding: no libc, no heap.
 *
 * A spec is one little-endian blob: a header, then tables of fixed-size records, a string
 * table and a data area. Records refer to each other by index and to strings and data by
 * offset. sel4c_capdl_open() checks every offset, index and field once; afterwards a reader
 * may index any table without further checks.
 *
 * Object order is the allocation order. First the objects that may come from any untyped:
 * those at a physical address by increasing address, then the others by decreasing size (so
 * untyped memory is used without alignment gaps). Then the objects declared inside a spec
 * untyped (`parent`), grouped by parent in the order of their parents, each group in the same
 * order (at a physical address first, then by decreasing size): a parent always comes before
 * its children, and each group is retyped from its parent in turn.
 *
 * Capabilities: each object owns a slice of the caps table. For a CNode it is the CNode's
 * slots; for a page table, its entries (a cap to a frame or to the next-level table); for a
 * TCB, the TCB slots below; for an IRQ, slot 0 is the notification it signals.
 */
#pragma once

#include <stdint.h>

#define SEL4C_CAPDL_MAGIC   "sel4cdl"
#define SEL4C_CAPDL_VERSION 2 /* 2: parent untypeds, object sizes in the header */

typedef enum sel4c_capdl_arch {
    SEL4C_CAPDL_ARCH_AARCH64 = 1,
    /* reserved: riscv64 = 2, x86_64 = 3 */
} sel4c_capdl_arch_t;

typedef enum sel4c_capdl_type {
    SEL4C_CAPDL_UNTYPED = 1,
    SEL4C_CAPDL_ENDPOINT,
    SEL4C_CAPDL_NOTIFICATION,
    SEL4C_CAPDL_CNODE,
    SEL4C_CAPDL_TCB,
    SEL4C_CAPDL_FRAME,      /* size_bits: 12, 21 or 30 on AArch64 */
    SEL4C_CAPDL_PAGE_TABLE, /* `level` 0 (top) to 3 (last); the VSpace roots are flagged */
    SEL4C_CAPDL_ASID_POOL,
    SEL4C_CAPDL_IRQ,
    SEL4C_CAPDL_SCHED_CONTEXT, /* MCS */
    SEL4C_CAPDL_REPLY,         /* MCS */
    SEL4C_CAPDL_VCPU,          /* reserved: not created yet */
    SEL4C_CAPDL_ARM_SMC,       /* the capability to make SMC calls (kernels with ALLOW_SMC_CALLS):
                                  not created, copied from the initial task's */
    SEL4C_CAPDL_TYPE_COUNT
} sel4c_capdl_type_t;

/* Object flags */
#define SEL4C_CAPDL_OBJ_PADDR 0x01 /* must be created at `paddr` */
#define SEL4C_CAPDL_OBJ_ROOT  0x02 /* page table: a VSpace root */
#define SEL4C_CAPDL_OBJ_ZERO_COPY                                                                  \
    0x04 /* frame: one of the initializer's own image pages, at                                    \
            virtual address `paddr`; not created */

#define SEL4C_CAPDL_UNMAPPED 0xffffffffu

/* TCB slots (the `slot` of caps held by a TCB) */
enum {
    SEL4C_CAPDL_TCB_CSPACE,
    SEL4C_CAPDL_TCB_VSPACE,
    SEL4C_CAPDL_TCB_IPC_BUFFER,
    SEL4C_CAPDL_TCB_FAULT_EP,     /* MCS: the fault endpoint cap; non-MCS: use tcb.fault_ep */
    SEL4C_CAPDL_TCB_SC,           /* MCS */
    SEL4C_CAPDL_TCB_TEMPFAULT_EP, /* MCS */
    SEL4C_CAPDL_TCB_BOUND_NOTIFICATION,
    SEL4C_CAPDL_TCB_VCPU, /* reserved */
    SEL4C_CAPDL_TCB_SLOT_COUNT
};

/* Cap rights, as seL4_CapRights bits */
#define SEL4C_CAPDL_RIGHT_WRITE       0x1
#define SEL4C_CAPDL_RIGHT_READ        0x2
#define SEL4C_CAPDL_RIGHT_GRANT       0x4
#define SEL4C_CAPDL_RIGHT_GRANT_REPLY 0x8
#define SEL4C_CAPDL_RIGHTS_ALL        0xf

/* Cap flags (frame mappings) */
#define SEL4C_CAPDL_CAP_UNCACHED   0x1
#define SEL4C_CAPDL_CAP_EXECUTABLE 0x2

typedef struct sel4c_capdl_table {
    uint32_t offset; /* from the start of the spec */
    uint32_t count;
} sel4c_capdl_table_t;

/* Sizes (log2 bytes) of the fixed-size objects, which depend on the kernel's configuration. */
typedef struct sel4c_capdl_sizes {
    uint8_t bits[SEL4C_CAPDL_TYPE_COUNT]; /* per type; unused for sized types */
    uint8_t root_bits;                    /* a VSpace root */
    uint8_t slot_bits;                    /* a CNode slot */
} sel4c_capdl_sizes_t;

typedef struct sel4c_capdl_header {
    char magic[8]; /* SEL4C_CAPDL_MAGIC, NUL-padded */
    uint32_t version;
    uint32_t arch;
    uint32_t size;      /* of the whole spec, header included */
    uint8_t root_level; /* level of every VSpace root (0: 4 levels, 1: 3 levels) */
    uint8_t pad[3];
    sel4c_capdl_table_t objects, caps, tcbs, irqs, sched_contexts, fills, registers,
        domain_schedule;
    sel4c_capdl_table_t strings, data; /* bytes, not records */
    /* The object sizes the spec was written for: open() checks that children fit their
     * parents with these; an initializer with other sizes checks again with its own. */
    sel4c_capdl_sizes_t sizes;
} sel4c_capdl_header_t;

typedef struct sel4c_capdl_object {
    uint32_t name; /* string offset */
    uint8_t type;
    uint8_t size_bits; /* untyped, CNode (slots), frame, scheduling context */
    uint8_t level;     /* page table */
    uint8_t flags;
    uint32_t caps_first, caps_count;
    /* TCB, IRQ, scheduling context: index into their table. Frame: first fill and count.
     * Page table that is not a root: the table holding it and the slot there (so that a
     * table has exactly one place in one VSpace), or SEL4C_CAPDL_UNMAPPED. */
    uint32_t extra;
    uint32_t extra_count;
    uint64_t paddr;
    /* 1 + the index of the spec untyped the object must be retyped from (declared inside it),
     * or 0: any untyped (so that zeroed records mean no parent). */
    uint32_t parent;
    uint32_t pad;
} sel4c_capdl_object_t;

typedef struct sel4c_capdl_cap {
    uint32_t slot;
    uint32_t object;
    uint64_t badge; /* endpoint and notification badge; CNode: guard */
    uint8_t rights;
    uint8_t guard_size; /* CNode caps */
    uint8_t flags;      /* SEL4C_CAPDL_CAP_* */
    uint8_t pad[5];
} sel4c_capdl_cap_t;

#define SEL4C_CAPDL_TCB_RESUME 0x1

typedef struct sel4c_capdl_tcb {
    uint64_t ipc_buffer_addr, ip, sp;
    uint64_t fault_ep; /* non-MCS: the fault endpoint's CPtr in the thread's own CSpace */
    uint32_t regs_first, regs_count; /* initial x0, x1, ... in the registers table */
    uint8_t priority, max_priority, affinity, domain;
    uint8_t flags;
    uint8_t pad[3];
} sel4c_capdl_tcb_t;

typedef struct sel4c_capdl_irq {
    uint32_t irq;
    uint8_t trigger; /* 0 level, 1 edge */
    uint8_t target;  /* core (SMP) */
    uint8_t pad[2];
} sel4c_capdl_irq_t;

typedef struct sel4c_capdl_sched_context {
    uint64_t budget, period; /* microseconds */
    uint64_t badge;          /* reported in timeout faults */
    uint32_t extra_refills;
    uint32_t pad;
} sel4c_capdl_sched_context_t;

typedef enum sel4c_capdl_fill_kind {
    SEL4C_CAPDL_FILL_DATA = 1, /* `length` bytes at data + data_offset */
    SEL4C_CAPDL_FILL_LZ4,      /* an LZ4 block of data_length bytes at data + data_offset
                                  that decompresses to exactly `length` bytes */
    SEL4C_CAPDL_FILL_FDT,      /* the device tree from boot info, up to `length` bytes */
} sel4c_capdl_fill_kind_t;

/*
 * A frame's initial contents. `file` and `file_offset` say where the bytes came from (for
 * printing a spec back as text; SEL4C_CAPDL_NO_FILE if not from a file). The fills of a
 * zero-copy frame only describe it: its page already holds them.
 */
typedef struct sel4c_capdl_fill {
    uint32_t dest_offset, length; /* within the frame */
    uint32_t kind;
    uint32_t data_offset, data_length; /* within the data area */
    uint32_t file;                     /* string offset */
    uint64_t file_offset;
} sel4c_capdl_fill_t;

#define SEL4C_CAPDL_NO_FILE 0xffffffffu

typedef struct sel4c_capdl_domain_entry {
    uint32_t domain;
    uint32_t pad;
    uint64_t duration;
} sel4c_capdl_domain_entry_t;

_Static_assert(sizeof(sel4c_capdl_header_t) == 120, "header layout");
_Static_assert(sizeof(sel4c_capdl_object_t) == 40, "object layout");
_Static_assert(sizeof(sel4c_capdl_cap_t) == 24, "cap layout");
_Static_assert(sizeof(sel4c_capdl_tcb_t) == 48, "tcb layout");
_Static_assert(sizeof(sel4c_capdl_irq_t) == 8, "irq layout");
_Static_assert(sizeof(sel4c_capdl_sched_context_t) == 32, "sched context layout");
_Static_assert(sizeof(sel4c_capdl_fill_t) == 32, "fill layout");
_Static_assert(sizeof(sel4c_capdl_domain_entry_t) == 16, "domain entry layout");

/* A checked spec: pointers into the blob. */
typedef struct sel4c_capdl_spec {
    const sel4c_capdl_header_t *header;
    const sel4c_capdl_object_t *objects;
    const sel4c_capdl_cap_t *caps;
    const sel4c_capdl_tcb_t *tcbs;
    const sel4c_capdl_irq_t *irqs;
    const sel4c_capdl_sched_context_t *sched_contexts;
    const sel4c_capdl_fill_t *fills;
    const uint64_t *registers;
    const sel4c_capdl_domain_entry_t *domain_schedule;
    const char *strings;
    const uint8_t *data;
    uint32_t num_objects, num_caps, num_domain_entries;
} sel4c_capdl_spec_t;

/* Where sel4c_capdl_open() found a problem. */
typedef struct sel4c_capdl_error {
    const char *what;  /* static text: the reason */
    const char *table; /* "header", "objects", "caps", ... */
    uint32_t index;    /* record in that table */
} sel4c_capdl_error_t;

/*
 * Checks the `size` bytes at `blob` (8-byte aligned) as a spec and fills `spec`. Returns 0,
 * or -1 with `err` saying which record is wrong and why. Nothing is written on error.
 */
int sel4c_capdl_open(sel4c_capdl_spec_t *spec, const void *blob, uint64_t size,
                     sel4c_capdl_error_t *err);

/* The object's name (always NUL-terminated after a successful open). */
static inline const char *sel4c_capdl_name(const sel4c_capdl_spec_t *s, uint32_t obj)
{
    return s->strings + s->objects[obj].name;
}

/* The object type's name as the CapDL text language writes it ("ep", "frame", ...). */
const char *sel4c_capdl_type_name(unsigned type);

/* The AArch64 sizes for a kernel with or without MCS and hypervisor support. The TCB is
 * 11 bits; a kernel that saves debug registers in it (HARDWARE_DEBUG_API) needs 12, which
 * the caller sets. */
void sel4c_capdl_sizes_aarch64(sel4c_capdl_sizes_t *z, int mcs, int hyp);

/* log2 of the bytes of memory an object takes (0 for objects that take none, like IRQs). */
unsigned sel4c_capdl_object_bits(const sel4c_capdl_sizes_t *z, const sel4c_capdl_object_t *o);

/* Whether two size tables are the same. */
int sel4c_capdl_sizes_equal(const sel4c_capdl_sizes_t *a, const sel4c_capdl_sizes_t *b);

/*
 * The children of spec untypeds in `n` objects in allocation order (see the top of this file):
 * each parent index in range and before its child, each parent an untyped, each group of
 * siblings together, no child at a physical address unless its parent has one, and every
 * group fitting its parent when laid out as the initializer does (at a physical address
 * where given, else at the next free offset aligned to its size). Returns 0, or -1 with
 * `err` naming the child (table "objects"). Used by sel4c_capdl_open() and `check`.
 */
int sel4c_capdl_check_children(const sel4c_capdl_object_t *objects, uint32_t n,
                               const sel4c_capdl_sizes_t *z, sel4c_capdl_error_t *err);

/* Does TCB slot `slot` accept a cap to `o`? (The VSpace slot wants a root page table.) */
int sel4c_capdl_tcb_slot_accepts(uint32_t slot, const sel4c_capdl_object_t *o);

/* Index bits of a page table (a root at level 1 has 10, as with 40-bit stage-2 addresses). */
static inline unsigned sel4c_capdl_table_index_bits(const sel4c_capdl_object_t *o)
{
    return (o->flags & SEL4C_CAPDL_OBJ_ROOT) && o->level == 1 ? 10 : 9;
}

/* log2 of the bytes one entry of a page table at `level` maps. */
static inline unsigned sel4c_capdl_level_shift(unsigned level)
{
    return 12 + 9 * (3 - level);
}
