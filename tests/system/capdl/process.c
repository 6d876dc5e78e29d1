/*
 * The processes of the CapDL system tests, one program in several roles (the argument the
 * initializer passes). CSpace: slot 1 own TCB, then what each spec installs:
 *   ping (0), pong (1):  slot 2 endpoint (badge 0x11 for ping), slot 3 reply object (MCS)
 *   writer (2), reader (3): shared frame at SHARED_VADDR, slot 4 notification
 *   fixed (4): slot 5 the frame at FIXED_PADDR, also mapped at SHARED_VADDR
 *   signaller (5), waiter (6): slot 4 notification (badge 0x3 for the signaller); the
 *     waiter also has an IRQ handler in slot 7 and an ASID pool in slot 8
 *   placed (7): all its objects come from an untyped at UNTYPED_PADDR; slot 5 its IPC buffer,
 *     slot 6 a frame from a device untyped at MMIO_PADDR
 *   nested (8): its objects come from an untyped anywhere; slot 4 a notification (RW, badge
 *     0x9) from an untyped inside an untyped
 */
#include <stdio.h>
#include <string.h>

#include <sel4/sel4.h>
#include <sel4c/runtime.h>

#define EP            2
#define REPLY         3
#define NTFN          4
#define FIXED_FRAME   5
#define IRQ_HANDLER   7
#define ASID_POOL     8
#define SHARED_VADDR  0x10000000ul
#define FIXED_PADDR   0x7f000000ul
#define IPC_FRAME     5
#define UNTYPED_PADDR 0x7e000000ul
#define UNTYPED_SIZE  0x100000ul
#define MMIO_FRAME    6
#define MMIO_PADDR    0xa000000ul

static int fail(const char *what)
{
    printf("capdl-test: FAIL %s\n", what);
    return 1;
}

static int ping(void)
{
    seL4_SetMR(0, 42);
    seL4_MessageInfo_t r = seL4_Call(EP, seL4_MessageInfo_new(1, 0, 0, 1));
    if (seL4_MessageInfo_get_label(r) != 7 || seL4_GetMR(0) != 43)
        return fail("ping: wrong reply");
    printf("capdl-test: PASS ping-pong\n");
    return 0;
}

static int pong(void)
{
    seL4_Word badge = 0;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t m = seL4_Recv(EP, &badge, REPLY);
#else
    seL4_MessageInfo_t m = seL4_Recv(EP, &badge);
#endif
    if (badge != 0x11 || seL4_MessageInfo_get_label(m) != 1 || seL4_GetMR(0) != 42)
        return fail("pong: wrong badge or message");
    printf("capdl-test: PASS badge 0x%lx\n", (unsigned long)badge);
    seL4_SetMR(0, 43);
#ifdef CONFIG_KERNEL_MCS
    seL4_Send(REPLY, seL4_MessageInfo_new(7, 0, 0, 1));
#else
    seL4_Reply(seL4_MessageInfo_new(7, 0, 0, 1));
#endif
    return 0;
}

static int writer(void)
{
    volatile uint32_t *shared = (volatile uint32_t *)SHARED_VADDR;
    for (unsigned i = 0; i < 1024; i++)
        shared[i] = 0x5e14c000u + i;
    seL4_Signal(NTFN);
    return 0;
}

static int reader(void)
{
    volatile uint32_t *shared = (volatile uint32_t *)SHARED_VADDR;
    seL4_Wait(NTFN, NULL);
    for (unsigned i = 0; i < 1024; i++)
        if (shared[i] != 0x5e14c000u + i)
            return fail("reader: shared frame does not hold the writer's data");
    printf("capdl-test: PASS shared frame\n");
    return 0;
}

static int fixed(void)
{
    seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(FIXED_FRAME);
    if (a.error || a.paddr != FIXED_PADDR) {
        printf("capdl-test: frame cap: error %d, address 0x%lx\n", (int)a.error,
               (unsigned long)a.paddr);
        return fail("fixed: frame not at its physical address");
    }
    *(volatile uint64_t *)SHARED_VADDR = 1; /* and it is mapped */
    printf("capdl-test: PASS fixed paddr 0x%lx\n", (unsigned long)a.paddr);
    return 0;
}

static int signaller(void)
{
    seL4_Signal(NTFN);
    /* silent: on SMP the waiter prints on another core at the same time */
    seL4_TCB_Suspend(sel4c_self_tcb());
    return 0;
}

static int waiter(void)
{
    seL4_Word badge = 0;
    seL4_Wait(NTFN, &badge);
    if (badge != 0x3)
        return fail("waiter: wrong notification badge");
    if (seL4_IRQHandler_Ack(IRQ_HANDLER) != seL4_NoError)
        return fail("waiter: no IRQ handler cap");
    if (seL4_ARM_ASIDPool_Assign(ASID_POOL, seL4_CapNull) != seL4_InvalidCapability)
        return fail("waiter: no ASID pool cap"); /* a pool refuses the null VSpace, not itself */
    printf("capdl-test: PASS notification badge 0x%lx\n", (unsigned long)badge);
    return 0;
}

static int placed(void)
{
    seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(IPC_FRAME);
    if (a.error || a.paddr < UNTYPED_PADDR || a.paddr >= UNTYPED_PADDR + UNTYPED_SIZE) {
        printf("capdl-test: IPC buffer frame: error %d, address 0x%lx\n", (int)a.error,
               (unsigned long)a.paddr);
        return fail("placed: frame not from its untyped");
    }
    a = seL4_ARM_Page_GetAddress(MMIO_FRAME);
    if (a.error || a.paddr != MMIO_PADDR)
        return fail("placed: device frame not from its device untyped");
    printf("capdl-test: PASS frames from the untyped at 0x%lx\n", UNTYPED_PADDR);
    return 0;
}

static int nested(void)
{
    seL4_Word badge = 0;
    seL4_Signal(NTFN);
    seL4_Poll(NTFN, &badge);
    if (badge != 0x9)
        return fail("nested: no notification from the inner untyped");
    printf("capdl-test: PASS nested untyped notification badge 0x%lx\n", (unsigned long)badge);
    return 0;
}

int main(void)
{
    switch (sel4c_process_arg()) {
    case 0: return ping();
    case 1: return pong();
    case 2: return writer();
    case 3: return reader();
    case 4: return fixed();
    case 5: return signaller();
    case 6: return waiter();
    case 7: return placed();
    case 8: return nested();
    default: return fail("unknown role");
    }
}
