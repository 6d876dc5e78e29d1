/* The build report (see report.h). */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../capdl/print.h"
#include "spec.h"

static const char *const perm_names[] = {"", "r", "w", "rw", "x", "rx", "wx", "rwx"};

/* What a PD's slot holds, as the report names it. */
static const char *slot_role(uint32_t slot)
{
    switch (slot) {
    case SB_INPUT_CAP: return "input";
    case SB_FAULT_EP_CAP: return "fault endpoint";
    case SB_VSPACE_CAP: return "vspace";
    case SB_REPLY_CAP: return "reply";
    case SB_MONITOR_EP_CAP: return "monitor";
    case SB_TCB_CAP: return "own tcb";
    case SB_SMC_CAP: return "smc";
    }
    if (slot >= SB_BASE_CHILD_TCB)
        return "child tcb";
    if (slot >= SB_BASE_IRQ)
        return "irq";
    if (slot >= SB_BASE_ENDPOINT)
        return "pp endpoint";
    if (slot >= SB_BASE_OUTPUT_NTFN)
        return "notify";
    return "?";
}

static void pd_caps(strbuf_t *out, const cdl_spec_t *spec, long cnode)
{
    sb_put(out, "  caps (slot: role, object):\n");
    if (cnode < 0)
        return;
    const cdl_obj_t *o = &spec->objs[cnode];
    for (size_t c = 0; c < o->ncaps; c++) {
        const sel4c_capdl_cap_t *cap = &o->caps[c].c;
        char rights[8];
        cdl_rights_to_text(cap, rights);
        sb_printf(out, "    %3u: %-15s %s", cap->slot, slot_role(cap->slot),
                  spec->objs[cap->object].name);
        if (rights[0])
            sb_printf(out, " (%s)", rights);
        if (cap->badge && spec->objs[cap->object].o.type != SEL4C_CAPDL_CNODE)
            sb_printf(out, " badge 0x%llx", (unsigned long long)cap->badge);
        sb_put(out, "\n");
    }
}

/* Frames and page tables whose names start with the PD's object prefix. */
static void pd_memory(strbuf_t *out, const cdl_spec_t *spec, const char *prefix)
{
    size_t plen = strlen(prefix), frames = 0, tables = 0;
    for (size_t i = 0; i < spec->nobjs; i++) {
        const cdl_obj_t *o = &spec->objs[i];
        if (strncmp(o->name, prefix, plen) || o->name[plen] != '.')
            continue;
        frames += o->o.type == SEL4C_CAPDL_FRAME;
        tables += o->o.type == SEL4C_CAPDL_PAGE_TABLE;
    }
    sb_printf(out,
              "  memory: %zu KiB in %zu frames of its own (image, stack, IPC buffer), %zu "
              "page tables (%zu KiB)\n",
              frames * 4, frames, tables, tables * 4);
}

static void report_pd(strbuf_t *out, const sb_system_t *sys, size_t i, const cdl_spec_t *spec)
{
    const sb_pd_t *pd = &sys->pds[i];
    sb_printf(out, "\nProtection domain `%s` (index %zu)\n", pd->name, i);
    sb_printf(out, "  priority %u, budget %llu us, period %llu us, %s, cpu %u, stack 0x%llx\n",
              pd->priority, (unsigned long long)pd->budget, (unsigned long long)pd->period,
              pd->passive ? "passive" : "active", pd->cpu, (unsigned long long)pd->stack_size);
    if (pd->parent >= 0)
        sb_printf(out, "  child %u of `%s`\n", pd->child_id, sys->pds[pd->parent].name);
    sb_printf(out, "  program %s: [0x%llx, 0x%llx)\n", pd->image.path,
              (unsigned long long)pd->image.lo, (unsigned long long)pd->image.hi);
    pd_caps(out, spec, sb_pd_object(spec, pd->name, "cnode"));
    for (size_t m = 0; m < pd->nmaps; m++) {
        const sb_map_t *map = &pd->maps[m];
        const sb_mr_t *mr = &sys->mrs[map->mr];
        sb_printf(out, "  map %-16s [0x%llx, 0x%llx) %s%s\n", mr->name,
                  (unsigned long long)map->vaddr, (unsigned long long)(map->vaddr + mr->size),
                  perm_names[map->perms & 7], map->cached ? "" : " uncached");
    }
    for (size_t c = 0; c < sys->nchannels; c++)
        for (int e = 0; e < 2; e++) {
            const sb_end_t *me = &sys->channels[c].end[e], *peer = &sys->channels[c].end[1 - e];
            if (me->pd == i)
                sb_printf(out, "  channel %u -> `%s` (its channel %u)%s%s\n", me->id,
                          sys->pds[peer->pd].name, peer->id, me->pp ? ", pp" : "",
                          me->notify ? ", notify" : "");
        }
    for (size_t q = 0; q < pd->nirqs; q++)
        sb_printf(out, "  irq %llu on channel %u (%s)\n", (unsigned long long)pd->irqs[q].irq,
                  pd->irqs[q].id, pd->irqs[q].trigger == SB_TRIGGER_EDGE ? "edge" : "level");
    for (size_t v = 0; v < pd->npatches; v++)
        sb_printf(out, "  setvar %s\n", pd->patches[v].symbol);
    char prefix[300];
    long tcb = sb_pd_object(spec, pd->name, "tcb");
    if (tcb >= 0) {
        snprintf(prefix, sizeof prefix, "%s", spec->objs[tcb].name);
        prefix[strlen(prefix) - 4] = 0; /* without ".tcb" */
        pd_memory(out, spec, prefix);
    }
}

void sb_report(strbuf_t *out, const sb_system_t *sys, const sb_kernel_t *k, const cdl_spec_t *spec,
               const sel4c_capdl_sizes_t *z, const sb_layout_t *layout, const plan_output_t *plan,
               const cdl_embed_result_t *embedded, uint64_t image_size)
{
    sb_printf(out, "sel4c-sysbuild report for %s\n", sys->path);
    sb_printf(out, "Kernel: %s, %s, %u core%s, %u-level VSpaces, user addresses up to 0x%llx\n",
              k->mcs ? "MCS" : "not MCS", k->hyp ? "hypervisor" : "no hypervisor", k->num_nodes,
              k->num_nodes == 1 ? "" : "s", k->levels, (unsigned long long)k->user_top);
    for (size_t i = 0; i < sys->npds; i++)
        report_pd(out, sys, i, spec);

    sb_put(out, "\nMemory regions\n");
    for (size_t m = 0; m < sys->nmrs; m++) {
        const sb_mr_t *mr = &sys->mrs[m];
        sb_printf(out, "  %-16s 0x%llx bytes in %s pages, ", mr->name, (unsigned long long)mr->size,
                  mr->page_size == 0x1000 ? "4 KiB" : "2 MiB");
        if (layout->mr_paddr[m])
            sb_printf(out, "physical [0x%llx, 0x%llx)%s\n", (unsigned long long)layout->mr_paddr[m],
                      (unsigned long long)(layout->mr_paddr[m] + mr->size),
                      mr->has_paddr ? "" : " (chosen at build time: a PD asks for its address)");
        else
            sb_put(out, "placed at boot by the initializer\n");
    }

    sb_put(out, "\nCapDL spec\n");
    cdl_stats(out, spec, z);
    sb_printf(out,
              "  binary spec %llu bytes; %llu frames from the initializer's image (zero "
              "copy); fill data %llu bytes stored as %llu\n",
              (unsigned long long)embedded->spec_size,
              (unsigned long long)embedded->stats.zero_copy_frames,
              (unsigned long long)embedded->stats.fill_bytes,
              (unsigned long long)embedded->stats.stored_bytes);

    const sel4c_loader_payload_t *p = &plan->payload;
    sb_put(out, "\nBoot image\n");
    sb_printf(out,
              "  %llu bytes; kernel at 0x%llx, initializer [0x%llx, 0x%llx), device tree at "
              "0x%llx (%llu bytes), payload header at 0x%llx\n",
              (unsigned long long)image_size, (unsigned long long)p->kernel_paddr,
              (unsigned long long)p->user_paddr_start, (unsigned long long)p->user_paddr_end,
              (unsigned long long)p->dtb_paddr, (unsigned long long)p->dtb_size,
              (unsigned long long)plan->payload_paddr);
}
