/*
 * The calling thread's IPC buffer pointer, which every libsel4 invocation reads: one per
 * thread, or one for the program when the configuration has no thread-local storage in
 * libsel4 (LIB_SEL4_USE_THREAD_LOCALS off). Whoever starts a thread sets it with
 * seL4_SetIPCBuffer before the thread invokes anything.
 */
#include <sel4/sel4.h>

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
/* whether the kernel prints invocation errors for this thread (seL4_SetPrintError) */
LIBSEL4_THREAD_LOCAL char __sel4_print_error = CONFIG_LIB_SEL4_PRINT_INVOCATION_ERRORS;
#endif
