/*
 * A libsel4 client root task, built against libsel4's headers and against sel4c's (as C and
 * as C++), each time with the test's own start-up (crt0.S, start.c) and sel4c's libsel4.a for
 * libsel4's state (IPC buffer pointer, boot info). It uses the IPC buffer for real: an
 * Untyped_Retype with words and a capability beyond the registers, a badged Mint, a signal
 * and poll, and an invocation error.
 */
#include <sel4/sel4.h>

/* called from the test's C start-up, also when this file is compiled as C++ */
#ifdef __cplusplus
extern "C" {
#endif
void program_main(seL4_BootInfo *bi);
#ifdef __cplusplus
}
#endif

static int failures;

static void put(const char *s)
{
    for (; *s; s++)
        seL4_DebugPutChar(*s);
}

static void check(int ok, const char *what)
{
    put(ok ? "libsel4-program: PASS " : "libsel4-program: FAIL ");
    put(what);
    put("\n");
    failures += !ok;
}

void program_main(seL4_BootInfo *bi)
{
    seL4_InitBootInfo(bi);
    seL4_SetIPCBuffer(bi->ipcBuffer);
    check(seL4_GetBootInfo() == bi, "boot info");
    check(seL4_GetIPCBuffer() == bi->ipcBuffer, "IPC buffer");

    seL4_CPtr ntfn = bi->empty.start, badged = bi->empty.start + 1;
    seL4_Error err = seL4_NotEnoughMemory;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start && err; i++) {
        if (bi->untypedList[i].isDevice || bi->untypedList[i].sizeBits < seL4_NotificationBits)
            continue;
        err = seL4_Untyped_Retype(bi->untyped.start + i, seL4_NotificationObject, 0,
                                  seL4_CapInitThreadCNode, 0, 0, ntfn, 1);
    }
    check(err == seL4_NoError, "retype");
    err = seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, seL4_WordBits, seL4_CapInitThreadCNode,
                          ntfn, seL4_WordBits, seL4_AllRights, 0x42);
    check(err == seL4_NoError, "mint");
    seL4_Signal(badged);
    seL4_Word badge = 0;
    seL4_Poll(ntfn, &badge);
    check(badge == 0x42, "signal and poll");
    /* the destination is taken: the kernel says so, and libsel4 leaves the rest alone */
    err = seL4_CNode_Copy(seL4_CapInitThreadCNode, ntfn, seL4_WordBits, seL4_CapInitThreadCNode,
                          badged, seL4_WordBits, seL4_AllRights);
    check(err == seL4_DeleteFirst, "invocation error");
    if (!failures)
        put("libsel4-program: all passed\n");
}
