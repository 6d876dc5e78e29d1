/*
 * hello-root-task: the first program on a seL4 kernel. It prints what the kernel handed it,
 * makes a notification from untyped memory, signals and waits on it, and says goodbye.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sel4c/runtime.h>
#include <sel4c/sel4.h>

/* Creates one object of `type` in free slot `slot` from the first untyped large enough. */
static sel4c_err_t make_object(const seL4_BootInfo *bi, seL4_Word type, seL4_Word size_bits,
                               seL4_CPtr slot)
{
    const seL4_UntypedDesc *desc;
    sel4c_bootinfo_for_each_untyped(bi, ut, desc)
    {
        if (desc->isDevice || desc->sizeBits < size_bits)
            continue;
        return sel4c_untyped_retype(sel4c_untyped_from_cptr(ut), type, 0,
                                    sel4c_cnode_from_cptr(seL4_CapInitThreadCNode), 0, 0, slot, 1);
    }
    return SEL4C_NOT_ENOUGH_MEMORY;
}

int main(const seL4_BootInfo *bi)
{
    seL4_Word untyped_bytes = 0, fdt_size = 0;
    const seL4_UntypedDesc *desc;
    sel4c_bootinfo_for_each_untyped(bi, ut, desc)
    {
        (void)ut;
        if (!desc->isDevice)
            untyped_bytes += 1ul << desc->sizeBits;
    }
    printf("hello-root-task: node %lu of %lu, %lu untypeds (%lu MiB of RAM), %lu free slots\n",
           (unsigned long)bi->nodeID, (unsigned long)bi->numNodes,
           (unsigned long)sel4c_bootinfo_num_untypeds(bi), (unsigned long)(untyped_bytes >> 20),
           (unsigned long)(bi->empty.end - bi->empty.start));
    const void *fdt = sel4c_bootinfo_find_extra(bi, SEL4_BOOTINFO_HEADER_FDT, &fdt_size);
    printf("hello-root-task: device tree %s (%lu bytes)\n", fdt ? "present" : "absent",
           (unsigned long)fdt_size);

    seL4_CPtr slot = bi->empty.start;
    sel4c_err_t err = make_object(bi, seL4_NotificationObject, seL4_NotificationBits, slot);
    if (err != SEL4C_NO_ERROR)
        sel4c_panic("cannot make a notification: %s", sel4c_strerror(err));
    sel4c_notification_t ntfn = sel4c_notification_from_cptr(slot);
    seL4_Signal(ntfn.cptr);
    seL4_Word badge = 0;
    seL4_Wait(ntfn.cptr, &badge);
    printf("hello-root-task: signalled and received a notification in slot %lu\n",
           (unsigned long)slot);
    printf("hello-root-task: all done\n");
    return 0;
}
