/*
 * Includes every public header path existing libsel4 code uses, plus sel4c's own, so that
 * the compile test checks all of them (static inline functions are type-checked even when
 * unused).
 */
#include <sel4/sel4.h>

#include <sel4/arch/bootinfo_types.h>
#include <sel4/arch/constants.h>
#include <sel4/arch/mapping.h>
#include <sel4/arch/syscalls.h>
#include <sel4/benchmark_tracepoints_types.h>
#include <sel4/benchmark_track_types.h>
#include <sel4/benchmark_utilisation_types.h>
#include <sel4/bootinfo.h>
#include <sel4/config.h>
#include <sel4/constants.h>
#include <sel4/faults.h>
#include <sel4/invocation.h>
#include <sel4/macros.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/sel4_arch/mapping.h>
#include <sel4/simple_types.h>
#include <sel4/types.h>

#include <sel4c/sel4.h>

/* Something that uses both layers, so the file is not empty of code. */
seL4_Error sel4c_compile_check(seL4_CPtr tcb, seL4_CPtr ntfn);
seL4_Error sel4c_compile_check(seL4_CPtr tcb, seL4_CPtr ntfn)
{
    seL4_Error err = seL4_TCB_BindNotification(tcb, ntfn);
    if (err != seL4_NoError)
        return err;
    return (seL4_Error)sel4c_tcb_unbind_notification(sel4c_tcb_from_cptr(tcb));
}
