/*
 * The heap behind malloc: the memory region named by the sel4c_heap_vaddr and
 * sel4c_heap_size setvars. picolibc's malloc grows it with sbrk; without a region sbrk
 * fails, so malloc returns NULL with errno ENOMEM (and the first failure is reported).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microkit.h>

#include "internal.h"

void *sbrk(ptrdiff_t incr);

static uintptr_t brk; /* 0 until first used; kept across a restart, as malloc's state is */

void *sbrk(ptrdiff_t incr)
{
    uintptr_t start = sel4c_heap_vaddr, end = sel4c_heap_vaddr + sel4c_heap_size;
    if (!start || !sel4c_heap_size) {
        static bool reported;
        if (!reported)
            sel4c_microkit_report("malloc",
                                  "no heap region (map one with setvar_vaddr="
                                  "\"sel4c_heap_vaddr\" setvar_size=\"sel4c_heap_size\")");
        reported = true;
        errno = ENOMEM;
        return (void *)-1;
    }
    if (!brk)
        brk = start;
    if (incr > 0 ? (uintptr_t)incr > end - brk : (uintptr_t)-incr > brk - start) {
        errno = ENOMEM;
        return (void *)-1;
    }
    void *old = (void *)brk;
    brk += (uintptr_t)incr;
    return old;
}
