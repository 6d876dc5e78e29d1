/*
 * What sel4c's protection-domain runtime (lib/microkit) adds to the Microkit API of
 * <microkit.h>: the address-space layout a PD is started with, the symbols the system
 * builder patches beyond libmicrokit's, and the reporting of misused calls. The builder's
 * side of this contract is in docs/microkit.md.
 */
#pragma once

#include <sel4/sel4.h>

/* The IPC buffer is the top page of the user address space; the stack ends one unmapped
 * guard page below it. The runtime sets sp to SEL4C_MICROKIT_STACK_TOP itself on entry. */
#define SEL4C_MICROKIT_IPC_BUFFER ((seL4_Word)seL4_UserTop & ~(seL4_Word)0xfff)
#define SEL4C_MICROKIT_STACK_TOP  (SEL4C_MICROKIT_IPC_BUFFER - 0x1000)

/*
 * The heap: a memory region mapped into the PD with setvar_vaddr="sel4c_heap_vaddr" and
 * setvar_size="sel4c_heap_size". Without one (both 0), malloc returns NULL with errno ENOMEM.
 * The memory is the region's; the runtime never returns it.
 */
extern seL4_Word sel4c_heap_vaddr;
extern seL4_Word sel4c_heap_size;

/* Bit i set: this PD has a child PD with id i (its TCB at BASE_TCB_CAP + i). Patched by
 * sel4c-sysbuild; microkit_pd_restart/stop/resume refuse other ids without a system call. */
extern seL4_Word sel4c_microkit_children;

/*
 * Reports a refused call on the debug console as one line,
 * "<PD name>: <fn>: <what> <id>: <reason>", e.g.
 * "client: microkit_notify: channel 7: not a channel this PD may notify".
 */
__attribute__((cold)) void sel4c_microkit_refuse(const char *fn, const char *what, seL4_Word id,
                                                 const char *reason);

/* Reports an invocation the kernel refused, "<PD name>: <fn>: <what> <id>: seL4 error <n>
 * (<name>)". The PD goes on; the call had no effect. */
__attribute__((cold)) void sel4c_microkit_failed(const char *fn, const char *what, seL4_Word id,
                                                 seL4_Error err);

/* Runs init(), the passive handshake and the event loop; never returns. The start-up code
 * calls it once the C runtime is ready. */
__attribute__((noreturn)) void sel4c_microkit_run(void);
