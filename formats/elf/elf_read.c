/* ELF64 reader: one validating pass at open, then bounds-free accessors. */
#include "elf.h"
#include "elf_util.h"

#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOBITS 8
#define SHT_DYNSYM 11
/* More program headers than any sane image has; keeps the overlap check cheap. */
#define MAX_PHDRS 512

static sel4c_elf_err_t fail(sel4c_elf_detail_t *d, sel4c_elf_err_t err, const char *table,
                            uint64_t index, uint64_t offset, uint64_t size)
{
    if (d)
        *d = (sel4c_elf_detail_t){table, index, offset, size};
    return err;
}

/* A string table section: inside the file (checked before) and ending in NUL. */
static bool strtab_ok(const sel4c_elf_t *elf, const sel4c_elf64_shdr_t *s)
{
    return s->sh_type == SHT_STRTAB && s->sh_size > 0 &&
           elf->data[s->sh_offset + s->sh_size - 1] == '\0';
}

sel4c_elf_err_t sel4c_elf_open(sel4c_elf_t *elf, const void *data, uint64_t size, uint16_t machine,
                               sel4c_elf_detail_t *d)
{
    const uint8_t *b = data;
    *elf = (sel4c_elf_t){0};
    if (((uintptr_t)data & 7) != 0)
        return fail(d, SEL4C_ELF_BAD_ARGUMENT, "file", 0, 0, size);
    if (size < sizeof(sel4c_elf64_ehdr_t))
        return fail(d, SEL4C_ELF_TRUNCATED, "file", 0, 0, size);
    if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
        return fail(d, SEL4C_ELF_BAD_MAGIC, "ELF header", 0, 0, 4);
    if (b[4] != 2)
        return fail(d, SEL4C_ELF_BAD_CLASS, "ELF header", 0, 4, 1);
    if (b[5] != 1)
        return fail(d, SEL4C_ELF_BAD_ENDIAN, "ELF header", 0, 5, 1);
    const sel4c_elf64_ehdr_t *eh = data;
    if (b[6] != 1 || eh->e_version != 1)
        return fail(d, SEL4C_ELF_BAD_VERSION, "ELF header", 0, 6, 1);
    if (machine && eh->e_machine != machine)
        return fail(d, SEL4C_ELF_BAD_MACHINE, "ELF header", 0, 18, eh->e_machine);
    if (eh->e_ehsize != sizeof *eh ||
        (eh->e_phnum && eh->e_phentsize != sizeof(sel4c_elf64_phdr_t)) ||
        (eh->e_shnum && eh->e_shentsize != sizeof(sel4c_elf64_shdr_t)) || eh->e_phnum > MAX_PHDRS)
        return fail(d, SEL4C_ELF_BAD_HEADER, "ELF header", 0, 0, sizeof *eh);
    elf->data = b;
    elf->size = size;
    elf->eh = eh;

    uint64_t ph_bytes = (uint64_t)eh->e_phnum * sizeof(sel4c_elf64_phdr_t);
    if (eh->e_phnum && (!elf_range_ok(eh->e_phoff, ph_bytes, size) || (eh->e_phoff & 7)))
        return fail(d, SEL4C_ELF_BAD_PHDR_TABLE, "program header table", 0, eh->e_phoff, ph_bytes);
    elf->ph = eh->e_phnum ? (const sel4c_elf64_phdr_t *)(b + eh->e_phoff) : NULL;
    elf->phnum = eh->e_phnum;
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *p = &elf->ph[i];
        if (!elf_range_ok(p->p_offset, p->p_filesz, size))
            return fail(d, SEL4C_ELF_BAD_SEGMENT, "program header", i, p->p_offset, p->p_filesz);
        if (p->p_type != SEL4C_PT_LOAD)
            continue;
        if (p->p_filesz > p->p_memsz || p->p_vaddr + p->p_memsz < p->p_vaddr ||
            p->p_paddr + p->p_memsz < p->p_paddr)
            return fail(d, SEL4C_ELF_BAD_SEGMENT, "program header", i, p->p_vaddr, p->p_memsz);
        for (unsigned j = 0; j < i; j++) {
            const sel4c_elf64_phdr_t *q = &elf->ph[j];
            if (q->p_type == SEL4C_PT_LOAD &&
                (elf_overlap(p->p_vaddr, p->p_memsz, q->p_vaddr, q->p_memsz) ||
                 elf_overlap(p->p_paddr, p->p_memsz, q->p_paddr, q->p_memsz)))
                return fail(d, SEL4C_ELF_OVERLAP, "program header", i, p->p_vaddr, j);
        }
    }

    uint64_t sh_bytes = (uint64_t)eh->e_shnum * sizeof(sel4c_elf64_shdr_t);
    if (eh->e_shnum && (!elf_range_ok(eh->e_shoff, sh_bytes, size) || (eh->e_shoff & 7)))
        return fail(d, SEL4C_ELF_BAD_SHDR_TABLE, "section header table", 0, eh->e_shoff, sh_bytes);
    elf->sh = eh->e_shnum ? (const sel4c_elf64_shdr_t *)(b + eh->e_shoff) : NULL;
    elf->shnum = eh->e_shnum;
    for (unsigned i = 0; i < elf->shnum; i++) {
        const sel4c_elf64_shdr_t *s = &elf->sh[i];
        if (s->sh_type != SHT_NOBITS && i && !elf_range_ok(s->sh_offset, s->sh_size, size))
            return fail(d, SEL4C_ELF_BAD_SECTION, "section", i, s->sh_offset, s->sh_size);
    }
    if (elf->shnum && eh->e_shstrndx) {
        if (eh->e_shstrndx >= elf->shnum || !strtab_ok(elf, &elf->sh[eh->e_shstrndx]))
            return fail(d, SEL4C_ELF_BAD_STRTAB, "section", eh->e_shstrndx, 0, 0);
        elf->shstr = (const char *)b + elf->sh[eh->e_shstrndx].sh_offset;
        elf->shstr_size = elf->sh[eh->e_shstrndx].sh_size;
        for (unsigned i = 0; i < elf->shnum; i++)
            if (elf->sh[i].sh_name >= elf->shstr_size)
                return fail(d, SEL4C_ELF_BAD_STRTAB, "section", i, elf->sh[i].sh_name, 0);
    }

    /* The symbol table: .symtab if there is one, else the dynamic symbols. */
    for (unsigned pass = 0; pass < 2 && !elf->syms; pass++) {
        for (unsigned i = 1; i < elf->shnum; i++) {
            const sel4c_elf64_shdr_t *s = &elf->sh[i];
            if (s->sh_type != (pass ? SHT_DYNSYM : SHT_SYMTAB))
                continue;
            if (s->sh_entsize != sizeof(sel4c_elf64_sym_t) || s->sh_size % s->sh_entsize ||
                (s->sh_offset & 7) || s->sh_link >= elf->shnum || s->sh_link == 0)
                return fail(d, SEL4C_ELF_BAD_SYMTAB, "section", i, s->sh_offset, s->sh_size);
            const sel4c_elf64_shdr_t *str = &elf->sh[s->sh_link];
            if (!strtab_ok(elf, str))
                return fail(d, SEL4C_ELF_BAD_STRTAB, "section", s->sh_link, str->sh_offset,
                            str->sh_size);
            elf->syms = (const sel4c_elf64_sym_t *)(b + s->sh_offset);
            elf->nsyms = s->sh_size / sizeof(sel4c_elf64_sym_t);
            elf->symstr = (const char *)b + str->sh_offset;
            elf->symstr_size = str->sh_size;
            for (uint64_t k = 0; k < elf->nsyms; k++)
                if (elf->syms[k].st_name >= elf->symstr_size)
                    return fail(d, SEL4C_ELF_BAD_STRTAB, "symbol", k, elf->syms[k].st_name, 0);
            break;
        }
    }
    return SEL4C_ELF_OK;
}

const char *sel4c_elf_strerror(sel4c_elf_err_t err)
{
    switch (err) {
    case SEL4C_ELF_OK: return "no error";
    case SEL4C_ELF_TRUNCATED: return "truncated: shorter than an ELF header";
    case SEL4C_ELF_BAD_MAGIC: return "not an ELF file";
    case SEL4C_ELF_BAD_CLASS: return "not a 64-bit ELF file";
    case SEL4C_ELF_BAD_ENDIAN: return "not a little-endian ELF file";
    case SEL4C_ELF_BAD_VERSION: return "unknown ELF version";
    case SEL4C_ELF_BAD_MACHINE: return "built for another architecture";
    case SEL4C_ELF_BAD_HEADER: return "malformed ELF header";
    case SEL4C_ELF_BAD_PHDR_TABLE: return "program header table outside the file";
    case SEL4C_ELF_BAD_SEGMENT: return "segment outside the file or larger on file than in memory";
    case SEL4C_ELF_OVERLAP: return "loadable segments overlap";
    case SEL4C_ELF_BAD_SHDR_TABLE: return "section header table outside the file";
    case SEL4C_ELF_BAD_SECTION: return "section outside the file";
    case SEL4C_ELF_BAD_STRTAB: return "malformed string table";
    case SEL4C_ELF_BAD_SYMTAB: return "malformed symbol table";
    case SEL4C_ELF_NO_SYMBOL: return "no such symbol";
    case SEL4C_ELF_SYMBOL_SIZE: return "value larger than the symbol";
    case SEL4C_ELF_NOT_IN_FILE: return "address not backed by file bytes";
    case SEL4C_ELF_NO_SPACE: return "output buffer too small";
    case SEL4C_ELF_BAD_ARGUMENT: return "invalid argument";
    }
    return "unknown ELF error";
}

const uint8_t *sel4c_elf_segment_data(const sel4c_elf_t *elf, unsigned i)
{
    return i < elf->phnum ? elf->data + elf->ph[i].p_offset : NULL;
}

const sel4c_elf64_shdr_t *sel4c_elf_section(const sel4c_elf_t *elf, const char *name)
{
    for (unsigned i = 1; elf->shstr && i < elf->shnum; i++)
        if (elf_str_eq(elf->shstr + elf->sh[i].sh_name, name))
            return &elf->sh[i];
    return NULL;
}

const char *sel4c_elf_symbol_name(const sel4c_elf_t *elf, uint64_t i)
{
    return i < elf->nsyms ? elf->symstr + elf->syms[i].st_name : "";
}

sel4c_elf_err_t sel4c_elf_symbol(const sel4c_elf_t *elf, const char *name, sel4c_elf64_sym_t *out)
{
    for (uint64_t i = 1; i < elf->nsyms; i++) {
        if (elf->syms[i].st_shndx != 0 && elf_str_eq(elf->symstr + elf->syms[i].st_name, name)) {
            *out = elf->syms[i];
            return SEL4C_ELF_OK;
        }
    }
    return SEL4C_ELF_NO_SYMBOL;
}

sel4c_elf_err_t sel4c_elf_file_offset(const sel4c_elf_t *elf, uint64_t vaddr, uint64_t size,
                                      uint64_t *offset)
{
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *p = &elf->ph[i];
        if (p->p_type == SEL4C_PT_LOAD && vaddr >= p->p_vaddr &&
            elf_range_ok(vaddr - p->p_vaddr, size, p->p_filesz)) {
            *offset = p->p_offset + (vaddr - p->p_vaddr);
            return SEL4C_ELF_OK;
        }
    }
    return SEL4C_ELF_NOT_IN_FILE;
}
