/* Physical memory as sel4c-sysbuild plans it (see layout.h). */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "../../formats/fdt/fdt.h"
#include "../add-payload/platform.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"

static bool needs_fixed_paddr(const sb_system_t *sys, size_t mr)
{
    for (size_t i = 0; i < sys->npds; i++)
        for (size_t p = 0; p < sys->pds[i].npatches; p++)
            if (sys->pds[i].patches[p].kind == SB_PATCH_PADDR && sys->pds[i].patches[p].mr == mr)
                return true;
    return false;
}

bool sb_layout_init(sb_layout_t *l, const sb_system_t *sys, const sb_kernel_t *k,
                    const sb_build_opts_t *o)
{
    memset(l, 0, sizeof *l);
    l->mr_paddr = xcalloc(sys->nmrs + 1, sizeof *l->mr_paddr);
    strbuf_t platform = STRBUF_INIT, dtb = STRBUF_INIT;
    sb_printf(&platform, "%s/support/platform_gen.yaml", o->sel4_prefix);
    if (o->dtb)
        sb_put(&dtb, o->dtb);
    else
        sb_printf(&dtb, "%s/support/kernel.dtb", o->sel4_prefix);
    plan_input_t *in = &l->plan_in;
    in->platform_name = xstrdup(sb_str(&platform));
    in->dtb_name = xstrdup(sb_str(&dtb));
    in->kernel_at_el2 = k->hyp;
    in->num_nodes = k->num_nodes;
    size_t dtb_size;
    bool ok = platform_load(in->platform_name, &in->platform) &&
              (l->dtb = read_file_all(in->dtb_name, &dtb_size)) != NULL;
    sb_free(&platform);
    sb_free(&dtb);
    if (!ok)
        return false;
    in->dtb = l->dtb;
    in->dtb_size = dtb_size;

    const platform_t *pf = &in->platform;
    if (!pf->nmemory) {
        diag_error(in->platform_name, 0, "the platform has no memory");
        return false;
    }
    const platform_region_t *top = &pf->memory[0];
    for (unsigned i = 1; i < pf->nmemory; i++)
        if (pf->memory[i].end > top->end)
            top = &pf->memory[i];
    uint64_t next = top->end - SB_LAYOUT_TOP_RESERVE;
    for (size_t m = 0; m < sys->nmrs; m++) {
        const sb_mr_t *mr = &sys->mrs[m];
        if (mr->has_paddr) {
            l->mr_paddr[m] = mr->paddr;
            continue;
        }
        if (!needs_fixed_paddr(sys, m))
            continue;
        uint64_t at = (next - mr->size) & ~(mr->page_size - 1);
        if (mr->size > next - top->start || at < top->start) {
            diag_error_at(sys->path, mr->loc.line, mr->loc.col,
                          "memory region `%s` (0x%llx bytes) does not fit below 0x%llx", mr->name,
                          (unsigned long long)mr->size, (unsigned long long)next);
            return false;
        }
        l->mr_paddr[m] = next = at;
    }
    (void)k;
    return true;
}

bool sb_layout_check(const sb_layout_t *l, const sb_system_t *sys, const plan_output_t *plan)
{
    const sel4c_loader_payload_t *p = &plan->payload;
    bool ok = true;
    for (size_t m = 0; m < sys->nmrs; m++) {
        uint64_t lo = l->mr_paddr[m], hi = lo + sys->mrs[m].size;
        if (!lo)
            continue;
        for (uint32_t i = 0; i < p->num_regions; i++) {
            const sel4c_loader_region_t *r = &p->regions[i];
            uint64_t end = r->dest + r->copy_size + r->zero_size;
            if (lo < end && r->dest < hi) {
                diag_error_at(sys->path, sys->mrs[m].loc.line, sys->mrs[m].loc.col,
                              "memory region `%s` at [0x%llx, 0x%llx) overlaps what the boot image "
                              "places at [0x%llx, 0x%llx)",
                              sys->mrs[m].name, (unsigned long long)lo, (unsigned long long)hi,
                              (unsigned long long)r->dest, (unsigned long long)end);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

void sb_layout_free(sb_layout_t *l)
{
    free((char *)l->plan_in.platform_name);
    free((char *)l->plan_in.dtb_name);
    free(l->dtb);
    free(l->mr_paddr);
    memset(l, 0, sizeof *l);
}
