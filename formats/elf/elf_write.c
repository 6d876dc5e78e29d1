/*
 * ELF64 writer: appends segments after the input's bytes and writes a new, larger program
 * header table at the end (the old table stays where it was, unused). Each segment's bytes
 * go at a file offset congruent to its address modulo the page size, as loaders require.
 */
#include "elf.h"
#include "elf_util.h"

static uint64_t align_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

/* The smallest offset >= off that is congruent to addr modulo page. */
static uint64_t congruent(uint64_t off, uint64_t addr, uint64_t page)
{
    uint64_t want = addr & (page - 1);
    uint64_t base = off & ~(page - 1);
    uint64_t r = base + want;
    return r >= off ? r : r + page;
}

static uint64_t page_of(const sel4c_elf_append_opts_t *opts)
{
    return opts && opts->page ? opts->page : 4096;
}

static bool has_phdr_entry(const sel4c_elf_t *in)
{
    for (unsigned i = 0; i < in->phnum; i++)
        if (in->ph[i].p_type == SEL4C_PT_PHDR)
            return true;
    return false;
}

/* Number of program headers in the output. */
static unsigned out_phnum(const sel4c_elf_t *in, unsigned n, const sel4c_elf_append_opts_t *o)
{
    unsigned extra = o && o->phdr_vaddr ? (has_phdr_entry(in) ? 1 : 2) : 0;
    return in->phnum + n + extra;
}

/* File offset of the new program header table, after `n` new segments' bytes. */
static uint64_t table_offset(const sel4c_elf_t *in, const sel4c_elf_segment_t *segs, unsigned n,
                             const sel4c_elf_append_opts_t *opts)
{
    uint64_t page = page_of(opts), off = align_up(in->size, 8);
    for (unsigned i = 0; i < n; i++)
        if (segs[i].filesz)
            off = congruent(off, segs[i].vaddr, page) + segs[i].filesz;
    off = align_up(off, 8);
    return opts && opts->phdr_vaddr ? congruent(off, opts->phdr_vaddr, page) : off;
}

uint64_t sel4c_elf_append_size(const sel4c_elf_t *in, const sel4c_elf_segment_t *segs, unsigned n,
                               const sel4c_elf_append_opts_t *opts)
{
    return table_offset(in, segs, n, opts) +
           (uint64_t)out_phnum(in, n, opts) * sizeof(sel4c_elf64_phdr_t);
}

static sel4c_elf_err_t fail(sel4c_elf_detail_t *d, sel4c_elf_err_t err, uint64_t index,
                            uint64_t offset, uint64_t size)
{
    if (d)
        *d = (sel4c_elf_detail_t){"new segment", index, offset, size};
    return err;
}

static bool clash(const sel4c_elf_segment_t *s, uint32_t type, uint64_t vaddr, uint64_t paddr,
                  uint64_t memsz)
{
    return type == SEL4C_PT_LOAD && (elf_overlap(s->vaddr, s->memsz, vaddr, memsz) ||
                                     elf_overlap(s->paddr, s->memsz, paddr, memsz));
}

/* Checks new segment `s` (number `index`) against the input's and segs[0..before). */
static sel4c_elf_err_t check_new(const sel4c_elf_t *in, const sel4c_elf_segment_t *segs,
                                 unsigned before, const sel4c_elf_segment_t *s, unsigned index,
                                 sel4c_elf_detail_t *d)
{
    if (s->filesz > s->memsz || (s->filesz && !s->data) || s->vaddr + s->memsz < s->vaddr ||
        s->paddr + s->memsz < s->paddr)
        return fail(d, SEL4C_ELF_BAD_ARGUMENT, index, s->vaddr, s->memsz);
    if (s->type != SEL4C_PT_LOAD)
        return SEL4C_ELF_OK;
    for (unsigned j = 0; j < in->phnum; j++) {
        const sel4c_elf64_phdr_t *p = &in->ph[j];
        if (clash(s, p->p_type, p->p_vaddr, p->p_paddr, p->p_memsz))
            return fail(d, SEL4C_ELF_OVERLAP, index, s->vaddr, j);
    }
    for (unsigned j = 0; j < before; j++)
        if (clash(s, segs[j].type, segs[j].vaddr, segs[j].paddr, segs[j].memsz))
            return fail(d, SEL4C_ELF_OVERLAP, index, s->vaddr, in->phnum + j);
    return SEL4C_ELF_OK;
}

/* Orders the loadable entries by address, as the ELF specification asks; others stay put. */
static void sort_loads(sel4c_elf64_phdr_t *ph, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = i + 1; ph[i].p_type == SEL4C_PT_LOAD && j < n; j++) {
            if (ph[j].p_type == SEL4C_PT_LOAD && ph[j].p_vaddr < ph[i].p_vaddr) {
                sel4c_elf64_phdr_t t = ph[i];
                ph[i] = ph[j];
                ph[j] = t;
            }
        }
    }
}

static sel4c_elf64_phdr_t table_entry(uint32_t type, uint64_t off, uint64_t addr, uint64_t size,
                                      uint64_t align)
{
    return (sel4c_elf64_phdr_t){type, SEL4C_PF_R, off, addr, addr, size, size, align};
}

sel4c_elf_err_t sel4c_elf_append(const sel4c_elf_t *in, const sel4c_elf_segment_t *segs, unsigned n,
                                 const sel4c_elf_append_opts_t *opts, void *out, uint64_t out_size,
                                 uint64_t *out_len, sel4c_elf_detail_t *d)
{
    uint64_t page = page_of(opts);
    bool load_table = opts && opts->phdr_vaddr;
    if ((page & (page - 1)) || ((uintptr_t)out & 7) || (load_table && (opts->phdr_vaddr & 7)))
        return fail(d, SEL4C_ELF_BAD_ARGUMENT, 0, 0, 0);
    unsigned phnum = out_phnum(in, n, opts);
    if (n >= 0xffff || phnum >= 0xffff)
        return fail(d, SEL4C_ELF_BAD_ARGUMENT, n, 0, phnum);
    for (unsigned i = 0; i < n; i++) {
        sel4c_elf_err_t err = check_new(in, segs, i, &segs[i], i, d);
        if (err)
            return err;
    }
    uint64_t ph_off = table_offset(in, segs, n, opts);
    uint64_t ph_size = (uint64_t)phnum * sizeof(sel4c_elf64_phdr_t);
    uint64_t total = ph_off + ph_size;
    if (load_table) {
        sel4c_elf_segment_t table = {SEL4C_PT_LOAD, SEL4C_PF_R, opts->phdr_vaddr, opts->phdr_vaddr,
                                     out,           ph_size,    ph_size};
        sel4c_elf_err_t err = check_new(in, segs, n, &table, n, d);
        if (err)
            return err;
    }
    if (out_size < total)
        return fail(d, SEL4C_ELF_NO_SPACE, 0, total, out_size);

    uint8_t *o = out;
    elf_zero(o, total);
    elf_copy(o, in->data, in->size);
    sel4c_elf64_phdr_t *ph = (sel4c_elf64_phdr_t *)(o + ph_off);
    unsigned k = 0;
    /* PT_PHDR must precede the loadable segments */
    if (load_table && !has_phdr_entry(in))
        ph[k++] = table_entry(SEL4C_PT_PHDR, ph_off, opts->phdr_vaddr, ph_size, 8);
    for (unsigned i = 0; i < in->phnum; i++, k++) {
        ph[k] = in->ph[i];
        if (load_table && ph[k].p_type == SEL4C_PT_PHDR)
            ph[k] = table_entry(SEL4C_PT_PHDR, ph_off, opts->phdr_vaddr, ph_size, 8);
    }
    uint64_t off = align_up(in->size, 8);
    for (unsigned i = 0; i < n; i++) {
        const sel4c_elf_segment_t *s = &segs[i];
        uint64_t at = 0;
        if (s->filesz) {
            at = off = congruent(off, s->vaddr, page);
            elf_copy(o + at, s->data, s->filesz);
            off += s->filesz;
        }
        ph[k++] = (sel4c_elf64_phdr_t){
            s->type,  s->flags,  at,       s->vaddr,
            s->paddr, s->filesz, s->memsz, s->type == SEL4C_PT_LOAD ? page : 8};
    }
    if (load_table)
        ph[k++] = table_entry(SEL4C_PT_LOAD, ph_off, opts->phdr_vaddr, ph_size, page);
    sort_loads(ph, k);

    sel4c_elf64_ehdr_t *eh = (sel4c_elf64_ehdr_t *)o;
    eh->e_phoff = ph_off;
    eh->e_phnum = (uint16_t)phnum;
    eh->e_phentsize = sizeof(sel4c_elf64_phdr_t);
    *out_len = total;
    return SEL4C_ELF_OK;
}

sel4c_elf_err_t sel4c_elf_patch_symbol(void *image, uint64_t len, uint16_t machine,
                                       const char *name, const void *value, uint64_t size,
                                       sel4c_elf_detail_t *d)
{
    sel4c_elf_t elf;
    sel4c_elf64_sym_t sym;
    uint64_t off;
    sel4c_elf_err_t err = sel4c_elf_open(&elf, image, len, machine, d);
    if (err)
        return err;
    if ((err = sel4c_elf_symbol(&elf, name, &sym)) != SEL4C_ELF_OK)
        return fail(d, err, 0, 0, 0);
    if (sym.st_size < size)
        return fail(d, SEL4C_ELF_SYMBOL_SIZE, 0, sym.st_value, sym.st_size);
    if ((err = sel4c_elf_file_offset(&elf, sym.st_value, size, &off)) != SEL4C_ELF_OK)
        return fail(d, err, 0, sym.st_value, size);
    elf_copy((uint8_t *)image + off, value, size);
    return SEL4C_ELF_OK;
}
