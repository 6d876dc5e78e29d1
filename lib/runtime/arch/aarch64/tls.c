/*
 * AArch64 thread pointer and TLS layout (variant 1): TPIDR_EL0 points at a 16-byte thread
 * control block, and the TLS block follows it at the next multiple of its alignment; with
 * the local-exec model the compiler adds that offset itself.
 */
#include <stdbool.h>
#include <string.h>

#include "../../runtime.h"

#define TCB_SIZE 16

static size_t align_up(size_t x, size_t a)
{
    return (x + a - 1) & ~(a - 1);
}

size_t sel4c_tls_area_size(const sel4c_tls_image_t *img)
{
    return align_up(TCB_SIZE, img->align) + img->memsz;
}

uintptr_t sel4c_tls_init(void *area, const sel4c_tls_image_t *img)
{
    char *tp = area;
    char *block = tp + align_up(TCB_SIZE, img->align);
    memset(tp, 0, TCB_SIZE);
    memcpy(block, img->data, img->filesz);
    memset(block + img->filesz, 0, img->memsz - img->filesz);
    return (uintptr_t)tp;
}

void sel4c_arch_set_tp(uintptr_t tp)
{
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(tp) : "memory");
}
