/*
 * Program images: each PD's ELF found in the search path and opened, and the rules that
 * need it: mappings and the stack clear of its segments, every symbol the builder patches
 * present with the size it writes.
 */
#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "errors.h"
#include "search.h"
#include "system.h"

#define ULL(x) ((unsigned long long)(x))

/* Opens an AArch64 ELF, with the detail sel4c-add-payload gives, at the place naming it. */
static bool open_elf(sb_errors_t *err, sb_loc_t at, const char *path, const uint8_t *data,
                     size_t size, sel4c_elf_t *elf)
{
    sel4c_elf_detail_t d = {0};
    sel4c_elf_err_t e = sel4c_elf_open(elf, data, size, SEL4C_EM_AARCH64, &d);
    if (e == SEL4C_ELF_OK)
        return true;
    if (e == SEL4C_ELF_BAD_MACHINE)
        sb_err(err, at, "%s: %s (machine %llu, not AArch64)", path, sel4c_elf_strerror(e),
               ULL(d.size));
    else if (d.table && strcmp(d.table, "file") != 0 && strcmp(d.table, "ELF header") != 0)
        sb_err(err, at, "%s: %s (%s %llu, offset 0x%llx, size 0x%llx)", path, sel4c_elf_strerror(e),
               d.table, ULL(d.index), ULL(d.offset), ULL(d.size));
    else
        sb_err(err, at, "%s: %s", path, sel4c_elf_strerror(e));
    return false;
}

/* Finds, reads and opens one ELF named at `at`; false (reported) on any failure. */
static bool load_elf(sb_errors_t *err, sb_loc_t at, const char *what, const char *name,
                     const char *const *search, size_t nsearch, char **path, uint8_t **data,
                     size_t *size, sel4c_elf_t *elf)
{
    strbuf_t searched = STRBUF_INIT;
    *path = sb_search(name, search, nsearch, &searched);
    if (!*path) {
        sb_err(err, at, "%s '%s' not found (searched: %s)", what, name, sb_str(&searched));
        sb_free(&searched);
        return false;
    }
    sb_free(&searched);
    *data = read_file_all(*path, size);
    return *data && open_elf(err, at, *path, *data, *size, elf);
}

/* lo/hi: the page-rounded span of the loadable segments. */
static void span(sb_image_t *img)
{
    img->lo = UINT64_MAX;
    img->hi = 0;
    for (unsigned i = 0; i < img->elf.phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &img->elf.ph[i];
        if (ph->p_type != SEL4C_PT_LOAD || ph->p_memsz == 0)
            continue;
        uint64_t lo = ph->p_vaddr & ~UINT64_C(0xfff);
        uint64_t hi = (ph->p_vaddr + ph->p_memsz + 0xfff) & ~UINT64_C(0xfff);
        img->lo = lo < img->lo ? lo : img->lo;
        img->hi = hi > img->hi ? hi : img->hi;
    }
    if (img->lo > img->hi)
        img->lo = img->hi = 0;
}

/* The first loadable segment (page-rounded) meeting [lo, hi), or -1. */
static long segment_meeting(const sel4c_elf_t *elf, uint64_t lo, uint64_t hi, uint64_t *slo,
                            uint64_t *shi)
{
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &elf->ph[i];
        if (ph->p_type != SEL4C_PT_LOAD || ph->p_memsz == 0)
            continue;
        *slo = ph->p_vaddr & ~UINT64_C(0xfff);
        *shi = (ph->p_vaddr + ph->p_memsz + 0xfff) & ~UINT64_C(0xfff);
        if (lo < *shi && *slo < hi)
            return i;
    }
    return -1;
}

static void check_layout(sb_errors_t *err, const sb_system_t *sys, const sb_kernel_t *k,
                         const sb_pd_t *p)
{
    uint64_t slo, shi;
    for (size_t j = 0; j < p->nmaps; j++) {
        const sb_map_t *m = &p->maps[j];
        uint64_t end = m->vaddr + sys->mrs[m->mr].size;
        if (segment_meeting(&p->image.elf, m->vaddr, end, &slo, &shi) >= 0)
            sb_err(err, m->loc,
                   "map of '%s' at [0x%llx..0x%llx) overlaps a segment of '%s' at "
                   "[0x%llx..0x%llx)",
                   sys->mrs[m->mr].name, ULL(m->vaddr), ULL(end), p->image.path, ULL(slo),
                   ULL(shi));
    }
    uint64_t top = sb_ipc_buffer_vaddr(k) + 0x1000, bottom = sb_stack_top(k) - p->stack_size;
    if (segment_meeting(&p->image.elf, bottom, top, &slo, &shi) >= 0)
        sb_err(err, p->program_image_loc,
               "the stack and IPC buffer of '%s' at [0x%llx..0x%llx) overlap a segment of '%s' "
               "at [0x%llx..0x%llx)",
               p->name, ULL(bottom), ULL(top), p->image.path, ULL(slo), ULL(shi));
}

/* A symbol the builder writes `size` bytes to; false when reported missing or wrong. */
static bool symbol(sb_errors_t *err, sb_loc_t at, const sb_pd_t *p, const char *name, uint64_t size,
                   const char *why)
{
    sel4c_elf64_sym_t sym;
    if (sel4c_elf_symbol(p->image.symbols, name, &sym) != SEL4C_ELF_OK) {
        sb_err(err, at, "no symbol '%s' in the image of protection domain '%s' (%s)%s%s", name,
               p->name, p->image.symbols_path ? p->image.symbols_path : p->image.path,
               why ? ": " : "", why ? why : "");
        return false;
    }
    if (sym.st_size != size) {
        sb_err(err, at,
               "symbol '%s' in the image of protection domain '%s' is %llu bytes; it must be "
               "%llu%s%s",
               name, p->name, ULL(sym.st_size), ULL(size), why ? ": " : "", why ? why : "");
        return false;
    }
    return true;
}

static void check_symbols(sb_errors_t *err, const sb_pd_t *p)
{
    static const struct {
        const char *name;
        uint64_t size;
    } microkit[] = {{"microkit_irqs", 8},
                    {"microkit_notifications", 8},
                    {"microkit_pps", 8},
                    {"microkit_passive", 1}};
    sel4c_elf64_sym_t sym;
    sb_loc_t at = p->program_image_loc;
    if (sel4c_elf_symbol(p->image.symbols, "microkit_name", &sym) != SEL4C_ELF_OK) {
        sb_err(err, at, "'%s' is not a Microkit PD image (no symbol microkit_name)",
               p->image.symbols_path ? p->image.symbols_path : p->image.path);
        return;
    }
    symbol(err, at, p, "microkit_name", 64, "libmicrokit's char microkit_name[64]");
    for (size_t i = 0; i < sizeof microkit / sizeof microkit[0]; i++)
        symbol(err, at, p, microkit[i].name, microkit[i].size,
               "libmicrokit's, patched by the builder");
    for (size_t i = 0; i < p->npatches; i++)
        symbol(err, p->patches[i].loc, p, p->patches[i].symbol, 8, "setvar writes 8 bytes");
}

unsigned sb_load_images(sb_system_t *sys, const sb_kernel_t *k, const char *const *search,
                        size_t nsearch)
{
    sb_errors_t err = {.path = sys->path};
    int before = diag_count();
    for (size_t i = 0; i < sys->npds; i++) {
        sb_pd_t *p = &sys->pds[i];
        sb_image_t *img = &p->image;
        if (!load_elf(&err, p->program_image_loc, "program image", p->program_image, search,
                      nsearch, &img->path, &img->data, &img->size, &img->elf))
            continue;
        span(img);
        img->symbols = &img->elf;
        if (p->path_for_symbols) {
            if (!load_elf(&err, p->program_image_loc, "program image for symbols",
                          p->path_for_symbols, search, nsearch, &img->symbols_path,
                          &img->symbols_data, &img->symbols_size, &img->symbols_elf))
                continue;
            img->symbols = &img->symbols_elf;
        }
        check_layout(&err, sys, k, p);
        check_symbols(&err, p);
    }
    sb_errors_flush(&err);
    return (unsigned)(diag_count() - before);
}
