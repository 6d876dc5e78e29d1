/*
 * Negative compile test: a notification passed where a TCB is expected must not compile,
 * nor a TCB where the notification to bind is expected. Built as is (must compile), and
 * with -DWRONG_CAP_TYPE=1 or =2 (each must fail).
 */
#include <sel4c/sel4.h>

#ifndef WRONG_CAP_TYPE
#define WRONG_CAP_TYPE 0
#endif

sel4c_err_t bind(sel4c_tcb_t tcb, sel4c_notification_t ntfn);
sel4c_err_t bind(sel4c_tcb_t tcb, sel4c_notification_t ntfn)
{
#if WRONG_CAP_TYPE == 1
    return sel4c_tcb_bind_notification(ntfn, ntfn);
#elif WRONG_CAP_TYPE == 2
    return sel4c_tcb_bind_notification(tcb, tcb);
#else
    return sel4c_tcb_bind_notification(tcb, ntfn);
#endif
}
