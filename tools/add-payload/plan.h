/*
 * Planning of a kernel-loader payload: where the kernel, the initial user image and the
 * device tree go in physical memory, what the loader must zero, and which bytes go where
 * (blobs at their final physical addresses; image.h makes an ELF or a binary image of them).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../formats/elf/elf.h"
#include "../../formats/loader/payload.h"
#include "dtb_pack.h"
#include "platform.h"

#define PLAN_MAX_SEGMENTS 16

/* A loadable segment of an input ELF. */
typedef struct plan_segment {
    uint64_t paddr, vaddr, filesz, memsz;
    const uint8_t *data; /* filesz bytes */
} plan_segment_t;

typedef struct plan_image {
    const char *name; /* for messages: the file */
    plan_segment_t segs[PLAN_MAX_SEGMENTS];
    unsigned nsegs;
    uint64_t entry;
} plan_image_t;

/*
 * The loadable segments of an opened ELF (`name` for messages), pointing into its bytes.
 * Fails (reporting it) with more than PLAN_MAX_SEGMENTS of them.
 */
bool plan_image_of_elf(const char *name, const sel4c_elf_t *elf, plan_image_t *img);

typedef struct plan_input {
    plan_image_t kernel, user;
    const uint8_t *dtb; /* the device tree file: checked and packed by plan_payload */
    uint64_t dtb_size;  /* the file's size */
    const char *dtb_name;
    platform_t platform;
    const char *platform_name;
    bool kernel_at_el2; /* from the kernel's configuration */
    unsigned num_nodes;
    uint64_t loader_start, loader_end; /* the loader's own image */
} plan_input_t;

/* Bytes to add to the loader ELF as a segment at physical (and virtual) address `paddr`. */
typedef struct plan_blob {
    uint64_t paddr;
    const uint8_t *data;
    uint64_t size;
} plan_blob_t;

typedef struct plan_output {
    sel4c_loader_payload_t payload; /* regions in ascending order of destination */
    /* what to place: the regions' bytes, then the payload header as the last blob */
    plan_blob_t blobs[2 * PLAN_MAX_SEGMENTS + 3];
    unsigned nblobs;
    uint64_t payload_paddr;
    uint8_t dtb_header[DTB_HEADER_SIZE]; /* the packed tree's header (a blob's bytes) */
} plan_output_t;

/*
 * Checks the inputs against each other and the platform and plans the payload: the device
 * tree is checked and packed (its totalsize trimmed to the end of its blocks), the regions
 * are sorted by destination. `out` refers to the inputs' bytes and to itself (no
 * allocation): keep both while using it, and do not copy it. Errors are reported through
 * diag (naming the file and the reason); returns false on any.
 */
bool plan_payload(const plan_input_t *in, plan_output_t *out);
