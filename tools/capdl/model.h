/*
 * sel4c-capdl's in-memory model of a CapDL spec: what the text and JSON readers build, what
 * `check`, `print` and `stats` look at, and what the binary writer lays out. It uses the
 * binary form's records (formats/capdl/capdl.h) for the fields both share, plus names,
 * source lines and file references that only the host needs.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../formats/capdl/capdl.h"

typedef struct cdl_cap {
    sel4c_capdl_cap_t c; /* c.object: index into spec->objs */
    int line;
} cdl_cap_t;

typedef enum cdl_fill_source { CDL_FILL_FILE, CDL_FILL_FDT } cdl_fill_source_t;

typedef struct cdl_fill {
    uint32_t dest_offset, length;
    cdl_fill_source_t source;
    char *file; /* CDL_FILL_FILE: name relative to the files directory */
    uint64_t file_offset;
    int line;
} cdl_fill_t;

typedef struct cdl_obj {
    /* type, size_bits, level, flags (PADDR), paddr, and parent: 1 + the index (in objs) of
     * the untyped the object is declared inside, or 0 (any untyped) */
    sel4c_capdl_object_t o;
    char *name;
    int line;
    cdl_cap_t *caps;
    size_t ncaps, caps_cap;
    cdl_fill_t *fills;
    size_t nfills;
    sel4c_capdl_tcb_t tcb;
    uint64_t *regs;
    size_t nregs;
    sel4c_capdl_irq_t irq;
    bool irq_mapped; /* irq.irq was given in `irq maps` */
    sel4c_capdl_sched_context_t sc;
} cdl_obj_t;

typedef struct cdl_spec {
    const char *path; /* for messages */
    cdl_obj_t *objs;
    size_t nobjs, objs_cap;
    sel4c_capdl_domain_entry_t *domains;
    size_t ndomains;
    uint32_t *index; /* open-addressing hash of object names: object index + 1, 0 free */
    size_t index_size;
} cdl_spec_t;

/* Adds an object; returns its index, or -1 (reported) if the name is taken. */
long cdl_add_object(cdl_spec_t *s, const char *name, int line);
/* The index of the object called `name`, or -1. */
long cdl_find(const cdl_spec_t *s, const char *name);
/* Adds a cap to holder `obj` (slots may come in any order; duplicates are `check` errors). */
cdl_cap_t *cdl_add_cap(cdl_spec_t *s, size_t obj, int line);
void cdl_free(cdl_spec_t *s);

/* Sorts every object's caps by slot (after reading). */
void cdl_sort_caps(cdl_spec_t *s);

/*
 * The order the initializer creates objects in (a malloc'ed array of object indices), as
 * formats/capdl/capdl.h describes it: objects without a parent (at a physical address by
 * increasing address, then the rest by decreasing size), then each parent's children in the
 * same order, parents in their own order. Objects on a cycle of parents (which `check`
 * refuses) come last.
 */
size_t *cdl_allocation_order(const cdl_spec_t *s, const sel4c_capdl_sizes_t *z);

/* The objects' records in allocation order (a malloc'ed array; `*order` the malloc'ed order
 * itself), parents renumbered to match: the binary form's objects table, for the checks and
 * the plan that run on it. */
sel4c_capdl_object_t *cdl_ordered_objects(const cdl_spec_t *s, const sel4c_capdl_sizes_t *z,
                                          size_t **order);

/* Type names of the text language, both directions. Returns 0 for an unknown name. */
unsigned cdl_type_from_name(const char *name, unsigned *level);
const char *cdl_type_to_name(const cdl_obj_t *o);

/* TCB slot names ("cspace", "ipc_buffer_slot", ...), both directions; -1 when unknown. */
int cdl_tcb_slot_from_name(const char *name);
const char *cdl_tcb_slot_name(unsigned slot);

/* Rights as text ("RWGP"; X is the frame cap's executable flag). */
void cdl_rights_to_text(const sel4c_capdl_cap_t *c, char out[8]);

/* Readers: on error they report `file:line: error:` and return false. */
bool cdl_read_text(cdl_spec_t *s, const char *path, const char *text);
bool cdl_read_json(cdl_spec_t *s, const char *path, const char *text);
/* Reads `size` bytes of text (NUL-terminated; a NUL inside is an error): JSON when it starts
 * with '{', else the text language. Sorts each object's caps by slot. */
bool cdl_read_buffer(cdl_spec_t *s, const char *path, const char *text, size_t size);
