/*
 * What sel4c-sysbuild and the monitor agree on (shared by the host tool and the target
 * program, so plain C types only): the monitor's CSpace layout and the table of PDs the
 * builder patches into its image.
 *
 * CSpace (one CNode, CPtr = slot):
 *   MONITOR_FAULT_EP           the endpoint every top-level PD's faults arrive on, badged
 *                              with the PD's index + 1 (also used by passive PDs to signal)
 *   MONITOR_SELF_TCB           its own TCB (the process contract's x2)
 *   MONITOR_BASE_PD_TCB + i    PD i's TCB (to read its registers)
 *   MONITOR_BASE_PD_SC + i     PD i's scheduling context (passive PDs, MCS)
 *   MONITOR_BASE_PD_NTFN + i   PD i's notification (passive PDs, MCS)
 *
 * Every PD also holds a send-only cap to MONITOR_FAULT_EP badged MONITOR_CONSOLE_BADGE |
 * (index + 1), its console: a message's label is a byte count and the message registers
 * hold the bytes, which the monitor prints as they are (lib/microkit/console.c).
 */
#pragma once

#include <stdint.h>

#define MONITOR_FAULT_EP     1
#define MONITOR_SELF_TCB     2
#define MONITOR_BASE_PD_TCB  10
#define MONITOR_BASE_PD_SC   (MONITOR_BASE_PD_TCB + MONITOR_MAX_PDS)
#define MONITOR_BASE_PD_NTFN (MONITOR_BASE_PD_SC + MONITOR_MAX_PDS)
#define MONITOR_CNODE_BITS   9

#define MONITOR_CONSOLE_BADGE (UINT64_C(1) << 61)

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
