/* Internal interfaces of the runtime: TLS setup and the architecture's parts. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The image's TLS template, from its PT_TLS program header. */
typedef struct sel4c_tls_image {
    const void *data; /* initialised part */
    size_t filesz, memsz, align;
} sel4c_tls_image_t;

/* Finds PT_TLS in the running image's program headers; false if it has none. */
bool sel4c_tls_image(sel4c_tls_image_t *out);
/* Bytes a thread's TLS area needs, for the architecture's layout. */
size_t sel4c_tls_area_size(const sel4c_tls_image_t *img);
/* Lays a fresh TLS block out in `area` and returns the thread pointer for it. */
uintptr_t sel4c_tls_init(void *area, const sel4c_tls_image_t *img);

/* arch: set this thread's thread pointer; walk the frame chain. */
void sel4c_arch_set_tp(uintptr_t tp);
/* Fills `pcs` with up to `max` return addresses of the callers of its caller. */
unsigned sel4c_arch_backtrace(uintptr_t *pcs, unsigned max);

/* Gives the initial thread its static TLS; on failure reports and suspends `tcb`. */
void sel4c_initial_tls(uintptr_t tcb);
/* Runs the image's .preinit_array and .init_array functions. */
void sel4c_run_constructors(void);

/* Sets the calling (new) thread's IPC buffer and TCB in the runtime's thread-local state. */
void sel4c_runtime_thread_init(void *ipc_buffer, uintptr_t tcb);

/* Replaces the default console (what sel4c_set_output(NULL) restores) with `put`, and
 * gives fflush(stdout) `flush` to send what `put` holds back (NULL: nothing to send). */
void sel4c_runtime_set_console(int (*put)(char c), void (*flush)(void));
/* The runtime's console output: a character, and a whole string. */
void sel4c_runtime_putc(char c);
void sel4c_runtime_puts(const char *s);
/* Gives the rest of this time slice to other threads. */
void sel4c_runtime_yield(void);
