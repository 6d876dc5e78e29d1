/*
 * Marshalling of invocations, checked against the kernel's message layout as the seL4
 * manual describes it: the invoked cap is the destination, other caps go to the extra caps
 * in order, the remaining arguments fill message words in order (each aligned to its size or
 * a word, whichever is smaller), the first four words in registers. The system-call layer is
 * replaced by a recorder (tests/recorder).
 */
#include <sel4c/sel4.h>

#include "check.h"

sel4c_recorder_t sel4c_recorder;
LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;
static seL4_IPCBuffer ipc;

#define LABEL(info)  ((info) >> 12)
#define CAPS(info)   (((info) >> 7) & 3)
#define LENGTH(info) ((info)&0x7f)

static void reset(void)
{
    sel4c_recorder = (sel4c_recorder_t){0};
    for (unsigned i = 0; i < seL4_MsgMaxLength; i++)
        ipc.msg[i] = 0xdead0000 + i;
    for (unsigned i = 0; i < seL4_MsgMaxExtraCaps; i++)
        ipc.caps_or_badges[i] = 0xcafe0000 + i;
    __sel4_ipc_buffer = &ipc;
}

static void expect_call(seL4_Word dest, seL4_Word label, seL4_Word caps, seL4_Word length)
{
    CHECK_EQ_U64(sel4c_recorder.calls, 1);
    CHECK_EQ_U64((seL4_Word)(long)sel4c_recorder.sys, (seL4_Word)(long)seL4_SysCall);
    CHECK_EQ_U64(sel4c_recorder.dest, dest);
    CHECK_EQ_U64(LABEL(sel4c_recorder.info), label);
    CHECK_EQ_U64(CAPS(sel4c_recorder.info), caps);
    CHECK_EQ_U64(LENGTH(sel4c_recorder.info), length);
}

static void test_untyped_retype(void)
{
    reset();
    seL4_Error err = seL4_Untyped_Retype(10, seL4_TCBObject, 11, 2, 0x33, 7, 100, 3);
    CHECK(err == seL4_NoError);
    expect_call(10, UntypedRetype, 1, 6);
    CHECK(UntypedRetype == 1); /* the first method of the interface file */
    CHECK_EQ_U64(ipc.caps_or_badges[0], 2);
    CHECK_EQ_U64(sel4c_recorder.mr[0], seL4_TCBObject);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 11);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 0x33);
    CHECK_EQ_U64(sel4c_recorder.mr[3], 7);
    CHECK_EQ_U64(ipc.msg[4], 100);
    CHECK_EQ_U64(ipc.msg[5], 3);
    CHECK_EQ_U64(ipc.msg[6], 0xdead0006); /* nothing beyond the message */
}

static void test_cnode_mint_copy(void)
{
    reset();
    seL4_CapRights_t rights = seL4_CapRights_new(0, 1, 1, 0); /* grant and read */
    CHECK(seL4_CNode_Mint(2, 20, 64, 3, 5, 63, rights, 0xbeef) == seL4_NoError);
    expect_call(2, CNodeMint, 1, 6);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 3);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 20);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 64); /* an 8-bit depth takes a word of its own... */
    CHECK_EQ_U64(sel4c_recorder.mr[2], 5);  /* ...because the next argument is a word */
    CHECK_EQ_U64(sel4c_recorder.mr[3], 63);
    CHECK_EQ_U64(ipc.msg[4], 0x6); /* rights word: grant-reply 3, grant 2, read 1, write 0 */
    CHECK_EQ_U64(ipc.msg[5], 0xbeef);

    reset();
    CHECK(seL4_CNode_Copy(2, 21, 64, 4, 6, 64, seL4_CapRights_new(1, 0, 0, 1)) == seL4_NoError);
    expect_call(2, CNodeCopy, 1, 5);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 4);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 21);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 64);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 6);
    CHECK_EQ_U64(sel4c_recorder.mr[3], 64);
    CHECK_EQ_U64(ipc.msg[4], 0x9);
}

static void test_tcb_configure(void)
{
    reset();
#ifdef CONFIG_KERNEL_MCS
    CHECK(seL4_TCB_Configure(7, 2, 0x41, 3, 0x42, 0x10000, 9) == seL4_NoError);
    expect_call(7, TCBConfigure, 3, 3);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 0x41);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 0x42);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 0x10000);
#else
    CHECK(seL4_TCB_Configure(7, 8, 2, 0x41, 3, 0x42, 0x10000, 9) == seL4_NoError);
    expect_call(7, TCBConfigure, 3, 4);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 8); /* fault endpoint: a CPtr value, not a cap */
    CHECK_EQ_U64(sel4c_recorder.mr[1], 0x41);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 0x42);
    CHECK_EQ_U64(sel4c_recorder.mr[3], 0x10000);
#endif
    CHECK_EQ_U64(ipc.caps_or_badges[0], 2); /* cspace root */
    CHECK_EQ_U64(ipc.caps_or_badges[1], 3); /* vspace root */
    CHECK_EQ_U64(ipc.caps_or_badges[2], 9); /* IPC buffer frame */
}

static void test_tcb_write_registers(void)
{
    reset();
    seL4_UserContext regs;
    for (unsigned i = 0; i < sizeof regs / sizeof(seL4_Word); i++)
        ((seL4_Word *)&regs)[i] = 0x1000 + i;
    CHECK(seL4_TCB_WriteRegisters(7, 1, 0x5a, 5, &regs) == seL4_NoError);
    expect_call(7, TCBWriteRegisters, 0, 38);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 1 | 0x5a << 8); /* bool in bit 0, flags byte at 8 */
    CHECK_EQ_U64(sel4c_recorder.mr[1], 5);
    CHECK_EQ_U64(sel4c_recorder.mr[2], regs.pc);
    CHECK_EQ_U64(sel4c_recorder.mr[3], regs.sp);
    CHECK_EQ_U64(ipc.msg[4], regs.spsr);
    CHECK_EQ_U64(ipc.msg[5], regs.x0);
    CHECK_EQ_U64(ipc.msg[6], regs.x1);
    CHECK_EQ_U64(ipc.msg[7], 0xdead0007); /* only `count` registers are written */
}

static void test_page_map_and_get_address(void)
{
    reset();
    CHECK(seL4_ARM_Page_Map(12, 13, 0x400000, seL4_CapRights_new(0, 0, 1, 1),
                            seL4_ARM_Default_VMAttributes) == seL4_NoError);
    expect_call(12, ARMPageMap, 1, 3);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 13);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 0x400000);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 0x3);
    CHECK_EQ_U64(sel4c_recorder.mr[2], seL4_ARM_Default_VMAttributes);

    reset();
    sel4c_recorder.reply_mr[0] = 0x40001000;
    seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(12);
    expect_call(12, ARMPageGetAddress, 0, 0);
    CHECK(r.error == seL4_NoError);
    CHECK_EQ_U64(r.paddr, 0x40001000);
}

static void test_irq_control_get(void)
{
    reset();
    CHECK(seL4_IRQControl_Get(seL4_CapIRQControl, 33, 2, 40, 64) == seL4_NoError);
    expect_call(seL4_CapIRQControl, IRQIssueIRQHandler, 1, 3);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 2);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 33);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 40);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 64);
}

static void test_sched_control(void)
{
#ifdef CONFIG_KERNEL_MCS
    reset();
    CHECK(seL4_SchedControl_ConfigureFlags(20, 21, 1000, 5000, 2, 0x77, 1) == seL4_NoError);
    expect_call(20, SchedControlConfigureFlags, 1, 5);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 21);
    CHECK_EQ_U64(sel4c_recorder.mr[0], 1000);
    CHECK_EQ_U64(sel4c_recorder.mr[1], 5000);
    CHECK_EQ_U64(sel4c_recorder.mr[2], 2);
    CHECK_EQ_U64(sel4c_recorder.mr[3], 0x77);
    CHECK_EQ_U64(ipc.msg[4], 1);
#endif
}

/* A failed invocation returns the kernel's error and leaves its details in the MRs. */
static void test_error_path(void)
{
    reset();
    sel4c_recorder.reply_info = seL4_MessageInfo_new(seL4_RangeError, 0, 0, 2).words[0];
    sel4c_recorder.reply_mr[0] = 1;
    sel4c_recorder.reply_mr[1] = 256;
    seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(12);
    CHECK(r.error == seL4_RangeError);
    CHECK_EQ_U64(seL4_GetMR(0), 1);
    CHECK_EQ_U64(seL4_GetMR(1), 256);

    sel4c_err_t err = sel4c_untyped_retype(sel4c_untyped_from_cptr(10), 1, 0,
                                           sel4c_cnode_from_cptr(2), 0, 0, 0, 1);
    CHECK(err == SEL4C_RANGE_ERROR);
}

/* The typed forms: same message; the _with_ipc form uses only the buffer it is given. */
static void test_typed(void)
{
    reset();
    seL4_IPCBuffer other = {0};
    sel4c_err_t err = sel4c_cnode_mint_with_ipc(&other, sel4c_cnode_from_cptr(2), 20, 64,
                                                sel4c_cnode_from_cptr(3), 5, 63,
                                                seL4_CapRights_new(0, 1, 1, 0), 0xbeef);
    CHECK(err == SEL4C_NO_ERROR);
    expect_call(2, CNodeMint, 1, 6);
    CHECK_EQ_U64(other.caps_or_badges[0], 3);
    CHECK_EQ_U64(other.msg[4], 0x6);
    CHECK_EQ_U64(other.msg[5], 0xbeef);
    CHECK_EQ_U64(ipc.msg[4], 0xdead0004);
    CHECK_EQ_U64(ipc.caps_or_badges[0], 0xcafe0000);

    reset();
    seL4_Word paddr = 0;
    sel4c_recorder.reply_mr[0] = 0x5000;
    CHECK(sel4c_arm_page_get_address(sel4c_arm_page_from_cptr(12), &paddr) == SEL4C_NO_ERROR);
    CHECK_EQ_U64(paddr, 0x5000);
}

int main(void)
{
    test_untyped_retype();
    test_cnode_mint_copy();
    test_tcb_configure();
    test_tcb_write_registers();
    test_page_map_and_get_address();
    test_irq_control_get();
    test_sched_control();
    test_error_path();
    test_typed();
    return check_done("test_marshal");
}
