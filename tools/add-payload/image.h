/*
 * The boot image: the kernel loader with a planned payload (plan.h), in one of two forms.
 *
 *  - ELF: the loader ELF with every payload blob appended as a segment at its final physical
 *    address. The boot firmware places them (QEMU -kernel, U-Boot bootelf); the loader only
 *    zeroes. Load it as an ELF; its entry is the loader's.
 *  - binary: raw bytes to load at any 64-byte-aligned address and jump to (U-Boot go, booti;
 *    QEMU -kernel or -device loader). They start with an arm64 Linux Image header, then the
 *    loader as laid out in memory, then the payload header and the regions' bytes. The loader
 *    moves itself to the address it is linked at if it was loaded elsewhere, then copies
 *    each region to its physical address. The header's text_offset asks Image loaders (QEMU,
 *    booti) to load it exactly at the link address, so that nothing but the payload moves.
 *
 * Callers: open the loader (image_loader_open), plan the payload with its extent in
 * plan_input_t.loader_start/end (plan_payload), then build or write the image.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "../../formats/elf/elf.h"
#include "plan.h"

typedef enum image_format { IMAGE_FORMAT_ELF, IMAGE_FORMAT_BINARY } image_format_t;

/* Parses a format name, "elf" or "binary"; false for anything else. */
bool image_format_parse(const char *name, image_format_t *out);

/* The kernel loader as an image is made of it. */
typedef struct image_loader {
    const char *name;        /* the file, for messages */
    sel4c_elf_t elf;         /* the file's bytes stay the caller's and must outlive this */
    uint64_t start;          /* its link address: its lowest segment, where the Image header is */
    uint64_t end;            /* end of the memory it occupies (code, data, bss, stacks) */
    uint64_t payload_symbol; /* address of sel4c_loader_payload */
} image_loader_t;

/*
 * Opens `data` (`size` bytes, 8-byte aligned, e.g. from read_file_all) as a sel4c kernel
 * loader for AArch64. On error reports `name: error: reason` and returns false.
 */
bool image_loader_open(image_loader_t *ld, const char *name, const void *data, uint64_t size);

/* What an image holds and what booting it costs. */
typedef struct image_info {
    image_format_t format;
    uint64_t size;         /* bytes of the image */
    uint64_t load_address; /* binary: where to load it so the loader need not move */
    uint64_t placed;       /* bytes the boot firmware puts in their final place */
    uint64_t copied;       /* bytes the loader copies when the image is at load_address */
    uint64_t zeroed;       /* bytes the loader zeroes */
} image_info_t;

/*
 * Builds the image of `plan` (planned from `in` for this loader) in `format` into a buffer
 * the caller frees, and describes it in `info`. On error (the binary image would overlap
 * the payload at its load address, or lie outside the platform's memory) reports it and
 * returns false.
 */
bool image_build(const image_loader_t *ld, const plan_input_t *in, const plan_output_t *plan,
                 image_format_t format, uint8_t **out, uint64_t *len, image_info_t *info);

/* image_build, then writes the image to `path` atomically (no file on any error). */
bool image_write(const image_loader_t *ld, const plan_input_t *in, const plan_output_t *plan,
                 image_format_t format, const char *path, image_info_t *info);
