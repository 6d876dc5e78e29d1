/*
 * A root task of one's own, built against the installed SDK (docs/getting-started.md): it
 * counts the RAM the kernel handed it and exits.
 */
#include <stdio.h>

#include <sel4c/runtime.h>
#include <sel4c/sel4.h>

int main(const seL4_BootInfo *bi)
{
    seL4_Word bytes = 0;
    const seL4_UntypedDesc *desc;
    sel4c_bootinfo_for_each_untyped(bi, ut, desc)
    {
        (void)ut;
        if (!desc->isDevice)
            bytes += 1ul << desc->sizeBits;
    }
    printf("hello: %lu MiB of RAM, %lu free slots\n", (unsigned long)(bytes >> 20),
           (unsigned long)(bi->empty.end - bi->empty.start));
    return 0;
}
