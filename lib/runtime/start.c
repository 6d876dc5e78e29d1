/*
 * What every sel4c program's start-up shares: the initial thread's static TLS, its IPC
 * buffer pointer (libsel4.a's) and own TCB, and running the constructors.
 */
#include <sel4c/runtime.h>

#include "runtime.h"

/* The initial thread's TLS area; a larger TLS segment is reported, not overrun. */
#ifndef SEL4C_INITIAL_TLS_SIZE
#define SEL4C_INITIAL_TLS_SIZE 4096
#endif
static _Alignas(64) char initial_tls[SEL4C_INITIAL_TLS_SIZE];

static __thread seL4_CPtr self_tcb;

seL4_CPtr sel4c_self_tcb(void)
{
    return self_tcb;
}

void sel4c_runtime_thread_init(void *ipc_buffer, uintptr_t tcb)
{
    seL4_SetIPCBuffer(ipc_buffer);
    self_tcb = tcb;
}

void sel4c_initial_tls(uintptr_t tcb)
{
    sel4c_tls_image_t tls = {0};
    if (!sel4c_tls_image(&tls)) {
        sel4c_arch_set_tp((uintptr_t)initial_tls);
        return;
    }
    if (sel4c_tls_area_size(&tls) > sizeof initial_tls || tls.align > 64) {
        /* Without TLS nothing may touch errno or the IPC buffer pointer: report through
         * the kernel's console directly and stop. */
        sel4c_runtime_puts("sel4c: the image's TLS does not fit the initial thread's TLS area\n");
        for (;;)
            seL4_TCB_Suspend(tcb);
    }
    sel4c_arch_set_tp(sel4c_tls_init(initial_tls, &tls));
}

extern void (*__preinit_array_start[])(void), (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);

void sel4c_run_constructors(void)
{
    for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)();
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
        (*f)();
}
