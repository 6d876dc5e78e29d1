/*
 * Start-up of a PD, after crt0 took the stack: the C runtime of lib/runtime (static TLS from
 * the image's PT_TLS, the IPC buffer, the PD's own TCB for exit and abort, constructors),
 * then the Microkit event loop. It runs again from the start when a parent restarts the PD.
 */
#include <microkit.h>

#include "../runtime/runtime.h"
#include "internal.h"

/* Where the builder puts the stack and the IPC buffer (docs/microkit.md); crt0 reads the
 * first before there is a stack, and tests read both from the image. */
#define LAYOUT __attribute__((used, section(".rodata.sel4c_microkit_layout")))
LAYOUT const seL4_Word sel4c_microkit_stack_top = SEL4C_MICROKIT_STACK_TOP;
LAYOUT const seL4_Word sel4c_microkit_ipc_buffer = SEL4C_MICROKIT_IPC_BUFFER;

void sel4c_microkit_start(void);
void sel4c_microkit_start(void)
{
    sel4c_initial_tls(TCB_CAP);
    sel4c_runtime_thread_init((void *)sel4c_microkit_ipc_buffer, TCB_CAP);
#ifdef CONFIG_PRINTING
    if (sel4c_microkit_console)
        sel4c_runtime_set_console(sel4c_microkit_console_putc, sel4c_microkit_console_flush);
#endif
    sel4c_run_constructors();
    sel4c_microkit_run();
}
