/* Reporting a fault: the kind, the faulting thread's registers, and a backtrace line. */
#include <stdio.h>

#include "monitor.h"

static const char *generic_fault(seL4_Word label)
{
    switch (label) {
    case seL4_Fault_CapFault: return "capability fault";
    case seL4_Fault_UnknownSyscall: return "unknown system call";
    case seL4_Fault_UserException: return "user exception";
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout: return "timeout (budget overrun)";
#endif
    default: return NULL;
    }
}

void monitor_report_fault(const char *name, seL4_Word label, seL4_CPtr tcb)
{
    /* The fault message is in the IPC buffer; read it before any other system call. */
    printf("sel4c monitor: PD '%s' faulted: ", name);
    const char *kind = generic_fault(label);
    if (kind) {
        printf("%s", kind);
        if (label == seL4_Fault_CapFault)
            printf(" at cap address 0x%lx, pc 0x%lx", (unsigned long)seL4_GetMR(seL4_CapFault_Addr),
                   (unsigned long)seL4_GetMR(seL4_CapFault_IP));
        else if (label == seL4_Fault_UserException)
            printf(" number %lu code %lu", (unsigned long)seL4_GetMR(seL4_UserException_Number),
                   (unsigned long)seL4_GetMR(seL4_UserException_Code));
        printf("\n");
    } else if (!monitor_describe_arch_fault(label)) {
        printf("fault label %lu\n", (unsigned long)label);
    }
    seL4_UserContext regs;
    seL4_Error err = seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof regs / sizeof(seL4_Word), &regs);
    if (err != seL4_NoError) {
        printf("sel4c monitor: cannot read the registers (seL4 error %d)\n", (int)err);
        return;
    }
    printf("sel4c monitor: pc 0x%016lx sp 0x%016lx lr 0x%016lx\n", (unsigned long)regs.pc,
           (unsigned long)regs.sp, (unsigned long)regs.x30);
    /* sel4c-symbolize takes return addresses and looks 4 bytes back, at the call: the
     * faulting pc goes in as pc + 4, and lr as it is. */
    printf("sel4c backtrace: 0x%016lx 0x%016lx\n", (unsigned long)regs.pc + 4,
           (unsigned long)regs.x30);
}
