/*
 * Negative compile test: a notification passed where a TCB is expected must not compile.
 * Built once as is (must compile) and once with -DWRONG_CAP_TYPE (must fail).
 */
#include <sel4c/sel4.h>

sel4c_err_t bind(sel4c_tcb_t tcb, sel4c_notification_t ntfn);
sel4c_err_t bind(sel4c_tcb_t tcb, sel4c_notification_t ntfn)
{
#ifdef WRONG_CAP_TYPE
    return sel4c_tcb_bind_notification(ntfn, sel4c_cap(ntfn));
#else
    return sel4c_tcb_bind_notification(tcb, sel4c_cap(ntfn));
#endif
}
