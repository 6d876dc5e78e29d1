/*
 * A parent restarting its crashing child (restart.system): the child faults in its first
 * two runs (a VM fault, then the trap of microkit_internal_crash); fault() reports each
 * fault and restarts the child at 0x200000 (its _start, where Microkit parents restart
 * children). It also tries a child it does not have, which the runtime refuses. Success:
 *   parent: microkit_pd_restart: child 5: not a child of this PD
 *   parent: child 0 VM fault, restart 1
 *   parent: child 0 trapped, restart 2
 * and child.c's lines.
 */
#include <microkit.h>

#define CHILD 0

static unsigned restarts;

void init(void)
{
    microkit_pd_restart(5, 0x200000);
}

void notified(microkit_channel ch)
{
    (void)ch;
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)reply_msginfo;
    seL4_Word label = microkit_msginfo_get_label(msginfo);
    /* the first fault is a VM fault; the second, a trap instruction, arrives as a user
     * exception (as a vCPU fault on hypervisor kernels) */
    if (child != CHILD || (restarts == 0) != (label == seL4_Fault_VMFault)) {
        microkit_dbg_puts("parent: FAIL unexpected fault, label ");
        microkit_dbg_put32((seL4_Uint32)label);
        microkit_dbg_putc('\n');
        return seL4_False;
    }
    microkit_dbg_puts(label == seL4_Fault_VMFault ? "parent: child 0 VM fault, restart "
                                                  : "parent: child 0 trapped, restart ");
    microkit_dbg_put32(++restarts);
    microkit_dbg_putc('\n');
    microkit_pd_restart(child, 0x200000);
    return seL4_False; /* restarted: no reply to the faulting thread */
}
