/*
 * The monitor: the fault handler of a Microkit-style system's top-level protection domains,
 * and the helper that makes passive PDs passive. sel4c-sysbuild creates it as one more
 * process of the CapDL spec and patches the tables below into its image.
 *
 * The CSpace layout and the patched table are in monitor_abi.h.
 */
#pragma once

#include <sel4/sel4.h>

#include "monitor_abi.h"

extern volatile const monitor_pd_info_t sel4c_monitor_pds[MONITOR_MAX_PDS];
extern volatile const seL4_Word sel4c_monitor_pd_count;

/* Prints what the fault message in the IPC buffer says (label `label`) about PD `name`, whose
 * TCB is `tcb`, in the form sel4c-symbolize reads. */
void monitor_report_fault(const char *name, seL4_Word label, seL4_CPtr tcb);

/* Architecture part: one line describing the fault, or 0 when the label is not an
 * architecture fault. */
int monitor_describe_arch_fault(seL4_Word label);

/* Prints a piece of PD `name`'s console output: the message `tag` in the IPC buffer (a byte
 * count as its label, the bytes in its registers); a message that does not add up is
 * reported and dropped. */
void monitor_console(const char *name, seL4_MessageInfo_t tag);
