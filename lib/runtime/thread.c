/* Threads for root tasks: creation from untyped memory, start-up, join. */
#include <stdlib.h>
#include <string.h>

#include <sel4c/log.h>
#include <sel4c/objects.h>
#include <sel4c/runtime.h>
#include <sel4c/thread.h>

#include "runtime.h"

#define DEFAULT_STACK (16 * 1024)
#define PAGE          4096ul
#ifdef CONFIG_KERNEL_MCS
/* budget = period: the thread may use its whole core, as the root task's own context does */
#define SC_PERIOD_US 1000
#endif

/* Where every new thread starts, on its own stack with its thread pointer already set. */
static __attribute__((noreturn)) void thread_start(sel4c_thread_t *t)
{
    sel4c_runtime_thread_init(t->ipc, t->tcb.cptr);
    t->result = t->fn(t->arg);
    seL4_Signal(t->done);
    seL4_TCB_Suspend(t->tcb.cptr);
    for (;;)
        seL4_Yield();
}

static void release(sel4c_thread_t *t)
{
    free(t->stack);
    free(t->tls);
    free(t->ipc);
    t->stack = t->tls = t->ipc = NULL;
}

sel4c_err_t sel4c_thread_create(sel4c_thread_t *t, const sel4c_thread_attr_t *attr,
                                sel4c_thread_fn fn, void *arg)
{
    size_t stack_size = attr && attr->stack_size ? attr->stack_size : DEFAULT_STACK;
    seL4_CPtr fault_ep = attr ? attr->fault_ep : 0;
    memset(t, 0, sizeof *t);
#ifndef CONFIG_LIB_SEL4_USE_THREAD_LOCALS
    /* libsel4's IPC buffer pointer is one global here: a second thread would send and receive
     * through the first one's buffer */
    return SEL4C_ILLEGAL_OPERATION;
#endif
    t->fn = fn;
    t->arg = arg;

    sel4c_tls_image_t img = {0};
    bool has_tls = sel4c_tls_image(&img);
    t->stack = malloc(stack_size);
    t->ipc = aligned_alloc(PAGE, PAGE);
    t->tls = has_tls ? aligned_alloc(img.align > 16 ? img.align : 16, sel4c_tls_area_size(&img))
                     : malloc(16);
    seL4_CPtr ipc_frame = t->ipc ? sel4c_image_frame(t->ipc) : 0;
    if (!t->stack || !t->ipc || !t->tls || !ipc_frame) {
        release(t);
        return SEL4C_NOT_ENOUGH_MEMORY;
    }
    uintptr_t tp = has_tls ? sel4c_tls_init(t->tls, &img) : (uintptr_t)t->tls;

    seL4_CPtr tcb, done;
    sel4c_err_t err = sel4c_object_alloc(seL4_TCBObject, seL4_TCBBits, &tcb);
    if (!err)
        err = sel4c_object_alloc(seL4_NotificationObject, seL4_NotificationBits, &done);
    if (err) {
        release(t);
        return err;
    }
    t->tcb = sel4c_tcb_from_cptr(tcb);
    t->done = done;
    sel4c_tcb_t self = sel4c_tcb_from_cptr(sel4c_self_tcb());
    seL4_Word prio = attr ? attr->priority : 0;
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr sc;
    const seL4_BootInfo *bi = seL4_GetBootInfo();
    err = sel4c_object_alloc(seL4_SchedContextObject, seL4_MinSchedContextBits, &sc);
    if (!err)
        err = sel4c_sched_control_configure_flags(
            sel4c_sched_control_from_cptr(bi->schedcontrol.start),
            sel4c_sched_context_from_cptr(sc), SC_PERIOD_US, SC_PERIOD_US, 0, 0, 0);
    if (!err)
        err = sel4c_tcb_configure(t->tcb, sel4c_cnode_from_cptr(seL4_CapInitThreadCNode), 0,
                                  sel4c_arm_vspace_from_cptr(seL4_CapInitThreadVSpace), 0,
                                  (seL4_Word)t->ipc, sel4c_arm_page_from_cptr(ipc_frame));
    if (!err)
        err =
            sel4c_tcb_set_sched_params(t->tcb, self, prio, prio, sel4c_sched_context_from_cptr(sc),
                                       sel4c_endpoint_from_cptr(fault_ep));
#else
    err = sel4c_tcb_configure(t->tcb, fault_ep, sel4c_cnode_from_cptr(seL4_CapInitThreadCNode), 0,
                              sel4c_arm_vspace_from_cptr(seL4_CapInitThreadVSpace), 0,
                              (seL4_Word)t->ipc, sel4c_arm_page_from_cptr(ipc_frame));
    if (!err)
        err = sel4c_tcb_set_priority(t->tcb, self, prio);
#endif
    if (err) {
        release(t);
        return err;
    }
    /* frame pointer and link register stay 0, so backtraces end in thread_start */
    seL4_UserContext regs = {0};
    regs.pc = (seL4_Word)thread_start;
    regs.sp = ((seL4_Word)t->stack + stack_size) & ~15ul;
    regs.x0 = (seL4_Word)t;
    regs.tpidr_el0 = tp;
    sel4c_log_multithreaded();
    err = sel4c_tcb_write_registers(t->tcb, 1, 0, sizeof regs / sizeof(seL4_Word), &regs);
    if (err)
        release(t);
    return err;
}

sel4c_err_t sel4c_thread_join(sel4c_thread_t *t, seL4_Word *result)
{
    seL4_Word badge;
    seL4_Wait(t->done, &badge);
    if (result)
        *result = t->result;
    release(t);
    return SEL4C_NO_ERROR;
}
