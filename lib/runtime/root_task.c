/*
 * Start-up of a root task: after crt0 took the stack, set up this thread's TLS, the IPC
 * buffer and boot info, run constructors, call main and exit with its result.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sel4c/runtime.h>

#include "runtime.h"

int main(const seL4_BootInfo *bootinfo);

/* The initial thread's TLS area; a larger TLS segment is reported, not overrun. */
#ifndef SEL4C_ROOT_TLS_SIZE
#define SEL4C_ROOT_TLS_SIZE 4096
#endif
static _Alignas(64) char root_tls[SEL4C_ROOT_TLS_SIZE];

__thread seL4_IPCBuffer *__sel4_ipc_buffer;
static seL4_BootInfo *bootinfo;
static __thread seL4_CPtr self_tcb;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}

seL4_CPtr sel4c_self_tcb(void)
{
    return self_tcb;
}

void sel4c_runtime_thread_init(void *ipc_buffer, uintptr_t tcb)
{
    seL4_SetIPCBuffer(ipc_buffer);
    self_tcb = tcb;
}

extern void (*__preinit_array_start[])(void), (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void), (*__init_array_end[])(void);

/* Without TLS nothing may touch errno or the IPC buffer pointer: report through the
 * kernel's console directly and stop. */
static __attribute__((noreturn)) void early_failure(const char *msg)
{
    sel4c_runtime_puts(msg);
    for (;;)
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
}

void sel4c_root_task_start(seL4_BootInfo *bi);
void sel4c_root_task_start(seL4_BootInfo *bi)
{
    sel4c_tls_image_t tls = {0};
    if (sel4c_tls_image(&tls)) {
        if (sel4c_tls_area_size(&tls) > sizeof root_tls || tls.align > 64)
            early_failure("sel4c: the image's TLS does not fit the root task's TLS area\n");
        sel4c_arch_set_tp(sel4c_tls_init(root_tls, &tls));
    } else {
        sel4c_arch_set_tp((uintptr_t)root_tls);
    }
    self_tcb = seL4_CapInitThreadTCB;
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    for (void (**f)(void) = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)();
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
        (*f)();
    exit(main(bi));
}
