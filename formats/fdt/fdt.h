/*
 * Reader of flattened device trees (DTB, devicetree specification v0.4, version 17 blobs),
 * freestanding: used in place, no allocation, on the host and in bare-metal programs.
 *
 * sel4c_fdt_check() validates the header, the block layout and the whole structure block
 * once; after it succeeded, the lookups below never read outside the blob. Offsets returned
 * by the lookups are node offsets into the structure block.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEL4C_FDT_MAGIC 0xd00dfeedu

typedef enum sel4c_fdt_err {
    SEL4C_FDT_OK = 0,
    SEL4C_FDT_TRUNCATED, /* shorter than its header or its totalsize */
    SEL4C_FDT_BAD_MAGIC,
    SEL4C_FDT_BAD_VERSION,   /* not compatible with version 16/17 */
    SEL4C_FDT_BAD_LAYOUT,    /* a block outside the blob, or misaligned */
    SEL4C_FDT_BAD_STRUCTURE, /* bad token, unbalanced nodes, unterminated name or string */
} sel4c_fdt_err_t;

typedef struct sel4c_fdt {
    const uint8_t *blob;
    uint32_t size; /* totalsize from the header */
    uint32_t struct_off, struct_size, strings_off, strings_size;
} sel4c_fdt_t;

/* Validates `blob` (at most `avail` bytes readable) and fills `fdt`. */
sel4c_fdt_err_t sel4c_fdt_check(sel4c_fdt_t *fdt, const void *blob, size_t avail)
    __attribute__((warn_unused_result));
const char *sel4c_fdt_strerror(sel4c_fdt_err_t err);

/* The node at `path` ("/", "/psci", "/cpus/cpu@1"; a name without @unit matches the first
 * node of that base name), or -1. */
int sel4c_fdt_path(const sel4c_fdt_t *fdt, const char *path);
/* The first child of `node` (-1 if none), and the next sibling of a node (-1 at the end). */
int sel4c_fdt_first_child(const sel4c_fdt_t *fdt, int node);
int sel4c_fdt_next_sibling(const sel4c_fdt_t *fdt, int node);
/* The name of a node ("cpu@1"). */
const char *sel4c_fdt_name(const sel4c_fdt_t *fdt, int node);
/* A property's value and length, or NULL if `node` has no such property. */
const void *sel4c_fdt_prop(const sel4c_fdt_t *fdt, int node, const char *name, uint32_t *len);
/* Whether a string-list property (e.g. "compatible", "method") contains `s`. */
bool sel4c_fdt_prop_has_string(const sel4c_fdt_t *fdt, int node, const char *name, const char *s);
/* Cell `i` of a property made of big-endian 32-bit cells; false if out of range. */
bool sel4c_fdt_prop_cell(const sel4c_fdt_t *fdt, int node, const char *name, uint32_t i,
                         uint32_t *out);
/* Reads a big-endian 32-bit value. */
static inline uint32_t sel4c_fdt32(const void *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}
