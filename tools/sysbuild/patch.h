/*
 * Writing the values the system gives a program into its image: libmicrokit's variables
 * (microkit_name, the channel masks, microkit_passive), the .system's setvars, and the
 * monitor's table of PDs.
 *
 * A symbol whose bytes are in the file is patched in a copy of the image. A symbol in .bss
 * has no file bytes: its value goes into a side blob, and the frame holding it gets one more
 * fill from that blob (spec.c), so the program sees the value from its first instruction.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/strbuf.h"
#include "layout.h"
#include "system.h"

typedef struct sb_bss_value {
    uint64_t vaddr;
    uint64_t blob_offset;
    uint32_t len;
} sb_bss_value_t;

typedef struct sb_patched {
    uint8_t *data; /* the image with its file-backed symbols patched (malloc'ed) */
    size_t size;
    sb_bss_value_t *bss; /* values of symbols without file bytes */
    size_t nbss;
    strbuf_t blob; /* their bytes */
} sb_patched_t;

/* Copies `image` into `p`, ready for patching. */
void sb_patched_init(sb_patched_t *p, const sb_image_t *image);

/* Gives `symbol` of `image` the `len` bytes at `value`. Errors (reported against
 * `where`:`loc`) if the symbol is missing or smaller than `len`. */
bool sb_patched_set(sb_patched_t *p, const sb_image_t *image, const char *symbol, const void *value,
                    size_t len, const char *where, sb_loc_t loc);

/* Everything the system sets in PD `pd`'s image (physical addresses from `layout`). */
bool sb_patch_pd(const sb_system_t *sys, size_t pd, const sb_layout_t *layout, sb_patched_t *p);

/* Copies the image's GNU build id (up to `max` bytes) to `out`; returns its length, or 0
 * when the image has none. */
size_t sb_build_id(const sel4c_elf_t *elf, uint8_t *out, size_t max);

void sb_patched_free(sb_patched_t *p);
