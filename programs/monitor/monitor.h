/*
 * The monitor: the fault handler of a Microkit-style system's top-level protection domains,
 * and the helper that makes passive PDs passive. sel4c-sysbuild creates it as one more
 * process of the CapDL spec and patches the tables below into its image.
 *
 * Its CSpace (one CNode, CPtr = slot):
 *   MONITOR_FAULT_EP           the endpoint every top-level PD's faults arrive on, badged
 *                              with the PD's index + 1 (also used by passive PDs to signal)
 *   MONITOR_REPLY              reply object (MCS)
 *   MONITOR_SELF_TCB           its own TCB (the process contract's x2)
 *   MONITOR_BASE_PD_TCB + i    PD i's TCB (to read its registers)
 *   MONITOR_BASE_PD_SC + i     PD i's scheduling context (passive PDs, MCS)
 *   MONITOR_BASE_PD_NTFN + i   PD i's notification (passive PDs, MCS)
 */
#pragma once

#include <sel4/sel4.h>

#define MONITOR_FAULT_EP     1
#define MONITOR_REPLY        2
#define MONITOR_SELF_TCB     3
#define MONITOR_BASE_PD_TCB  10
#define MONITOR_BASE_PD_SC   (MONITOR_BASE_PD_TCB + MONITOR_MAX_PDS)
#define MONITOR_BASE_PD_NTFN (MONITOR_BASE_PD_SC + MONITOR_MAX_PDS)
#define MONITOR_CNODE_BITS   9

#define MONITOR_MAX_PDS      64
#define MONITOR_NAME_LENGTH  64
#define MONITOR_BUILD_ID_MAX 32

/* Patched by sel4c-sysbuild: the PDs by index, their names and their images' build ids. */
typedef struct monitor_pd_info {
    char name[MONITOR_NAME_LENGTH];
    uint8_t build_id[MONITOR_BUILD_ID_MAX];
    uint32_t build_id_len; /* 0: the image has none */
    uint32_t pad;
} monitor_pd_info_t;

extern volatile const monitor_pd_info_t sel4c_monitor_pds[MONITOR_MAX_PDS];
extern volatile const seL4_Word sel4c_monitor_pd_count;

/* Prints what the fault message in the IPC buffer says (label `label`) about PD `name`, whose
 * TCB is `tcb`, in the form sel4c-symbolize reads. */
void monitor_report_fault(const char *name, seL4_Word label, seL4_CPtr tcb);

/* Architecture part: one line describing the fault, or 0 when the label is not an
 * architecture fault. */
int monitor_describe_arch_fault(seL4_Word label);
