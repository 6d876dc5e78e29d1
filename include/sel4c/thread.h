/*
 * Threads for a root task: each with its own TCB, stack, IPC buffer and TLS, sharing the
 * root task's address space and CSpace.
 *
 * sel4c_thread_create() makes the kernel objects with sel4c_object_alloc() (a TCB, a
 * notification for join and, on MCS kernels, a scheduling context), takes the stack, the TLS
 * area and the IPC-buffer page from the heap, and starts `fn(arg)` at the given priority.
 * When `fn` returns, its result is kept, the joiner is signalled and the thread suspends
 * itself. A fault (e.g. a bad pointer) goes to `fault_ep` when given; else the kernel
 * reports it on its console and the thread stays suspended.
 *
 * Threads need libsel4's thread-local IPC buffer pointer: on configurations built without it
 * (LIB_SEL4_USE_THREAD_LOCALS off, as Microkit's), sel4c_thread_create() fails with
 * SEL4C_ILLEGAL_OPERATION.
 */
#pragma once

#include <stddef.h>

#include <sel4c/sel4.h>

typedef seL4_Word (*sel4c_thread_fn)(void *arg);

typedef struct sel4c_thread_attr {
    size_t stack_size;  /* 0: 16 KiB */
    seL4_Word priority; /* at most the creator's maximum controlled priority */
    seL4_CPtr fault_ep; /* endpoint receiving the thread's faults, or 0 */
} sel4c_thread_attr_t;

typedef struct sel4c_thread {
    sel4c_tcb_t tcb;
    seL4_CPtr done; /* notification signalled when fn returns */
    seL4_Word result;
    sel4c_thread_fn fn;
    void *arg;
    void *stack, *tls, *ipc; /* heap memory the thread runs on; freed by join */
} sel4c_thread_t;

/* Creates and starts a thread running fn(arg). `t` must stay valid until joined. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_thread_create(sel4c_thread_t *t,
                                                                 const sel4c_thread_attr_t *attr,
                                                                 sel4c_thread_fn fn, void *arg);
/* Waits until the thread's function returned; stores its result and frees its memory. */
SEL4C_C_LINKAGE SEL4C_MUST_CHECK sel4c_err_t sel4c_thread_join(sel4c_thread_t *t,
                                                               seL4_Word *result);
