/* Packing a device tree for boot: no free space after its blocks. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "../../formats/fdt/fdt.h"

/* Bytes of the header that packing changes (totalsize is in it): the v17 header. */
#define DTB_HEADER_SIZE 40

/*
 * The size of the checked tree `fdt` packed: the end of its last block (memory reservations,
 * structure, strings), so that free space a tool left after them (QEMU's dumped tree is 1 MiB
 * of mostly padding) is neither copied nor reserved. On error (an unterminated memory
 * reservation block) reports `name: error:` and returns false.
 */
bool dtb_packed_size(const char *name, const sel4c_fdt_t *fdt, uint32_t *packed);

/* Writes the header of the packed tree: `fdt`'s, with totalsize `packed`. */
void dtb_packed_header(const sel4c_fdt_t *fdt, uint32_t packed, uint8_t out[DTB_HEADER_SIZE]);
