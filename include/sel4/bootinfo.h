/*
 * Access to the boot info: libsel4's seL4_GetBootInfo/seL4_InitBootInfo, and helpers to
 * walk the untypeds and find a chunk of extra boot info (such as the device tree).
 */
#pragma once

#include <sel4/types.h>
#include <sel4/macros.h>
#include <sel4/bootinfo_types.h>

/* Records the boot info pointer the runtime received; seL4_GetBootInfo returns it. */
SEL4C_C_LINKAGE void seL4_InitBootInfo(seL4_BootInfo *bi);
SEL4C_C_LINKAGE seL4_BootInfo *seL4_GetBootInfo(void);

/* Number of untyped capabilities, and the slot holding untyped `i`. */
static inline seL4_Word sel4c_bootinfo_num_untypeds(const seL4_BootInfo *bi)
{
    return bi->untyped.end - bi->untyped.start;
}

static inline seL4_CPtr sel4c_bootinfo_untyped_slot(const seL4_BootInfo *bi, seL4_Word i)
{
    return bi->untyped.start + i;
}

/* Iterates the untyped slots: `slot` and `desc` (const seL4_UntypedDesc *) name each. */
#define sel4c_bootinfo_for_each_untyped(bi, slot, desc)                                            \
    for (seL4_CPtr slot = (bi)->untyped.start;                                                     \
         slot < (bi)->untyped.end && ((desc) = &(bi)->untypedList[slot - (bi)->untyped.start], 1); \
         slot++)

/*
 * The first chunk of extra boot info with identifier `id` (e.g. SEL4_BOOTINFO_HEADER_FDT),
 * or NULL. The chunks follow the boot info frame; a chunk whose length runs past extraLen
 * ends the walk. On success `*len` is the size of the chunk's data, after its header.
 */
static inline const void *sel4c_bootinfo_find_extra(const seL4_BootInfo *bi, seL4_Word id,
                                                    seL4_Word *len)
{
    const char *start = (const char *)bi + seL4_BootInfoFrameSize;
    seL4_Word off = 0;
    while (off + sizeof(seL4_BootInfoHeader) <= bi->extraLen) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)(start + off);
        if (h->len < sizeof *h || h->len > bi->extraLen - off)
            return seL4_Null;
        if (h->id == id) {
            if (len)
                *len = h->len - sizeof *h;
            return h + 1;
        }
        off += h->len;
    }
    return seL4_Null;
}
