/*
 * Threads of a root task on a real kernel: a second thread has its own TLS (fresh from the
 * image, not the main thread's values) and can use malloc; join returns its result. A
 * thread that touches an unmapped address faults to an endpoint the root task listens on,
 * which reports the fault with its address and goes on. Without a thread-local IPC buffer
 * pointer, creating a thread is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/objects.h>
#include <sel4c/runtime.h>
#include <sel4c/thread.h>

#define BAD_ADDRESS 0x10000000ul

static __thread int tls_value = 1000;

static void report(int ok, const char *what)
{
    printf("runtime: %s %s\n", ok ? "PASS" : "FAIL", what);
}

static seL4_Word worker(void *arg)
{
    int fresh = tls_value == 1000; /* the image's initial value, not main's */
    tls_value = 2000;
    char *buf = malloc(1000);
    if (buf)
        memset(buf, 'w', 1000);
    int ok = fresh && buf && buf[999] == 'w' && tls_value == 2000 && seL4_GetIPCBuffer() != NULL;
    free(buf);
    return ok ? (seL4_Word)arg + 1 : 0;
}

static seL4_Word faulter(void *arg)
{
    (void)arg;
    return *(volatile seL4_Word *)BAD_ADDRESS;
}

int main(const seL4_BootInfo *bi)
{
    (void)bi;
    tls_value = 1;
    sel4c_thread_t t;
    sel4c_thread_attr_t attr = {.priority = 200};
    seL4_Word result = 0;
    sel4c_err_t err = sel4c_thread_create(&t, &attr, worker, (void *)41);
#ifndef CONFIG_LIB_SEL4_USE_THREAD_LOCALS
    /* one IPC buffer pointer for the whole program: threads are refused, not half-working */
    report(err == SEL4C_ILLEGAL_OPERATION, "threads-refused");
    return 0;
#endif
    if (!err)
        err = sel4c_thread_join(&t, &result);
    report(!err && result == 42 && tls_value == 1, "threads-tls");

    seL4_CPtr ep;
    err = sel4c_object_alloc(seL4_EndpointObject, seL4_EndpointBits, &ep);
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr reply = 0;
    if (!err)
        err = sel4c_object_alloc(seL4_ReplyObject, seL4_ReplyBits, &reply);
#endif
    sel4c_thread_t bad;
    attr.fault_ep = ep;
    if (!err)
        err = sel4c_thread_create(&bad, &attr, faulter, NULL);
    if (err)
        sel4c_panic("cannot start the faulting thread: %s", sel4c_strerror(err));
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
#else
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
#endif
    int vm = seL4_isVMFault_tag(info);
    seL4_Fault_t fault = seL4_getFault(info);
    seL4_Word addr = vm ? seL4_Fault_VMFault_get_Addr(fault) : 0;
    printf("runtime: child fault: %s at address 0x%lx, pc 0x%lx\n", vm ? "VM fault" : "fault",
           (unsigned long)addr, (unsigned long)(vm ? seL4_Fault_VMFault_get_IP(fault) : 0));
    report(vm && addr == BAD_ADDRESS, "child-fault");
    printf("runtime: the root task goes on\n");
    return 0;
}
