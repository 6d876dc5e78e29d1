/*
 * Start-up of a root task: after crt0 took the stack, set up this thread's TLS, the IPC
 * buffer and boot info, run constructors, call main and exit with its result.
 */
#include <stdlib.h>

#include <sel4c/runtime.h>

#include "runtime.h"

int main(const seL4_BootInfo *bootinfo);

void sel4c_root_task_start(seL4_BootInfo *bi);
void sel4c_root_task_start(seL4_BootInfo *bi)
{
    sel4c_initial_tls(seL4_CapInitThreadTCB);
    sel4c_runtime_thread_init(bi->ipcBuffer, seL4_CapInitThreadTCB);
    seL4_InitBootInfo(bi);
    sel4c_run_constructors();
    exit(main(bi));
}
