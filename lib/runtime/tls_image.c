/* The running image's TLS template, found through its own program headers. */
#include <stdbool.h>

#include "../../formats/elf/elf.h"
#include "runtime.h"

/* The linker defines this at the ELF header when the headers are loaded with the image. */
extern const sel4c_elf64_ehdr_t __ehdr_start;

bool sel4c_tls_image(sel4c_tls_image_t *out)
{
    const sel4c_elf64_ehdr_t *eh = &__ehdr_start;
    const sel4c_elf64_phdr_t *ph = (const sel4c_elf64_phdr_t *)((const char *)eh + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == SEL4C_PT_TLS) {
            out->data = (const void *)(uintptr_t)ph[i].p_vaddr;
            out->filesz = ph[i].p_filesz;
            out->memsz = ph[i].p_memsz;
            out->align = ph[i].p_align ? ph[i].p_align : 1;
            return true;
        }
    }
    return false;
}
