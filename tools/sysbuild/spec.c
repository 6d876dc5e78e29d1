/* From a checked system to its CapDL spec (see spec.h). */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../programs/monitor/monitor_abi.h"
#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "vspace.h"

#define PRIO_MONITOR 255
#define SC_BITS      8 /* a scheduling context with room for a few refills */

/* The objects of one PD (or of the monitor) that others refer to. */
typedef struct pd_objs {
    char *prefix;                                 /* object name prefix */
    long tcb, cspace, cnode, ntfn, ep, reply, sc; /* object indices; -1: none */
    sb_vspace_t vs;
} pd_objs_t;

typedef struct ctx {
    const sb_system_t *sys;
    const sb_kernel_t *k;
    const sb_spec_files_t *files;
    cdl_spec_t *s;
    pd_objs_t *pds, mon;
    long smc;       /* the SMC capability's object, when a PD may make SMC calls; else -1 */
    long *mr_first; /* per MR: its first frame; the others follow in order */
} ctx_t;

bool sb_pd_needs_endpoint(const sb_system_t *sys, size_t pd)
{
    if (sys->pds[pd].passive)
        return true;
    for (size_t i = 0; i < sys->npds; i++)
        if (sys->pds[i].parent == (long)pd)
            return true;
    for (size_t c = 0; c < sys->nchannels; c++)
        for (int e = 0; e < 2; e++)
            if (sys->channels[c].end[e].pp && sys->channels[c].end[1 - e].pd == pd)
                return true;
    return false;
}

/* Object names: the PD's name with anything the CapDL text language does not take as `_`. */
static char *name_prefix(const char *kind, const char *name)
{
    strbuf_t b = STRBUF_INIT;
    sb_printf(&b, "%s", kind);
    for (const char *p = name; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
        sb_printf(&b, "%c", ok ? c : '_');
    }
    return xstrdup(sb_str(&b));
}

static long add(ctx_t *x, const char *prefix, const char *what, unsigned type, unsigned bits)
{
    char name[512];
    snprintf(name, sizeof name, "%s.%s", prefix, what);
    long obj = cdl_add_object(x->s, name, 0);
    if (obj >= 0) {
        x->s->objs[obj].o.type = (uint8_t)type;
        x->s->objs[obj].o.size_bits = (uint8_t)bits;
    }
    return obj;
}

/* add() into `*out`; false (reported) if the name is taken. */
static bool add_to(ctx_t *x, long *out, const char *prefix, const char *what, unsigned type,
                   unsigned bits)
{
    *out = add(x, prefix, what, type, bits);
    return *out >= 0;
}

/* Puts a cap to `obj` into slot `slot` of CNode `cnode`. */
static sel4c_capdl_cap_t *put(ctx_t *x, long cnode, uint32_t slot, long obj, uint8_t rights,
                              uint64_t badge)
{
    cdl_cap_t *c = cdl_add_cap(x->s, (size_t)cnode, 0);
    c->c.slot = slot;
    c->c.object = (uint32_t)obj;
    c->c.rights = rights;
    c->c.badge = badge;
    return &c->c;
}

/* A TCB slot (cspace, vspace, ...) of `tcb`. */
static sel4c_capdl_cap_t *tcb_slot(ctx_t *x, long tcb, unsigned slot, long obj)
{
    return put(x, tcb, slot, obj, 0, 0);
}

static void add_fill(cdl_obj_t *o, uint64_t dest, uint64_t len, const char *file, uint64_t off)
{
    o->fills = xrealloc(o->fills, (o->nfills + 1) * sizeof *o->fills);
    o->fills[o->nfills++] = (cdl_fill_t){.dest_offset = (uint32_t)dest,
                                         .length = (uint32_t)len,
                                         .source = CDL_FILL_FILE,
                                         .file = xstrdup(file),
                                         .file_offset = off};
}

/* The fills and rights of the image page at `page`: the file bytes of every segment on it,
 * then the values of .bss symbols on it (from `values`, when given). */
static unsigned fill_page(cdl_obj_t *o, const sel4c_elf_t *elf, uint64_t page, const char *file,
                          const sb_patched_t *patched, const char *values)
{
    unsigned perms = 0;
    for (unsigned j = 0; j < elf->phnum; j++) {
        const sel4c_elf64_phdr_t *q = &elf->ph[j];
        if (q->p_type != SEL4C_PT_LOAD || q->p_vaddr >= page + 0x1000 ||
            q->p_vaddr + q->p_memsz <= page)
            continue;
        perms |= SB_PERM_R | ((q->p_flags & SEL4C_PF_W) ? SB_PERM_W : 0) |
                 ((q->p_flags & SEL4C_PF_X) ? SB_PERM_X : 0);
        uint64_t s = q->p_vaddr > page ? q->p_vaddr : page;
        uint64_t e =
            q->p_vaddr + q->p_filesz < page + 0x1000 ? q->p_vaddr + q->p_filesz : page + 0x1000;
        if (s < e)
            add_fill(o, s - page, e - s, file, q->p_offset + (s - q->p_vaddr));
    }
    for (size_t v = 0; patched && v < patched->nbss; v++) {
        const sb_bss_value_t *b = &patched->bss[v];
        uint64_t s = b->vaddr > page ? b->vaddr : page;
        uint64_t e = b->vaddr + b->len < page + 0x1000 ? b->vaddr + b->len : page + 0x1000;
        if (s < e)
            add_fill(o, s - page, e - s, values, b->blob_offset + (s - b->vaddr));
    }
    return perms;
}

/* Maps the loadable segments of `elf`, page by page, filled from `file` (and `values`). */
static bool map_image(ctx_t *x, pd_objs_t *p, const sel4c_elf_t *elf, const char *file,
                      const sb_patched_t *patched, const char *values)
{
    for (unsigned i = 0; i < elf->phnum; i++) {
        const sel4c_elf64_phdr_t *ph = &elf->ph[i];
        if (ph->p_type != SEL4C_PT_LOAD || !ph->p_memsz)
            continue;
        for (uint64_t page = ph->p_vaddr & ~UINT64_C(0xfff); page < ph->p_vaddr + ph->p_memsz;
             page += 0x1000) {
            char what[64], full[600];
            snprintf(what, sizeof what, "image.%llx", (unsigned long long)page);
            snprintf(full, sizeof full, "%s.%s", p->prefix, what);
            if (cdl_find(x->s, full) >= 0)
                continue; /* shared with an earlier segment */
            long frame = add(x, p->prefix, what, SEL4C_CAPDL_FRAME, 12);
            if (frame < 0)
                return false;
            unsigned perms = fill_page(&x->s->objs[frame], elf, page, file, patched, values);
            if (!sb_vspace_map(&p->vs, page, (size_t)frame, perms, true))
                return false;
        }
    }
    return true;
}

/* `count` fresh 4 KiB frames mapped read-write from `vaddr` up. */
static bool map_fresh(ctx_t *x, pd_objs_t *p, const char *what, uint64_t vaddr, uint64_t count)
{
    for (uint64_t i = 0; i < count; i++) {
        char name[64];
        snprintf(name, sizeof name, count == 1 ? "%s" : "%s.%llu", what, (unsigned long long)i);
        long frame = add(x, p->prefix, name, SEL4C_CAPDL_FRAME, 12);
        if (frame < 0 ||
            !sb_vspace_map(&p->vs, vaddr + 0x1000 * i, (size_t)frame, SB_PERM_R | SB_PERM_W, true))
            return false;
    }
    return true;
}

static unsigned log2_exact(uint64_t v)
{
    unsigned b = 0;
    while ((UINT64_C(1) << b) < v)
        b++;
    return b;
}

/* The memory regions' frames, at their physical addresses when they have one. */
static bool make_regions(ctx_t *x)
{
    for (size_t m = 0; m < x->sys->nmrs; m++) {
        const sb_mr_t *mr = &x->sys->mrs[m];
        char *prefix = name_prefix("mr.", mr->name);
        uint64_t n = mr->size / mr->page_size, filled = mr->prefill_size;
        const char *prefill = x->files->mr_prefills[m];
        for (uint64_t i = 0; i < n; i++) {
            char what[32];
            snprintf(what, sizeof what, "%llu", (unsigned long long)i);
            long f = add(x, prefix, what, SEL4C_CAPDL_FRAME, log2_exact(mr->page_size));
            if (f < 0) {
                free(prefix);
                return false;
            }
            if (i == 0)
                x->mr_first[m] = f;
            cdl_obj_t *o = &x->s->objs[f];
            if (x->files->mr_paddr[m]) {
                o->o.flags |= SEL4C_CAPDL_OBJ_PADDR;
                o->o.paddr = x->files->mr_paddr[m] + i * mr->page_size;
            }
            uint64_t off = i * mr->page_size;
            if (prefill && off < filled) {
                uint64_t len = filled - off < mr->page_size ? filled - off : mr->page_size;
                add_fill(o, 0, len, prefill, off);
            }
        }
        free(prefix);
    }
    return true;
}

/* TCB, CSpace, VSpace, notification, endpoint, reply and SC of PD `i`. */
static bool make_pd(ctx_t *x, size_t i)
{
    const sb_pd_t *pd = &x->sys->pds[i];
    const sb_kernel_t *k = x->k;
    pd_objs_t *p = &x->pds[i];
    p->prefix = name_prefix("", pd->name);
    p->ep = p->reply = p->sc = -1; /* -1: the PD has none */
    if (!add_to(x, &p->tcb, p->prefix, "tcb", SEL4C_CAPDL_TCB, 0) ||
        !add_to(x, &p->cspace, p->prefix, "cspace", SEL4C_CAPDL_CNODE, SB_PD_ROOT_BITS) ||
        !add_to(x, &p->cnode, p->prefix, "cnode", SEL4C_CAPDL_CNODE, SB_PD_CNODE_BITS) ||
        !add_to(x, &p->ntfn, p->prefix, "notification", SEL4C_CAPDL_NOTIFICATION, 0) ||
        (sb_pd_needs_endpoint(x->sys, i) &&
         !add_to(x, &p->ep, p->prefix, "endpoint", SEL4C_CAPDL_ENDPOINT, 0)) ||
        (k->mcs && (!add_to(x, &p->reply, p->prefix, "reply", SEL4C_CAPDL_REPLY, 0) ||
                    !add_to(x, &p->sc, p->prefix, "sc", SEL4C_CAPDL_SCHED_CONTEXT, SC_BITS))) ||
        !sb_vspace_init(&p->vs, x->s, p->prefix, k->levels))
        return false;
    uint64_t ipc = sb_ipc_buffer_vaddr(k), stack_top = sb_stack_top(k);
    if (!map_image(x, p, &pd->image.elf, x->files->pd_images[i], &x->files->pd_patched[i],
                   x->files->pd_values[i]) ||
        !map_fresh(x, p, "stack", stack_top - pd->stack_size, pd->stack_size / 0x1000) ||
        !map_fresh(x, p, "ipc", ipc, 1))
        return false;
    for (size_t m = 0; m < pd->nmaps; m++) {
        const sb_map_t *map = &pd->maps[m];
        const sb_mr_t *mr = &x->sys->mrs[map->mr];
        for (uint64_t f = 0; f < mr->size / mr->page_size; f++)
            if (!sb_vspace_map(&p->vs, map->vaddr + f * mr->page_size,
                               (size_t)(x->mr_first[map->mr] + (long)f), map->perms, map->cached))
                return false;
    }

    cdl_obj_t *tcb = &x->s->objs[p->tcb];
    tcb->tcb.ip = pd->image.elf.eh->e_entry;
    tcb->tcb.sp = stack_top;
    tcb->tcb.ipc_buffer_addr = ipc;
    tcb->tcb.priority = tcb->tcb.max_priority = (uint8_t)pd->priority;
    tcb->tcb.affinity = (uint8_t)pd->cpu;
    tcb->tcb.domain = pd->has_domain ? (uint8_t)pd->domain_id : 0;
    /* The process contract's registers, though libmicrokit's start-up needs none of them. */
    tcb->regs = xcalloc(3, sizeof *tcb->regs);
    tcb->regs[0] = ipc;
    tcb->regs[2] = SB_TCB_CAP;
    tcb->nregs = 3;
    if (!k->mcs)
        tcb->tcb.fault_ep = SB_FAULT_EP_CAP; /* a CPtr in the PD's own CSpace */
    if (k->mcs) {
        cdl_obj_t *sc = &x->s->objs[p->sc];
        sc->sc.budget = pd->budget;
        sc->sc.period = pd->period;
        sc->sc.badge = i + 1;
    }
    return true;
}

/* The caps every PD holds of its own objects, and the TCB's slots. */
static void own_caps(ctx_t *x, size_t i)
{
    pd_objs_t *p = &x->pds[i];
    const sb_kernel_t *k = x->k;
    /* CPtr N resolves through root slot 0 (6 bits, no guard), then 49 guard bits of zero,
     * then 9 bits of the PD CNode: so PD slot N has CPtr N. */
    sel4c_capdl_cap_t *c = put(x, p->cspace, 0, p->cnode, 0, 0);
    c->guard_size = 64 - SB_PD_ROOT_BITS - SB_PD_CNODE_BITS;
    put(x, p->cnode, SB_INPUT_CAP, p->ep >= 0 ? p->ep : p->ntfn, SEL4C_CAPDL_RIGHTS_ALL, 0);
    put(x, p->cnode, SB_VSPACE_CAP, (long)p->vs.root, 0, 0);
    if (k->mcs)
        put(x, p->cnode, SB_REPLY_CAP, p->reply, SEL4C_CAPDL_RIGHTS_ALL, 0);
    put(x, p->cnode, SB_TCB_CAP, p->tcb, 0, 0);
    if (x->sys->pds[i].passive)
        put(x, p->cnode, SB_MONITOR_EP_CAP, x->mon.ep, SEL4C_CAPDL_RIGHTS_ALL, i + 1);
    put(x, p->cnode, SB_CONSOLE_CAP, x->mon.ep, SEL4C_CAPDL_RIGHT_WRITE,
        MONITOR_CONSOLE_BADGE | (i + 1));
    if (x->sys->pds[i].smc)
        put(x, p->cnode, SB_SMC_CAP, x->smc, 0, 0);

    tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_CSPACE, p->cspace); /* guard 0: the root resolves 6 */
    tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_VSPACE, (long)p->vs.root);
    char ipc_name[600];
    snprintf(ipc_name, sizeof ipc_name, "%s.ipc", p->prefix);
    sel4c_capdl_cap_t *ipc =
        tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_IPC_BUFFER, cdl_find(x->s, ipc_name));
    ipc->rights = SEL4C_CAPDL_RIGHT_READ | SEL4C_CAPDL_RIGHT_WRITE;
    if (p->ep >= 0)
        tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_BOUND_NOTIFICATION, p->ntfn);
    if (k->mcs)
        tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_SC, p->sc);
}

/* Faults go to the parent's endpoint (badged with the fault bit and the child's id), or to
 * the monitor's (badged with the PD's index + 1). */
static void fault_caps(ctx_t *x, size_t i)
{
    const sb_pd_t *pd = &x->sys->pds[i];
    pd_objs_t *p = &x->pds[i];
    long ep = pd->parent >= 0 ? x->pds[pd->parent].ep : x->mon.ep;
    uint64_t badge = pd->parent >= 0 ? (UINT64_C(1) << SB_BADGE_FAULT_BIT) | pd->child_id : i + 1;
    put(x, p->cnode, SB_FAULT_EP_CAP, ep, SEL4C_CAPDL_RIGHTS_ALL, badge);
    if (x->k->mcs) {
        sel4c_capdl_cap_t *c = tcb_slot(x, p->tcb, SEL4C_CAPDL_TCB_FAULT_EP, ep);
        c->rights = SEL4C_CAPDL_RIGHTS_ALL;
        c->badge = badge;
    }
    if (pd->parent >= 0)
        put(x, x->pds[pd->parent].cnode, SB_BASE_CHILD_TCB + pd->child_id, p->tcb, 0, 0);
}

static void channel_caps(ctx_t *x, const sb_channel_t *ch)
{
    for (int e = 0; e < 2; e++) {
        const sb_end_t *me = &ch->end[e], *peer = &ch->end[1 - e];
        pd_objs_t *mine = &x->pds[me->pd], *theirs = &x->pds[peer->pd];
        if (me->notify)
            put(x, mine->cnode, SB_BASE_OUTPUT_NTFN + me->id, theirs->ntfn, SEL4C_CAPDL_RIGHT_WRITE,
                UINT64_C(1) << peer->id);
        if (me->pp)
            put(x, mine->cnode, SB_BASE_ENDPOINT + me->id, theirs->ep, SEL4C_CAPDL_RIGHTS_ALL,
                (UINT64_C(1) << SB_BADGE_ENDPOINT_BIT) | peer->id);
    }
}

static bool irq_caps(ctx_t *x, size_t i)
{
    const sb_pd_t *pd = &x->sys->pds[i];
    pd_objs_t *p = &x->pds[i];
    for (size_t q = 0; q < pd->nirqs; q++) {
        const sb_irq_t *irq = &pd->irqs[q];
        char what[32];
        snprintf(what, sizeof what, "irq.%llu", (unsigned long long)irq->irq);
        long obj = add(x, p->prefix, what, SEL4C_CAPDL_IRQ, 0);
        if (obj < 0)
            return false;
        cdl_obj_t *o = &x->s->objs[obj];
        o->irq.irq = (uint32_t)irq->irq;
        o->irq.trigger = irq->trigger == SB_TRIGGER_EDGE;
        o->irq.target = (uint8_t)pd->cpu;
        o->irq_mapped = true;
        put(x, obj, 0, p->ntfn, SEL4C_CAPDL_RIGHT_WRITE, UINT64_C(1) << irq->id);
        put(x, p->cnode, SB_BASE_IRQ + irq->id, obj, 0, 0);
    }
    return true;
}

/* The monitor: a process (docs/runtime.md) with one CNode, holding every top-level PD's TCB,
 * and the SC and notification of each passive PD. */
static bool make_monitor(ctx_t *x)
{
    pd_objs_t *m = &x->mon;
    const sb_kernel_t *k = x->k;
    m->prefix = xstrdup("monitor");
    m->sc = -1;
    if (!add_to(x, &m->tcb, m->prefix, "tcb", SEL4C_CAPDL_TCB, 0) ||
        !add_to(x, &m->cnode, m->prefix, "cnode", SEL4C_CAPDL_CNODE, MONITOR_CNODE_BITS) ||
        !add_to(x, &m->ep, m->prefix, "fault_ep", SEL4C_CAPDL_ENDPOINT, 0) ||
        (k->mcs && !add_to(x, &m->sc, m->prefix, "sc", SEL4C_CAPDL_SCHED_CONTEXT, SC_BITS)) ||
        !sb_vspace_init(&m->vs, x->s, m->prefix, k->levels))
        return false;
    const sel4c_elf_t *elf = x->files->monitor_elf;
    sel4c_elf64_sym_t stack;
    if (sel4c_elf_symbol(elf, "__sel4c_stack_top", &stack) != SEL4C_ELF_OK) {
        diag_error(x->files->monitor_image, 0, "not a sel4c process (no __sel4c_stack_top)");
        return false;
    }
    uint64_t ipc = sb_ipc_buffer_vaddr(k);
    if (!map_image(x, m, elf, x->files->monitor_image, NULL, NULL) ||
        !map_fresh(x, m, "ipc", ipc, 1))
        return false;
    cdl_obj_t *tcb = &x->s->objs[m->tcb];
    tcb->tcb.ip = elf->eh->e_entry;
    tcb->tcb.sp = stack.st_value;
    tcb->tcb.ipc_buffer_addr = ipc;
    tcb->tcb.priority = tcb->tcb.max_priority = PRIO_MONITOR;
    tcb->regs = xcalloc(3, sizeof *tcb->regs);
    tcb->regs[0] = ipc;
    tcb->regs[2] = MONITOR_SELF_TCB;
    tcb->nregs = 3;
    if (k->mcs) {
        x->s->objs[m->sc].sc.budget = x->s->objs[m->sc].sc.period = 1000;
        tcb_slot(x, m->tcb, SEL4C_CAPDL_TCB_SC, m->sc);
    }
    sel4c_capdl_cap_t *cs = tcb_slot(x, m->tcb, SEL4C_CAPDL_TCB_CSPACE, m->cnode);
    cs->guard_size = 64 - MONITOR_CNODE_BITS;
    tcb_slot(x, m->tcb, SEL4C_CAPDL_TCB_VSPACE, (long)m->vs.root);
    sel4c_capdl_cap_t *ib =
        tcb_slot(x, m->tcb, SEL4C_CAPDL_TCB_IPC_BUFFER, cdl_find(x->s, "monitor.ipc"));
    ib->rights = SEL4C_CAPDL_RIGHT_READ | SEL4C_CAPDL_RIGHT_WRITE;
    put(x, m->cnode, MONITOR_FAULT_EP, m->ep, SEL4C_CAPDL_RIGHTS_ALL, 0);
    put(x, m->cnode, MONITOR_SELF_TCB, m->tcb, 0, 0);
    return true;
}

static void monitor_caps(ctx_t *x)
{
    for (size_t i = 0; i < x->sys->npds; i++) {
        put(x, x->mon.cnode, MONITOR_BASE_PD_TCB + (uint32_t)i, x->pds[i].tcb, 0, 0);
        if (x->sys->pds[i].passive && x->k->mcs) {
            put(x, x->mon.cnode, MONITOR_BASE_PD_SC + (uint32_t)i, x->pds[i].sc, 0, 0);
            put(x, x->mon.cnode, MONITOR_BASE_PD_NTFN + (uint32_t)i, x->pds[i].ntfn,
                SEL4C_CAPDL_RIGHTS_ALL, 0);
        }
    }
}

bool sb_make_spec(const sb_system_t *sys, const sb_kernel_t *k, const sb_spec_files_t *files,
                  cdl_spec_t *s)
{
    ctx_t x = {.sys = sys, .k = k, .files = files, .s = s, .smc = -1};
    x.pds = xcalloc(sys->npds + 1, sizeof *x.pds);
    x.mr_first = xcalloc(sys->nmrs + 1, sizeof *x.mr_first);
    bool ok = make_monitor(&x) && make_regions(&x);
    for (size_t i = 0; ok && i < sys->npds && x.smc < 0; i++)
        if (sys->pds[i].smc)
            ok = add_to(&x, &x.smc, "kernel", "smc", SEL4C_CAPDL_ARM_SMC, 0);
    for (size_t i = 0; ok && i < sys->npds; i++)
        ok = make_pd(&x, i);
    for (size_t i = 0; ok && i < sys->npds; i++) {
        own_caps(&x, i);
        fault_caps(&x, i);
        ok = irq_caps(&x, i);
    }
    for (size_t c = 0; ok && c < sys->nchannels; c++)
        channel_caps(&x, &sys->channels[c]);
    if (ok)
        monitor_caps(&x);
    for (size_t d = 0; ok && d < sys->ndomains; d++) {
        const sb_domain_t *e = &sys->domains[d];
        if (e->end_marker)
            break; /* the kernel keeps its own end marker after the last entry */
        s->domains = xrealloc(s->domains, (s->ndomains + 1) * sizeof *s->domains);
        s->domains[s->ndomains++] =
            (sel4c_capdl_domain_entry_t){.domain = e->id, .duration = sb_domain_ticks(e, k)};
    }
    for (size_t i = 0; i < sys->npds; i++) {
        free(x.pds[i].prefix);
        sb_vspace_free(&x.pds[i].vs);
    }
    free(x.mon.prefix);
    sb_vspace_free(&x.mon.vs);
    free(x.pds);
    free(x.mr_first);
    if (ok)
        cdl_sort_caps(s);
    return ok;
}

long sb_pd_object(const cdl_spec_t *s, const char *pd_name, const char *what)
{
    char *prefix = name_prefix("", pd_name), name[600];
    snprintf(name, sizeof name, "%s.%s", prefix, what);
    free(prefix);
    return cdl_find(s, name);
}
