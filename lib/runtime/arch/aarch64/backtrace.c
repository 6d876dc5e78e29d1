/*
 * Frame-pointer walk on AArch64: each frame record is {previous x29, return address}, and
 * crt0 ends the chain with a zero frame pointer. Code must be built with frame pointers.
 */
#include <stdbool.h>

#include "../../runtime.h"

__attribute__((noinline)) unsigned sel4c_arch_backtrace(uintptr_t *pcs, unsigned max)
{
    const uintptr_t *fp = __builtin_frame_address(0);
    unsigned n = 0;
    /* skip this function's own record: report from its caller's caller on */
    fp = fp ? (const uintptr_t *)fp[0] : 0;
    while (fp && n < max && ((uintptr_t)fp & 15) == 0) {
        uintptr_t ret = fp[1];
        if (!ret)
            break;
        pcs[n++] = ret;
        const uintptr_t *next = (const uintptr_t *)fp[0];
        if (next <= fp) /* frames grow towards higher addresses; anything else is corrupt */
            break;
        fp = next;
    }
    return n;
}
