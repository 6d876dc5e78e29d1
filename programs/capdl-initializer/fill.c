/*
 * Frame contents. Each frame with fills is mapped briefly at a window page (see
 * fill_window), written there (copied, decompressed in place, or taken from the boot info's
 * device tree) and unmapped again. Zero-copy frames already hold theirs.
 */
#include <string.h>

#include "initializer.h"
#include "lz4.h"

static _Alignas(4096) uint8_t window[4096];

/* The device tree the kernel passed in boot info, or NULL. */
static const void *boot_fdt(const seL4_BootInfo *bi, seL4_Word *size)
{
    const uint8_t *p = (const uint8_t *)bi + 4096, *end = p + bi->extraLen;
    while (p + sizeof(seL4_BootInfoHeader) <= end) {
        const seL4_BootInfoHeader *h = (const void *)p;
        if (h->len < sizeof *h || h->len > (seL4_Word)(end - p))
            break;
        if (h->id == SEL4_BOOTINFO_HEADER_FDT) {
            *size = h->len - sizeof *h;
            return h + 1;
        }
        p += h->len;
    }
    return NULL;
}

/* Writes one fill into `dst` (the frame's bytes). Returns 0, or -1 for bad data. */
static int apply_fill(const init_t *in, const sel4c_capdl_fill_t *f, uint8_t *dst)
{
    const uint8_t *src = in->spec.data + f->data_offset;
    switch (f->kind) {
    case SEL4C_CAPDL_FILL_DATA: memcpy(dst + f->dest_offset, src, f->length); return 0;
    case SEL4C_CAPDL_FILL_LZ4:
        return LZ4_decompress_safe((const char *)src, (char *)dst + f->dest_offset,
                                   (int)f->data_length, (int)f->length) == (int)f->length
                   ? 0
                   : -1;
    default: {
        seL4_Word size = 0;
        const void *fdt = boot_fdt(in->bi, &size);
        if (!fdt)
            return -1;
        memcpy(dst + f->dest_offset, fdt, size < f->length ? size : f->length);
        return 0;
    }
    }
}

int init_check_fills(const init_t *in)
{
    static _Alignas(8) uint8_t scratch[4096];
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type != SEL4C_CAPDL_FRAME || !o->extra_count ||
            (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY))
            continue;
        const char *problem = 0;
        if (o->size_bits != seL4_PageBits)
            problem = "fills of frames larger than 4 KiB are not supported yet";
        for (uint32_t k = 0; k < o->extra_count && !problem; k++) {
            const sel4c_capdl_fill_t *f = &in->spec.fills[o->extra + k];
            /* plain data was checked by sel4c_capdl_open(); the others can only be tried */
            if (f->kind != SEL4C_CAPDL_FILL_DATA && apply_fill(in, f, scratch))
                problem = f->kind == SEL4C_CAPDL_FILL_LZ4
                              ? "corrupt compressed fill data"
                              : "no device tree in boot info for an FDT fill";
        }
        if (problem) {
            sel4c_error("capdl: frame %u (%s): %s", i, sel4c_capdl_name(&in->spec, i), problem);
            return -1;
        }
    }
    return 0;
}

/*
 * Where frames are mapped to be filled. The kernel maps the root task's image, IPC buffer,
 * boot info and extra boot info (a power of two of pages) one after the other, with page
 * tables covering them in 2 MiB blocks: the page after them is free, and when it shares their
 * last block, mapping there takes no other system call. Else the initializer's own window
 * page is unmapped (`*own`) to make room.
 */
static uint8_t *fill_window(const init_t *in, seL4_CPtr *own)
{
    uintptr_t after = (uintptr_t)in->bi + 4096, extra = 0;
    if (in->bi->extraLen)
        for (extra = 4096; extra < in->bi->extraLen; extra *= 2)
            ;
    after += extra;
    *own = 0;
    if (after % (UINT64_C(1) << 21))
        return (uint8_t *)after;
    *own = in->bi->userImageFrames.start + ((uintptr_t)window - in->image_start) / 4096;
    return window;
}

int init_fill_frames(init_t *in)
{
    seL4_CPtr own;
    uint8_t *page = fill_window(in, &own);
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        in->zero_copy_frames += !!(o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY);
        if (o->type != SEL4C_CAPDL_FRAME || !o->extra_count ||
            (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY))
            continue;
        if (own && INVOKE(in, "unmap fill window", seL4_ARM_Page_Unmap(own)))
            return -1;
        own = 0;
        seL4_CPtr cap = init_cap(in, i);
        if (INVOKE(in, "map frame to fill",
                   seL4_ARM_Page_Map(cap, seL4_CapInitThreadVSpace, (seL4_Word)page, seL4_ReadWrite,
                                     seL4_ARM_Default_VMAttributes)))
            return -1;
        for (uint32_t k = 0; k < o->extra_count; k++) {
            (void)apply_fill(in, &in->spec.fills[o->extra + k], page); /* checked before */
            in->fill_bytes += in->spec.fills[o->extra + k].length;
        }
        if (INVOKE(in, "unmap filled frame", seL4_ARM_Page_Unmap(cap)))
            return -1;
    }
    return 0;
}
