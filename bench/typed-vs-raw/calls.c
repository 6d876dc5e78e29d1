/*
 * Pairs of functions making the same invocation through the raw libsel4 layer and through
 * the typed sel4c layer. bench/typed-vs-raw/compare.sh disassembles both and compares them.
 */
#include <sel4c/sel4.h>

seL4_Error raw_retype(seL4_CPtr ut, seL4_CPtr cnode, seL4_Word slot)
{
    return seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, cnode, 0, 0, slot, 1);
}

sel4c_err_t typed_retype(sel4c_untyped_t ut, sel4c_cnode_t cnode, seL4_Word slot)
{
    return sel4c_untyped_retype(ut, seL4_NotificationObject, 0, cnode, 0, 0, slot, 1);
}

seL4_Error raw_mint(seL4_CPtr cnode, seL4_Word dest, seL4_Word src, seL4_Word badge)
{
    return seL4_CNode_Mint(cnode, dest, 64, cnode, src, 64, seL4_AllRights, badge);
}

sel4c_err_t typed_mint(sel4c_cnode_t cnode, seL4_Word dest, seL4_Word src, seL4_Word badge)
{
    return sel4c_cnode_mint(cnode, dest, 64, cnode, src, 64, seL4_AllRights, badge);
}

seL4_Error raw_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr)
{
    return seL4_ARM_Page_Map(frame, vspace, vaddr, seL4_ReadWrite, seL4_ARM_Default_VMAttributes);
}

sel4c_err_t typed_map(sel4c_arm_page_t frame, sel4c_arm_vspace_t vspace, seL4_Word vaddr)
{
    return sel4c_arm_page_map(frame, vspace, vaddr, seL4_ReadWrite, seL4_ARM_Default_VMAttributes);
}

seL4_Error raw_resume(seL4_CPtr tcb)
{
    return seL4_TCB_Resume(tcb);
}

sel4c_err_t typed_resume(sel4c_tcb_t tcb)
{
    return sel4c_tcb_resume(tcb);
}

seL4_Word raw_paddr(seL4_CPtr frame)
{
    seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(frame);
    return r.error ? 0 : r.paddr;
}

seL4_Word typed_paddr(sel4c_arm_page_t frame)
{
    seL4_Word paddr;
    return sel4c_arm_page_get_address(frame, &paddr) ? 0 : paddr;
}
