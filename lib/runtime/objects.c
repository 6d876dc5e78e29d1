/* Object allocation for root tasks, over boot info's free slots and untypeds. */
#include <stdint.h>

#include <sel4c/objects.h>

static seL4_Word next_slot;     /* 0: not started */
static seL4_Word untyped_index; /* the untyped objects come from, in boot info order */

sel4c_err_t sel4c_object_alloc(seL4_Word type, seL4_Word size_bits, seL4_CPtr *slot)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    if (!next_slot)
        next_slot = bi->empty.start;
    if (next_slot >= bi->empty.end)
        return SEL4C_RANGE_ERROR;
    for (; untyped_index < sel4c_bootinfo_num_untypeds(bi); untyped_index++) {
        if (bi->untypedList[untyped_index].isDevice)
            continue;
        sel4c_err_t err = sel4c_untyped_retype(
            sel4c_untyped_from_cptr(bi->untyped.start + untyped_index), type, size_bits,
            sel4c_cnode_from_cptr(seL4_CapInitThreadCNode), 0, 0, next_slot, 1);
        if (err == SEL4C_NOT_ENOUGH_MEMORY)
            continue; /* this one is used up (or too small): try the next */
        if (err == SEL4C_NO_ERROR)
            *slot = next_slot++;
        return err;
    }
    return SEL4C_NOT_ENOUGH_MEMORY;
}

extern const char __ehdr_start[];

seL4_CPtr sel4c_image_frame(const void *vaddr)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    /* the kernel gives one frame cap per page of the image, from its first page on */
    uintptr_t page = ((uintptr_t)vaddr - ((uintptr_t)__ehdr_start & ~4095ul)) >> seL4_PageBits;
    if ((uintptr_t)vaddr < (uintptr_t)__ehdr_start ||
        page >= bi->userImageFrames.end - bi->userImageFrames.start)
        return 0;
    return bi->userImageFrames.start + page;
}
