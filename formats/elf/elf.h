/*
 * ELF64 reading and writing, freestanding: shared by host tools and bare-metal programs.
 *
 * Reading: sel4c_elf_open() checks the whole file once (header, program and section header
 * tables, every segment and section range, overlapping loadable segments, string and symbol
 * tables). After it succeeded no accessor reads outside the file. The file stays owned by
 * the caller and must outlive the sel4c_elf_t.
 *
 * Writing never allocates: sel4c_elf_append_size() says how large the output will be, the
 * caller provides that buffer, and sel4c_elf_append() copies the input and appends new
 * segments and a grown program header table. sel4c_elf_patch_symbol() then changes a
 * symbol's initial value in place.
 *
 * Errors carry a detail (which table entry, which offset) so tools can say exactly where a
 * file is broken.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEL4C_EM_AARCH64 183
#define SEL4C_EM_RISCV   243
#define SEL4C_EM_X86_64  62

#define SEL4C_PT_NULL 0
#define SEL4C_PT_LOAD 1
#define SEL4C_PT_NOTE 4
#define SEL4C_PT_PHDR 6
#define SEL4C_PT_TLS  7
#define SEL4C_PF_X    1
#define SEL4C_PF_W    2
#define SEL4C_PF_R    4

typedef struct sel4c_elf64_ehdr {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} sel4c_elf64_ehdr_t;

typedef struct sel4c_elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} sel4c_elf64_phdr_t;

typedef struct sel4c_elf64_shdr {
    uint32_t sh_name, sh_type;
    uint64_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    uint64_t sh_addralign, sh_entsize;
} sel4c_elf64_shdr_t;

typedef struct sel4c_elf64_sym {
    uint32_t st_name;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
} sel4c_elf64_sym_t;

typedef enum sel4c_elf_err {
    SEL4C_ELF_OK = 0,
    SEL4C_ELF_TRUNCATED, /* shorter than its ELF header */
    SEL4C_ELF_BAD_MAGIC,
    SEL4C_ELF_BAD_CLASS,  /* not ELFCLASS64 */
    SEL4C_ELF_BAD_ENDIAN, /* not little-endian */
    SEL4C_ELF_BAD_VERSION,
    SEL4C_ELF_BAD_MACHINE,    /* another architecture than the caller asked for */
    SEL4C_ELF_BAD_HEADER,     /* header sizes or counts make no sense */
    SEL4C_ELF_BAD_PHDR_TABLE, /* program header table outside the file */
    SEL4C_ELF_BAD_SEGMENT,    /* a segment's bytes outside the file, or filesz > memsz */
    SEL4C_ELF_OVERLAP,        /* two loadable segments share addresses */
    SEL4C_ELF_BAD_SHDR_TABLE, /* section header table outside the file */
    SEL4C_ELF_BAD_SECTION,    /* a section's bytes outside the file */
    SEL4C_ELF_BAD_STRTAB,     /* a string table missing, outside, or unterminated */
    SEL4C_ELF_BAD_SYMTAB,     /* a symbol table with a bad entry size or link */
    SEL4C_ELF_NO_SYMBOL,
    SEL4C_ELF_SYMBOL_SIZE, /* a patched value does not fit the symbol */
    SEL4C_ELF_NOT_IN_FILE, /* an address backed by no file bytes (e.g. .bss) */
    SEL4C_ELF_NO_SPACE,    /* the output buffer is too small */
    SEL4C_ELF_BAD_ARGUMENT,
} sel4c_elf_err_t;

/* Where an error was found: the table ("program header", "section", ...), the entry, the
 * offending offset and size. */
typedef struct sel4c_elf_detail {
    const char *table;
    uint64_t index;
    uint64_t offset;
    uint64_t size;
} sel4c_elf_detail_t;

typedef struct sel4c_elf {
    const uint8_t *data;
    uint64_t size;
    const sel4c_elf64_ehdr_t *eh;
    const sel4c_elf64_phdr_t *ph;
    unsigned phnum;
    const sel4c_elf64_shdr_t *sh;
    unsigned shnum;
    const char *shstr; /* section names; NULL without sections */
    uint64_t shstr_size;
    const sel4c_elf64_sym_t *syms; /* .symtab, else .dynsym; NULL without */
    uint64_t nsyms;
    const char *symstr;
    uint64_t symstr_size;
} sel4c_elf_t;

#define SEL4C_ELF_MUST_CHECK __attribute__((warn_unused_result))

/*
 * Checks `data` (`size` bytes, 8-byte aligned) as an ELF64 little-endian file for `machine`
 * (0: any). On error `detail`, if given, says where.
 */
SEL4C_ELF_MUST_CHECK sel4c_elf_err_t sel4c_elf_open(sel4c_elf_t *elf, const void *data,
                                                    uint64_t size, uint16_t machine,
                                                    sel4c_elf_detail_t *detail);
const char *sel4c_elf_strerror(sel4c_elf_err_t err);

/* The file bytes of segment i (p_filesz of them). */
const uint8_t *sel4c_elf_segment_data(const sel4c_elf_t *elf, unsigned i);
/* The section named `name`, or NULL. */
const sel4c_elf64_shdr_t *sel4c_elf_section(const sel4c_elf_t *elf, const char *name);
/* The name of symbol i ("" when it has none). */
const char *sel4c_elf_symbol_name(const sel4c_elf_t *elf, uint64_t i);
/* Looks a symbol up by name (the first defined one of that name). */
SEL4C_ELF_MUST_CHECK sel4c_elf_err_t sel4c_elf_symbol(const sel4c_elf_t *elf, const char *name,
                                                      sel4c_elf64_sym_t *out);
/* The file offset holding [vaddr, vaddr + size) in a loadable segment. */
SEL4C_ELF_MUST_CHECK sel4c_elf_err_t sel4c_elf_file_offset(const sel4c_elf_t *elf, uint64_t vaddr,
                                                           uint64_t size, uint64_t *offset);

/* A segment to append. Loadable ones need an address no existing segment uses. */
typedef struct sel4c_elf_segment {
    uint32_t type, flags;
    uint64_t vaddr, paddr;
    const void *data;
    uint64_t filesz, memsz;
} sel4c_elf_segment_t;

typedef struct sel4c_elf_append_opts {
    uint64_t page;       /* alignment of loadable segments, a power of two (0: 4096) */
    uint64_t phdr_vaddr; /* nonzero: load the grown program header table as its own segment
                            at this (physical and virtual) address, with a PT_PHDR for it */
} sel4c_elf_append_opts_t;

/* Bytes sel4c_elf_append() will produce for these segments. */
uint64_t sel4c_elf_append_size(const sel4c_elf_t *in, const sel4c_elf_segment_t *segs, unsigned n,
                               const sel4c_elf_append_opts_t *opts);
/*
 * Writes `in` followed by the new segments' bytes (each at a file offset congruent to its
 * address) and a new program header table listing the old and new segments. `out` must
 * hold sel4c_elf_append_size() bytes; `*out_len` receives the length written.
 */
SEL4C_ELF_MUST_CHECK sel4c_elf_err_t sel4c_elf_append(const sel4c_elf_t *in,
                                                      const sel4c_elf_segment_t *segs, unsigned n,
                                                      const sel4c_elf_append_opts_t *opts,
                                                      void *out, uint64_t out_size,
                                                      uint64_t *out_len,
                                                      sel4c_elf_detail_t *detail);
/*
 * Replaces the initial value of symbol `name` in the ELF image `image` (`len` bytes): writes
 * `size` bytes from `value` where the symbol's bytes are in the file. The symbol must be at
 * least `size` bytes and backed by file bytes.
 */
SEL4C_ELF_MUST_CHECK sel4c_elf_err_t sel4c_elf_patch_symbol(void *image, uint64_t len,
                                                            uint16_t machine, const char *name,
                                                            const void *value, uint64_t size,
                                                            sel4c_elf_detail_t *detail);
