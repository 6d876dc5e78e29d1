/* Writing the values the system gives a program into its image (see patch.h). */
#include "patch.h"

#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "spec.h"

#define NT_GNU_BUILD_ID 3

void sb_patched_init(sb_patched_t *p, const sb_image_t *image)
{
    memset(p, 0, sizeof *p);
    p->data = xmalloc(image->size ? image->size : 1);
    memcpy(p->data, image->data, image->size);
    p->size = image->size;
}

bool sb_patched_set(sb_patched_t *p, const sb_image_t *image, const char *symbol, const void *value,
                    size_t len, const char *where, sb_loc_t loc)
{
    sel4c_elf64_sym_t sym;
    if (sel4c_elf_symbol(image->symbols, symbol, &sym) != SEL4C_ELF_OK || sym.st_size < len) {
        diag_error_at(where, loc.line, loc.col, "%s: no %zu-byte symbol `%s` to set", image->path,
                      len, symbol);
        return false;
    }
    uint64_t off;
    if (sel4c_elf_file_offset(&image->elf, sym.st_value, len, &off) == SEL4C_ELF_OK) {
        memcpy(p->data + off, value, len);
        return true;
    }
    /* No file bytes (.bss): the value reaches the frame as a fill of its own. */
    p->bss = xrealloc(p->bss, (p->nbss + 1) * sizeof *p->bss);
    p->bss[p->nbss++] = (sb_bss_value_t){sym.st_value, p->blob.len, (uint32_t)len};
    sb_putn(&p->blob, value, len);
    return true;
}

/* The value a setvar gives its symbol. */
static uint64_t patch_value(const sb_system_t *sys, const sb_layout_t *layout, const sb_patch_t *pt)
{
    switch (pt->kind) {
    case SB_PATCH_SIZE: return sys->mrs[pt->mr].size;
    case SB_PATCH_PREFILL_SIZE: return sys->mrs[pt->mr].prefill_size;
    case SB_PATCH_PADDR: return layout->mr_paddr[pt->mr];
    case SB_PATCH_VADDR:
    case SB_PATCH_ID: break;
    }
    return pt->value;
}

bool sb_patch_pd(const sb_system_t *sys, size_t i, const sb_layout_t *layout, sb_patched_t *p)
{
    const sb_pd_t *pd = &sys->pds[i];
    const sb_image_t *img = &pd->image;
    sb_patched_init(p, img);
    uint64_t irqs = 0, notifications = 0, pps = 0;
    for (size_t q = 0; q < pd->nirqs; q++)
        irqs |= UINT64_C(1) << pd->irqs[q].id;
    for (size_t c = 0; c < sys->nchannels; c++)
        for (int e = 0; e < 2; e++) {
            const sb_end_t *end = &sys->channels[c].end[e];
            if (end->pd != i)
                continue;
            notifications |= end->notify ? UINT64_C(1) << end->id : 0;
            pps |= end->pp ? UINT64_C(1) << end->id : 0;
        }
    char name[64] = {0};
    strncpy(name, pd->name, sizeof name - 1);
    uint8_t passive = pd->passive;
    const char *path = sys->path;
    bool ok = sb_patched_set(p, img, "microkit_name", name, sizeof name, path, pd->loc) &&
              sb_patched_set(p, img, "microkit_irqs", &irqs, 8, path, pd->loc) &&
              sb_patched_set(p, img, "microkit_notifications", &notifications, 8, path, pd->loc) &&
              sb_patched_set(p, img, "microkit_pps", &pps, 8, path, pd->loc) &&
              sb_patched_set(p, img, "microkit_passive", &passive, 1, path, pd->loc);
    /* sel4c's runtime also wants to know its children, to refuse a bad child id before the
     * system call, and where its console is (a Microkit image has neither symbol). */
    uint64_t children = 0;
    sel4c_elf64_sym_t sym;
    for (size_t c = 0; c < sys->npds; c++)
        if (sys->pds[c].parent == (long)i)
            children |= UINT64_C(1) << sys->pds[c].child_id;
    if (ok && sel4c_elf_symbol(img->symbols, "sel4c_microkit_children", &sym) == SEL4C_ELF_OK)
        ok = sb_patched_set(p, img, "sel4c_microkit_children", &children, 8, path, pd->loc);
    uint64_t console = SB_CONSOLE_CAP;
    if (ok && sel4c_elf_symbol(img->symbols, "sel4c_microkit_console", &sym) == SEL4C_ELF_OK)
        ok = sb_patched_set(p, img, "sel4c_microkit_console", &console, 8, path, pd->loc);
    for (size_t v = 0; ok && v < pd->npatches; v++) {
        uint64_t value = patch_value(sys, layout, &pd->patches[v]);
        ok = sb_patched_set(p, img, pd->patches[v].symbol, &value, sizeof value, path,
                            pd->patches[v].loc);
    }
    return ok;
}

size_t sb_build_id(const sel4c_elf_t *elf, uint8_t *out, size_t max)
{
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &elf->ph[i];
        if (ph->p_type != SEL4C_PT_NOTE)
            continue;
        const uint8_t *n = sel4c_elf_segment_data(elf, i), *end = n + ph->p_filesz;
        while (n && end - n >= 12) {
            uint32_t namesz, descsz, type;
            memcpy(&namesz, n, 4);
            memcpy(&descsz, n + 4, 4);
            memcpy(&type, n + 8, 4);
            uint64_t nlen = (namesz + 3u) & ~3u, dlen = (descsz + 3u) & ~3u;
            if ((uint64_t)(end - n - 12) < nlen + dlen)
                break;
            if (type == NT_GNU_BUILD_ID && namesz == 4 && !memcmp(n + 12, "GNU", 4)) {
                size_t len = descsz < max ? descsz : max;
                memcpy(out, n + 12 + nlen, len);
                return len;
            }
            n += 12 + nlen + dlen;
        }
    }
    return 0;
}

void sb_patched_free(sb_patched_t *p)
{
    free(p->data);
    free(p->bss);
    sb_free(&p->blob);
    memset(p, 0, sizeof *p);
}
