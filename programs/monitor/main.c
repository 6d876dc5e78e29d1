/*
 * The monitor's loop (see monitor.h): report each fault of a top-level PD and leave that PD
 * stopped (no reply), so the rest of the system keeps running; bind a passive PD's
 * scheduling context to its notification once the PD says its init() is done; print what
 * PDs send to their console, a line at a time.
 */
#include <stdbool.h>
#include <stdio.h>

#include "monitor.h"

volatile const monitor_pd_info_t sel4c_monitor_pds[MONITOR_MAX_PDS];
volatile const seL4_Word sel4c_monitor_pd_count;

#ifdef CONFIG_KERNEL_MCS
static void make_passive(seL4_Word pd, const char *name)
{
    /* The PD is blocked in its receive by now: it signalled us in the same system call. */
    seL4_Error err = seL4_SchedContext_Unbind(MONITOR_BASE_PD_SC + pd);
    if (err == seL4_NoError)
        err = seL4_SchedContext_Bind(MONITOR_BASE_PD_SC + pd, MONITOR_BASE_PD_NTFN + pd);
    if (err != seL4_NoError)
        printf("sel4c monitor: error: PD '%s' cannot become passive (seL4 error %d)\n", name,
               (int)err);
    else
        printf("sel4c monitor: PD '%s' is passive\n", name);
}
#endif

int main(void)
{
    char name[MONITOR_NAME_LENGTH];
    for (;;) {
        seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
        /* No reply object: a faulting PD is left inactive, which is what stopping it means. */
        seL4_MessageInfo_t tag = seL4_Wait(MONITOR_FAULT_EP, &badge);
#else
        seL4_MessageInfo_t tag = seL4_Recv(MONITOR_FAULT_EP, &badge);
#endif
        bool console = badge & MONITOR_CONSOLE_BADGE;
        seL4_Word label = seL4_MessageInfo_get_label(tag), id = badge & ~MONITOR_CONSOLE_BADGE;
        seL4_Word pd = id - 1;
        if (id == 0 || pd >= sel4c_monitor_pd_count || pd >= MONITOR_MAX_PDS) {
            printf("sel4c monitor: error: message with unknown badge 0x%lx ignored\n",
                   (unsigned long)badge);
            continue;
        }
        for (unsigned i = 0; i < MONITOR_NAME_LENGTH; i++)
            name[i] = sel4c_monitor_pds[pd].name[i];
        name[MONITOR_NAME_LENGTH - 1] = 0;
        if (console) {
            monitor_console(name, tag);
            continue;
        }
#ifdef CONFIG_KERNEL_MCS
        if (label == seL4_Fault_NullFault) {
            make_passive(pd, name);
            continue;
        }
#endif
        monitor_report_fault(name, label, MONITOR_BASE_PD_TCB + pd);
        const volatile monitor_pd_info_t *info = &sel4c_monitor_pds[pd];
        if (info->build_id_len && info->build_id_len <= MONITOR_BUILD_ID_MAX) {
            printf("sel4c build-id: ");
            for (uint32_t i = 0; i < info->build_id_len; i++)
                printf("%02x", info->build_id[i]);
            printf("\n");
        }
        printf("sel4c monitor: PD '%s' is stopped; the rest of the system keeps running\n", name);
    }
}
