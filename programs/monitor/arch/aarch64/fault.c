/* AArch64 faults: VM faults carry the fault address and the fault status (ESR) bits. */
#include <stdio.h>

#include "../../monitor.h"

/* The fault status code (ESR ISS bits [5:0]) in words. */
static const char *status_code(seL4_Word fsr)
{
    unsigned code = fsr & 0x3f;
    if (code <= 0x03)
        return "address size fault";
    if (code <= 0x07)
        return "translation fault (nothing mapped)";
    if (code >= 0x09 && code <= 0x0b)
        return "access flag fault";
    if (code >= 0x0d && code <= 0x0f)
        return "permission fault";
    if (code == 0x21)
        return "alignment fault";
    return "other fault";
}

int monitor_describe_arch_fault(seL4_Word label)
{
    if (label != seL4_Fault_VMFault)
        return 0;
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    int instruction = seL4_GetMR(seL4_VMFault_PrefetchFault) != 0;
    printf("VM fault on %s at address 0x%lx: %s%s (FSR 0x%lx)\n",
           instruction ? "instruction fetch" : "data access",
           (unsigned long)seL4_GetMR(seL4_VMFault_Addr), status_code(fsr),
           !instruction && (fsr & (1u << 6)) ? ", write" : "", (unsigned long)fsr);
    return 1;
}
