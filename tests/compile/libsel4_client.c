/*
 * A program written against libsel4 only, using a wide sample of its API. It must compile
 * unchanged against libsel4 and against sel4c (libsel4_compat.sh builds it with both).
 */
#include <sel4/sel4.h>

seL4_Word client_main(seL4_BootInfo *bi);
seL4_Word client_main(seL4_BootInfo *bi)
{
    seL4_Word sum = 0;
    for (seL4_CPtr slot = bi->untyped.start; slot < bi->untyped.end; slot++) {
        seL4_UntypedDesc *d = &bi->untypedList[slot - bi->untyped.start];
        if (!d->isDevice && d->sizeBits >= seL4_TCBBits) {
            seL4_Error err = seL4_Untyped_Retype(slot, seL4_NotificationObject, 0,
                                                 seL4_CapInitThreadCNode, 0, 0, bi->empty.start, 1);
            sum += err;
            break;
        }
    }
    seL4_CPtr ntfn = bi->empty.start;
    seL4_Signal(ntfn);
    seL4_Word badge;
    seL4_Wait(ntfn, &badge);
    seL4_Poll(ntfn, &badge);
    seL4_MessageInfo_t info = seL4_MessageInfo_new(7, 0, 1, 2);
    seL4_SetMR(0, 1);
    seL4_SetMR(1, 2);
    seL4_SetCap(0, ntfn);
    info = seL4_Call(bi->empty.start + 1, info);
    sum += seL4_GetMR(0) + seL4_MessageInfo_get_length(info);
    if (seL4_isVMFault_tag(info)) {
        seL4_Fault_t f = seL4_getFault(info);
        sum += seL4_Fault_VMFault_get_Addr(f);
    }
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr reply = bi->empty.start + 2;
    info = seL4_Recv(bi->empty.start + 1, &badge, reply);
    info = seL4_ReplyRecv(bi->empty.start + 1, info, &badge, reply);
    sum += seL4_TCB_Configure(seL4_CapInitThreadTCB, seL4_CapInitThreadCNode, 0,
                              seL4_CapInitThreadVSpace, 0, 0, 0);
#else
    info = seL4_Recv(bi->empty.start + 1, &badge);
    seL4_Reply(info);
    sum += seL4_TCB_Configure(seL4_CapInitThreadTCB, 0, seL4_CapInitThreadCNode, 0,
                              seL4_CapInitThreadVSpace, 0, 0, 0);
#endif
    sum += seL4_ARM_Page_Map(bi->userImageFrames.start, seL4_CapInitThreadVSpace, 0x10000000,
                             seL4_ReadWrite, seL4_ARM_Default_VMAttributes);
    seL4_ARM_Page_GetAddress_t addr = seL4_ARM_Page_GetAddress(bi->userImageFrames.start);
    sum += addr.paddr + (seL4_Word)addr.error;
    sum += seL4_CNode_Mint(seL4_CapInitThreadCNode, 40, seL4_WordBits, seL4_CapInitThreadCNode,
                           ntfn, seL4_WordBits, seL4_AllRights, 0x55);
    sum += seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
    seL4_UserContext regs = {0};
    sum += seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 4, &regs);
    sum += seL4_IRQControl_Get(seL4_CapIRQControl, 33, seL4_CapInitThreadCNode, 41, seL4_WordBits);
    seL4_DebugPutChar('x');
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "client");
    sum += seL4_DebugCapIdentify(ntfn);
    seL4_Yield();
    return sum + regs.pc;
}
