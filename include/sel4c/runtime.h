/*
 * The sel4c C runtime for seL4 root tasks (and, later, processes started by others).
 *
 * A root task defines `int main(const seL4_BootInfo *bootinfo)`. Before main runs, the
 * runtime has set up: a stack (linker symbol __sel4c_stack_size, default 64 KiB), static TLS
 * for the initial thread from the image's PT_TLS segment (picolibc's errno lives there), the
 * IPC buffer from boot info (seL4_GetIPCBuffer works), seL4_GetBootInfo(), a heap for malloc
 * (__sel4c_heap_size, default 1 MiB; malloc returns NULL when it is used up), stdout/stderr
 * on the kernel's debug console, and the .init_array constructors. When main returns, its
 * value goes to exit(). exit() and abort() print the reason and suspend the thread; abort,
 * a failed assert and sel4c_panic() also print a backtrace and the image's build id, which
 * `sel4c-symbolize IMAGE.elf < console.txt` turns into functions, files and lines.
 */
#pragma once

#include <sel4/sel4.h>

/* Where console output goes: one character at a time. Returns 0, or -1 if it was lost. */
typedef int (*sel4c_output_fn)(char c);

/* Redirects stdout and stderr (for a UART driver, say); NULL restores the default, the
 * kernel's debug console (on kernels built with printing) or nothing. */
SEL4C_C_LINKAGE void sel4c_set_output(sel4c_output_fn fn);
/* The same, for an output that holds characters back (a line buffer, a notification it
 * defers): fflush(stdout), and the runtime before a thread suspends itself, call `flush`
 * to send them. */
SEL4C_C_LINKAGE void sel4c_set_output_and_flush(sel4c_output_fn fn, void (*flush)(void));

/* Prints "sel4c: panic: <message>", a backtrace and the build id, then suspends the thread. */
SEL4C_C_LINKAGE __attribute__((noreturn, format(printf, 1, 2))) void sel4c_panic(const char *fmt,
                                                                                 ...);

/* Prints the current call chain as a "sel4c backtrace:" line of return addresses. */
SEL4C_C_LINKAGE void sel4c_backtrace(void);

/*
 * Processes started by another component (the CapDL initializer, say) link with
 * PROCESS_LDFLAGS and define `int main(void)` instead; the starter's contract is in
 * docs/runtime.md. This is the argument word it passed (x1 on AArch64).
 */
SEL4C_C_LINKAGE seL4_Word sel4c_process_arg(void);

/* The TCB of the calling thread, as the runtime knows it (for suspending itself). */
SEL4C_C_LINKAGE seL4_CPtr sel4c_self_tcb(void);
