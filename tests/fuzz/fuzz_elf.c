/* libFuzzer target: the ELF reader on arbitrary bytes, then every accessor on what it took. */
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = aligned_alloc(8, (size + 8) & ~7ul); /* the reader wants 8-byte alignment */
    memcpy(copy, data, size);
    sel4c_elf_t elf;
    if (sel4c_elf_open(&elf, copy, size, 0, NULL) == SEL4C_ELF_OK) {
        volatile uint64_t sum = 0;
        for (unsigned i = 0; i < elf.phnum; i++) {
            const uint8_t *seg = sel4c_elf_segment_data(&elf, i);
            if (elf.ph[i].p_filesz)
                sum += seg[0] + seg[elf.ph[i].p_filesz - 1];
        }
        for (uint64_t i = 0; i < elf.nsyms; i++) {
            const char *name = sel4c_elf_symbol_name(&elf, i);
            sum += strlen(name);
            sel4c_elf64_sym_t sym;
            uint64_t off;
            if (sel4c_elf_symbol(&elf, name, &sym) == SEL4C_ELF_OK &&
                sel4c_elf_file_offset(&elf, sym.st_value, sym.st_size, &off) == SEL4C_ELF_OK)
                sum += copy[off];
        }
        sum += sel4c_elf_section(&elf, ".text") != NULL;
        (void)sum;
    }
    free(copy);
    return 0;
}
