/*
 * The ELF library: reading a small ELF built here and real ones given on the command line,
 * a precise error (and where) for each kind of damage, and writing: appended segments,
 * a grown program header table loaded as its own segment, symbol patching.
 *   test_elf [REAL.elf OUT.elf]   (OUT.elf: a written image for readelf to check)
 */
#include "../../formats/elf/elf.h"

#include <stdlib.h>

#include "../../formats/elf/sel4c_phdr.h"
#include "check.h"

/* A small AArch64 executable: two loadable segments, .text/.data/.bss, symbols. */
enum { TEXT_OFF = 0x1000, DATA_OFF = 0x2000, SH_OFF = 0x3000, FILE_SIZE = 0x3400 };
static _Alignas(8) uint8_t image[FILE_SIZE];

static const char shstr[] = "\0.text\0.data\0.bss\0.symtab\0.strtab\0.shstrtab";
static const char symstr[] = "\0value\0counter\0small\0_start";

static void build(void)
{
    memset(image, 0, sizeof image);
    sel4c_elf64_ehdr_t *eh = (void *)image;
    memcpy(eh->e_ident,
           "\x7f"
           "ELF\2\1\1",
           7);
    eh->e_type = 2;
    eh->e_machine = SEL4C_EM_AARCH64;
    eh->e_version = 1;
    eh->e_entry = 0x400000;
    eh->e_phoff = 64;
    eh->e_shoff = SH_OFF;
    eh->e_ehsize = 64;
    eh->e_phentsize = sizeof(sel4c_elf64_phdr_t);
    eh->e_phnum = 2;
    eh->e_shentsize = sizeof(sel4c_elf64_shdr_t);
    eh->e_shnum = 7;
    eh->e_shstrndx = 6;
    sel4c_elf64_phdr_t *ph = (void *)(image + 64);
    ph[0] =
        (sel4c_elf64_phdr_t){SEL4C_PT_LOAD, 5, TEXT_OFF, 0x400000, 0x400000, 0x100, 0x100, 0x1000};
    ph[1] =
        (sel4c_elf64_phdr_t){SEL4C_PT_LOAD, 6, DATA_OFF, 0x401000, 0x401000, 0x10, 0x1000, 0x1000};
    memcpy(image + TEXT_OFF, "code", 4);
    memcpy(image + DATA_OFF, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    /* symbols at 0x2800, names at 0x2900, section names at 0x2a00 */
    sel4c_elf64_sym_t *sym = (void *)(image + 0x2800);
    sym[1] = (sel4c_elf64_sym_t){1, 0x11, 0, 2, 0x401000, 8};  /* value: .data, 8 bytes */
    sym[2] = (sel4c_elf64_sym_t){7, 0x11, 0, 3, 0x401100, 8};  /* counter: .bss */
    sym[3] = (sel4c_elf64_sym_t){15, 0x11, 0, 2, 0x401008, 2}; /* small: 2 bytes */
    sym[4] = (sel4c_elf64_sym_t){21, 0x12, 0, 1, 0x400000, 0}; /* _start */
    memcpy(image + 0x2900, symstr, sizeof symstr);
    memcpy(image + 0x2a00, shstr, sizeof shstr);
    sel4c_elf64_shdr_t *sh = (void *)(image + SH_OFF);
    sh[1] = (sel4c_elf64_shdr_t){1, 1, 6, 0x400000, TEXT_OFF, 0x100, 0, 0, 4, 0};
    sh[2] = (sel4c_elf64_shdr_t){7, 1, 3, 0x401000, DATA_OFF, 0x10, 0, 0, 8, 0};
    sh[3] = (sel4c_elf64_shdr_t){13, 8, 3, 0x401010, DATA_OFF + 0x10, 0xff0, 0, 0, 8, 0};
    sh[4] = (sel4c_elf64_shdr_t){18, 2, 0, 0, 0x2800, 5 * sizeof(sel4c_elf64_sym_t), 5, 4, 8, 24};
    sh[5] = (sel4c_elf64_shdr_t){26, 3, 0, 0, 0x2900, sizeof symstr, 0, 0, 1, 0};
    sh[6] = (sel4c_elf64_shdr_t){34, 3, 0, 0, 0x2a00, sizeof shstr, 0, 0, 1, 0};
}

#define EH ((sel4c_elf64_ehdr_t *)image)
#define PH ((sel4c_elf64_phdr_t *)(image + 64))
#define SH ((sel4c_elf64_shdr_t *)(image + SH_OFF))

static void test_read(void)
{
    sel4c_elf_t elf;
    sel4c_elf64_sym_t sym;
    uint64_t off;
    build();
    CHECK(sel4c_elf_open(&elf, image, sizeof image, SEL4C_EM_AARCH64, NULL) == SEL4C_ELF_OK);
    CHECK(elf.phnum == 2 && elf.shnum == 7 && elf.nsyms == 5);
    CHECK(memcmp(sel4c_elf_segment_data(&elf, 0), "code", 4) == 0);
    CHECK(sel4c_elf_segment_data(&elf, 2) == NULL);
    CHECK(sel4c_elf_section(&elf, ".data") == &elf.sh[2]);
    CHECK(sel4c_elf_section(&elf, ".nothing") == NULL);
    CHECK(strcmp(sel4c_elf_symbol_name(&elf, 4), "_start") == 0);
    CHECK(sel4c_elf_symbol(&elf, "counter", &sym) == SEL4C_ELF_OK && sym.st_value == 0x401100);
    CHECK(sel4c_elf_symbol(&elf, "missing", &sym) == SEL4C_ELF_NO_SYMBOL);
    CHECK(sel4c_elf_file_offset(&elf, 0x401004, 4, &off) == SEL4C_ELF_OK && off == DATA_OFF + 4);
    CHECK(sel4c_elf_file_offset(&elf, 0x40100c, 8, &off) == SEL4C_ELF_NOT_IN_FILE);
    CHECK(sel4c_elf_open(&elf, image, sizeof image, 0, NULL) == SEL4C_ELF_OK);
}

/* Damages the image with `edit` and expects `err`, found in `table` entry `index`. */
#define DAMAGED(err, want_table, want_index, edit)                                                 \
    do {                                                                                           \
        sel4c_elf_t elf_;                                                                          \
        sel4c_elf_detail_t d_ = {0};                                                               \
        uint64_t size_ = sizeof image;                                                             \
        build();                                                                                   \
        edit;                                                                                      \
        sel4c_elf_err_t e_ = sel4c_elf_open(&elf_, image, size_, SEL4C_EM_AARCH64, &d_);           \
        CHECK_EQ_U64(e_, err);                                                                     \
        CHECK(strcmp(d_.table ? d_.table : "", want_table) == 0);                                  \
        CHECK_EQ_U64(d_.index, want_index);                                                        \
    } while (0)

static void test_damaged(void)
{
    DAMAGED(SEL4C_ELF_TRUNCATED, "file", 0, size_ = 40);
    DAMAGED(SEL4C_ELF_BAD_MAGIC, "ELF header", 0, image[1] = 'X');
    DAMAGED(SEL4C_ELF_BAD_CLASS, "ELF header", 0, image[4] = 1);
    DAMAGED(SEL4C_ELF_BAD_ENDIAN, "ELF header", 0, image[5] = 2);
    DAMAGED(SEL4C_ELF_BAD_VERSION, "ELF header", 0, EH->e_version = 2);
    DAMAGED(SEL4C_ELF_BAD_MACHINE, "ELF header", 0, EH->e_machine = SEL4C_EM_X86_64);
    DAMAGED(SEL4C_ELF_BAD_HEADER, "ELF header", 0, EH->e_phentsize = 32);
    DAMAGED(SEL4C_ELF_BAD_HEADER, "ELF header", 0, EH->e_phnum = 60000);
    DAMAGED(SEL4C_ELF_BAD_PHDR_TABLE, "program header table", 0, EH->e_phoff = FILE_SIZE - 8);
    DAMAGED(SEL4C_ELF_BAD_PHDR_TABLE, "program header table", 0, EH->e_phoff = UINT64_MAX - 7);
    DAMAGED(SEL4C_ELF_BAD_SEGMENT, "program header", 1, PH[1].p_filesz = FILE_SIZE);
    DAMAGED(SEL4C_ELF_BAD_SEGMENT, "program header", 1, PH[1].p_offset = UINT64_MAX - 4);
    DAMAGED(SEL4C_ELF_BAD_SEGMENT, "program header", 0, PH[0].p_memsz = 0x10);
    DAMAGED(SEL4C_ELF_BAD_SEGMENT, "program header", 1, PH[1].p_vaddr = UINT64_MAX - 0x10);
    DAMAGED(SEL4C_ELF_OVERLAP, "program header", 1, PH[1].p_vaddr = 0x400080);
    DAMAGED(SEL4C_ELF_OVERLAP, "program header", 1, PH[1].p_paddr = 0x400080);
    DAMAGED(SEL4C_ELF_BAD_SHDR_TABLE, "section header table", 0, EH->e_shoff = FILE_SIZE - 64);
    DAMAGED(SEL4C_ELF_BAD_SECTION, "section", 2, SH[2].sh_size = FILE_SIZE);
    DAMAGED(SEL4C_ELF_BAD_STRTAB, "section", 9, EH->e_shstrndx = 9);
    DAMAGED(SEL4C_ELF_BAD_STRTAB, "section", 6, image[0x2a00 + sizeof shstr - 1] = 'x');
    DAMAGED(SEL4C_ELF_BAD_STRTAB, "section", 3, SH[3].sh_name = 500);
    DAMAGED(SEL4C_ELF_BAD_SYMTAB, "section", 4, SH[4].sh_entsize = 16);
    DAMAGED(SEL4C_ELF_BAD_SYMTAB, "section", 4, SH[4].sh_link = 9);
    DAMAGED(SEL4C_ELF_BAD_STRTAB, "section", 2, SH[4].sh_link = 2);
    DAMAGED(SEL4C_ELF_BAD_STRTAB, "symbol", 2,
            ((sel4c_elf64_sym_t *)(image + 0x2800))[2].st_name = 999);
    /* nothing crashes, whatever byte of the headers is damaged */
    for (unsigned i = 0; i < 64 + 2 * sizeof(sel4c_elf64_phdr_t); i++) {
        for (unsigned v = 0; v < 3; v++) {
            sel4c_elf_t elf;
            build();
            image[i] = v == 0 ? 0 : v == 1 ? 0xff : (uint8_t)(image[i] ^ 0x80);
            if (sel4c_elf_open(&elf, image, sizeof image, 0, NULL) == SEL4C_ELF_OK) {
                sel4c_elf64_sym_t s;
                if (sel4c_elf_symbol(&elf, "value", &s) == SEL4C_ELF_OK)
                    CHECK(s.st_name < elf.symstr_size);
            }
        }
    }
}

static void test_write(void)
{
    sel4c_elf_t elf, out_elf;
    sel4c_elf_detail_t d = {0};
    build();
    CHECK(sel4c_elf_open(&elf, image, sizeof image, SEL4C_EM_AARCH64, NULL) == SEL4C_ELF_OK);
    static const uint8_t blob[5000] = {1, 2, 3};
    sel4c_elf_segment_t segs[] = {
        {SEL4C_PT_LOAD, 6, 0x40000123, 0x40000123, blob, sizeof blob, sizeof blob},
        {SEL4C_PT_LOAD, 6, 0x40100000, 0x40100000, NULL, 0, 0x3000}, /* memory only */
        {SEL4C_PT_LOADER_PAYLOAD, 4, 0x40000123, 0x40000123, NULL, 0, 16},
        {SEL4C_PT_LOAD, 6, 0x300000, 0x300000, "low", 3, 3}, /* sorts first */
    };
    sel4c_elf_append_opts_t opts = {.page = 4096, .phdr_vaddr = 0x40200000};
    uint64_t size = sel4c_elf_append_size(&elf, segs, 4, &opts), len = 0;
    uint8_t *out = aligned_alloc(8, (size + 7) & ~7ull);
    CHECK(sel4c_elf_append(&elf, segs, 4, &opts, out, size - 1, &len, &d) == SEL4C_ELF_NO_SPACE);
    CHECK(sel4c_elf_append(&elf, segs, 4, &opts, out, size, &len, &d) == SEL4C_ELF_OK);
    CHECK(len == size);
    CHECK(sel4c_elf_open(&out_elf, out, len, SEL4C_EM_AARCH64, NULL) == SEL4C_ELF_OK);
    CHECK(out_elf.phnum == 2 + 4 + 2);
    CHECK(out_elf.ph[0].p_type == SEL4C_PT_PHDR && out_elf.ph[0].p_vaddr == 0x40200000);
    uint64_t prev = 0;
    unsigned loads = 0;
    for (unsigned i = 0; i < out_elf.phnum; i++) {
        const sel4c_elf64_phdr_t *p = &out_elf.ph[i];
        if (p->p_type != SEL4C_PT_LOAD)
            continue;
        CHECK(p->p_vaddr >= prev); /* ascending */
        CHECK(p->p_offset % 4096 == p->p_vaddr % 4096 || p->p_filesz == 0);
        prev = p->p_vaddr;
        loads++;
    }
    CHECK(loads == 6);
    uint64_t off;
    CHECK(sel4c_elf_file_offset(&out_elf, 0x40000123, 3, &off) == SEL4C_ELF_OK);
    CHECK(memcmp(out + off, blob, 3) == 0);
    CHECK(out_elf.syms && out_elf.shnum == 7); /* sections and symbols kept */

    uint64_t v = 0x1122334455667788ull;
    CHECK(sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "value", &v, 8, &d) == SEL4C_ELF_OK);
    CHECK(sel4c_elf_file_offset(&out_elf, 0x401000, 8, &off) == SEL4C_ELF_OK);
    CHECK(memcmp(out + off, &v, 8) == 0);
    CHECK(sel4c_elf_patch_symbol(out, len, 0, "small", &v, 8, &d) == SEL4C_ELF_SYMBOL_SIZE);
    CHECK(sel4c_elf_patch_symbol(out, len, 0, "counter", &v, 8, &d) == SEL4C_ELF_NOT_IN_FILE);
    CHECK(sel4c_elf_patch_symbol(out, len, 0, "nothing", &v, 8, &d) == SEL4C_ELF_NO_SYMBOL);

    /* a new segment may not overlap an existing one, nor another new one */
    sel4c_elf_segment_t clash = {SEL4C_PT_LOAD, 6, 0x400080, 0x90000000, blob, 16, 16};
    CHECK(sel4c_elf_append(&elf, &clash, 1, NULL, out, size, &len, &d) == SEL4C_ELF_OVERLAP);
    CHECK(d.index == 0 && d.size == 0);
    sel4c_elf_segment_t twins[] = {{SEL4C_PT_LOAD, 6, 0x50000000, 0x50000000, blob, 16, 16},
                                   {SEL4C_PT_LOAD, 6, 0x50000008, 0x51000000, blob, 16, 16}};
    CHECK(sel4c_elf_append(&elf, twins, 2, NULL, out, size, &len, &d) == SEL4C_ELF_OVERLAP);
    CHECK(d.index == 1);
    sel4c_elf_segment_t bad = {SEL4C_PT_LOAD, 6, 0x50000000, 0x50000000, blob, 32, 16};
    CHECK(sel4c_elf_append(&elf, &bad, 1, NULL, out, size, &len, &d) == SEL4C_ELF_BAD_ARGUMENT);
    free(out);
}

/* A real ELF: read it, append a segment, and write the result for readelf to judge. */
static void test_real(const char *path, const char *out_path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    uint8_t *data = aligned_alloc(8, 1 << 24);
    size_t n = fread(data, 1, 1 << 24, f);
    fclose(f);
    sel4c_elf_t elf;
    CHECK(sel4c_elf_open(&elf, data, n, SEL4C_EM_AARCH64, NULL) == SEL4C_ELF_OK);
    sel4c_elf64_sym_t sym;
    CHECK(sel4c_elf_symbol(&elf, "sel4c_loader_payload", &sym) == SEL4C_ELF_OK);
    CHECK(sym.st_size == 8);
    static const uint8_t payload[100] = {42};
    sel4c_elf_segment_t seg[] = {
        {SEL4C_PT_LOAD, 6, 0x48000000, 0x48000000, payload, 100, 100},
        {SEL4C_PT_LOADER_PAYLOAD, 4, 0x48000000, 0x48000000, NULL, 0, 100}};
    uint64_t size = sel4c_elf_append_size(&elf, seg, 2, NULL), len;
    uint8_t *out = aligned_alloc(8, (size + 7) & ~7ull);
    CHECK(sel4c_elf_append(&elf, seg, 2, NULL, out, size, &len, NULL) == SEL4C_ELF_OK);
    uint64_t addr = 0x48000000;
    CHECK(sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "sel4c_loader_payload", &addr, 8,
                                 NULL) == SEL4C_ELF_OK);
    FILE *o = fopen(out_path, "wb");
    CHECK(o && fwrite(out, 1, len, o) == len);
    if (o)
        fclose(o);
    free(out);
    free(data);
}

int main(int argc, char **argv)
{
    test_read();
    test_damaged();
    test_write();
    if (argc == 3)
        test_real(argv[1], argv[2]);
    return check_done("test_elf");
}
