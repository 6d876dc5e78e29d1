/* Device tree packing: totalsize trimmed to the end of the blocks. */
#include "dtb_pack.h"

#include <string.h>

#include "../common/diag.h"

#define RSVMAP_OFFSET 16 /* header field: offset of the memory reservation block */
#define RSVMAP_ENTRY  16 /* address and size, 64-bit each; both zero ends the block */

bool dtb_packed_size(const char *name, const sel4c_fdt_t *fdt, uint32_t *packed)
{
    uint32_t end = fdt->struct_off + fdt->struct_size;
    if (fdt->strings_off + fdt->strings_size > end)
        end = fdt->strings_off + fdt->strings_size;
    for (uint32_t off = sel4c_fdt32(fdt->blob + RSVMAP_OFFSET);; off += RSVMAP_ENTRY) {
        if (off < DTB_HEADER_SIZE || off > fdt->size || fdt->size - off < RSVMAP_ENTRY) {
            diag_error(name, 0, "the memory reservation block is not terminated inside the tree");
            return false;
        }
        static const uint8_t zero[RSVMAP_ENTRY];
        if (memcmp(fdt->blob + off, zero, RSVMAP_ENTRY) == 0) {
            if (off + RSVMAP_ENTRY > end)
                end = off + RSVMAP_ENTRY;
            break;
        }
    }
    *packed = end;
    return true;
}

void dtb_packed_header(const sel4c_fdt_t *fdt, uint32_t packed, uint8_t out[DTB_HEADER_SIZE])
{
    memcpy(out, fdt->blob, DTB_HEADER_SIZE);
    for (int i = 0; i < 4; i++)
        out[4 + i] = (uint8_t)(packed >> (24 - 8 * i)); /* totalsize, big-endian */
}
