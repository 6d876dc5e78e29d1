/* The image's TLS template, from symbols the linker script defines around .tdata/.tbss. */
#include <stdbool.h>
#include <stdint.h>

#include "runtime.h"

/* Absolute symbols: their addresses are the values. */
extern const char __sel4c_tls_start[], __sel4c_tls_filesz[], __sel4c_tls_memsz[],
    __sel4c_tls_align[];

bool sel4c_tls_image(sel4c_tls_image_t *out)
{
    uintptr_t memsz = (uintptr_t)__sel4c_tls_memsz;
    if (!memsz)
        return false;
    out->data = __sel4c_tls_start;
    out->filesz = (uintptr_t)__sel4c_tls_filesz;
    out->memsz = memsz;
    out->align = (uintptr_t)__sel4c_tls_align ? (uintptr_t)__sel4c_tls_align : 1;
    return true;
}
