/*
 * A root task that needs no runtime: it prints what the kernel gave it through the debug
 * console and suspends itself, using the typed API with the IPC buffer passed explicitly
 * (no thread-local storage is set up).
 */
#include <sel4c/sel4.h>

void roottask_main(seL4_BootInfo *bi);

static void puts_(const char *s)
{
    for (; *s; s++)
        seL4_DebugPutChar(*s);
}

static void put_dec(seL4_Word v)
{
    char buf[24];
    int i = 0;
    do {
        buf[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        seL4_DebugPutChar(buf[--i]);
}

void roottask_main(seL4_BootInfo *bi)
{
    puts_("sel4c root task: hello, node ");
    put_dec(bi->nodeID);
    puts_(" of ");
    put_dec(bi->numNodes);
    puts_(", ");
    put_dec(sel4c_bootinfo_num_untypeds(bi));
    puts_(" untypeds, ");
    seL4_Word fdt_len = 0;
    puts_(sel4c_bootinfo_find_extra(bi, SEL4_BOOTINFO_HEADER_FDT, &fdt_len) ? "a" : "no");
    puts_(" device tree\n");
    sel4c_err_t err =
        sel4c_tcb_suspend_with_ipc(bi->ipcBuffer, sel4c_tcb_from_cptr(seL4_CapInitThreadTCB));
    puts_("sel4c root task: error: suspend failed: ");
    puts_(sel4c_strerror(err));
    puts_("\n");
    for (;;)
        seL4_Yield();
}
