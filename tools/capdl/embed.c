/* Embedding a spec into the CapDL initializer's ELF (see embed.h). */
#include "embed.h"

#include <stdlib.h>
#include <string.h>

#include "../../formats/elf/elf.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"

/* The highest address the ELF's loadable segments use. */
static uint64_t image_end(const sel4c_elf_t *elf)
{
    uint64_t end = 0;
    for (unsigned i = 0; i < elf->phnum; i++)
        if (elf->ph[i].p_type == SEL4C_PT_LOAD && elf->ph[i].p_vaddr + elf->ph[i].p_memsz > end)
            end = elf->ph[i].p_vaddr + elf->ph[i].p_memsz;
    return end;
}

bool cdl_embed(const cdl_spec_t *s, const cdl_embed_opts_t *o, cdl_embed_result_t *r)
{
    memset(r, 0, sizeof *r);
    size_t size;
    uint8_t *data = read_file_all(o->initializer, &size);
    if (!data)
        return false;
    sel4c_elf_t elf;
    sel4c_elf_detail_t d = {0};
    sel4c_elf64_sym_t sym;
    bool ok = false;
    strbuf_t blob = STRBUF_INIT, pages = STRBUF_INIT;
    uint8_t *out = NULL;
    sel4c_elf_err_t err0 = sel4c_elf_open(&elf, data, size, SEL4C_EM_AARCH64, &d);
    if (err0 != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0, "not an AArch64 ELF file: %s (%s %llu)",
                   sel4c_elf_strerror(err0), d.table ? d.table : "", (unsigned long long)d.index);
        goto done;
    }
    if (sel4c_elf_symbol(&elf, "sel4c_capdl_spec_location", &sym) != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0,
                   "not a sel4c CapDL initializer (no symbol sel4c_capdl_spec_location)");
        goto done;
    }
    uint64_t base = (image_end(&elf) + 4095) & ~UINT64_C(4095);
    cdl_write_opts_t wo = {.files_dir = o->files_dir,
                           .sizes = o->sizes,
                           .compress = o->compress,
                           .zero_copy_base = o->zero_copy ? base : 0};
    if (!cdl_write_binary(s, &wo, &blob, &pages, &r->stats))
        goto done;
    uint64_t spec_vaddr = base + pages.len;
    sel4c_elf_segment_t segs[2];
    unsigned n = 0;
    if (pages.len)
        segs[n++] = (sel4c_elf_segment_t){
            SEL4C_PT_LOAD, SEL4C_PF_R | SEL4C_PF_W, base, base, pages.data, pages.len, pages.len};
    segs[n++] = (sel4c_elf_segment_t){SEL4C_PT_LOAD, SEL4C_PF_R, spec_vaddr, spec_vaddr,
                                      blob.data,     blob.len,   blob.len};
    sel4c_elf_append_opts_t ao = {.page = 4096};
    uint64_t out_size = sel4c_elf_append_size(&elf, segs, n, &ao), len;
    out = xmalloc(out_size);
    uint64_t location[2] = {spec_vaddr, blob.len};
    sel4c_elf_err_t err = sel4c_elf_append(&elf, segs, n, &ao, out, out_size, &len, &d);
    if (err == SEL4C_ELF_OK)
        err = sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "sel4c_capdl_spec_location",
                                     location, sizeof location, &d);
    if (err == SEL4C_ELF_OK)
        err = sel4c_elf_patch_symbol(out, len, SEL4C_EM_AARCH64, "sel4c_capdl_log_level",
                                     &o->log_level, sizeof o->log_level, &d);
    if (err != SEL4C_ELF_OK) {
        diag_error(o->initializer, 0, "cannot embed the spec: %s (%s %llu)",
                   sel4c_elf_strerror(err), d.table ? d.table : "", (unsigned long long)d.index);
        goto done;
    }
    r->image = out;
    r->size = len;
    r->spec_vaddr = spec_vaddr;
    r->spec_size = blob.len;
    out = NULL;
    ok = true;
done:
    free(out);
    sb_free(&blob);
    sb_free(&pages);
    free(data);
    return ok;
}
