/*
 * Start-up of a process started by another component, after crt0_process: the starter
 * chose the stack and passed the IPC buffer, an argument and the process's own TCB (see
 * crt0_process.S). TLS, constructors and main as for a root task; main takes no boot info.
 */
#include <stdlib.h>

#include <sel4c/runtime.h>

#include "runtime.h"

int main(void);

static seL4_Word process_arg;

seL4_Word sel4c_process_arg(void)
{
    return process_arg;
}

void sel4c_process_start(seL4_IPCBuffer *ipc_buffer, seL4_Word arg, seL4_CPtr tcb);
void sel4c_process_start(seL4_IPCBuffer *ipc_buffer, seL4_Word arg, seL4_CPtr tcb)
{
    sel4c_initial_tls(tcb);
    sel4c_runtime_thread_init(ipc_buffer, tcb);
    process_arg = arg;
    sel4c_run_constructors();
    exit(main());
}
