/*
 * The rules about a system as a whole, and those needing the kernel configuration, that need
 * no program image: Microkit's (its tool's sdf.rs) for AArch64, plus the limits of the
 * kernel the system is built for. Every error is reported, in file order.
 */
#include <string.h>

#include "errors.h"
#include "system.h"

typedef struct ck {
    const sb_system_t *sys;
    const sb_kernel_t *k;
    sb_errors_t err;
} ck_t;

#define ULL(x) ((unsigned long long)(x))

static void check_pds(ck_t *c)
{
    const sb_system_t *sys = c->sys;
    if (sys->npds == 0)
        sb_err(&c->err, sys->loc, "at least one protection_domain must be defined");
    if (sys->npds > SB_MAX_PDS)
        sb_err(&c->err, sys->pds[SB_MAX_PDS].loc,
               "too many protection domains (%zu); Microkit allows at most %d", sys->npds,
               SB_MAX_PDS);
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_pd_t *p = &sys->pds[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(sys->pds[j].name, p->name) == 0) {
                sb_err(&c->err, p->loc, "duplicate protection domain name '%s' (first at %d:%d)",
                       p->name, sys->pds[j].loc.line, sys->pds[j].loc.col);
                break;
            }
        if (strcmp(p->name, "monitor") == 0)
            sb_err(&c->err, p->loc, "the name 'monitor' is reserved for the Microkit monitor");
        if (strlen(p->name) > SB_PD_NAME_MAX)
            sb_err(&c->err, p->loc,
                   "protection domain name '%s' is %zu characters long; at most %d fit "
                   "libmicrokit's microkit_name",
                   p->name, strlen(p->name), SB_PD_NAME_MAX);
        if (p->name[0] == '\0')
            sb_err(&c->err, p->loc, "a protection domain name must not be empty");
    }
}

/* Scheduling: MCS-only features, the kernel's period bound, cores, SMC, FPU. */
static void check_scheduling(ck_t *c)
{
    const sb_kernel_t *k = c->k;
    for (size_t i = 0; i < c->sys->npds; i++) {
        const sb_pd_t *p = &c->sys->pds[i];
        if (!k->mcs && p->has_budget)
            sb_err(&c->err, p->budget_loc,
                   "budget needs a kernel with KERNEL_MCS (scheduling contexts); this kernel "
                   "has it off");
        if (!k->mcs && p->has_period)
            sb_err(&c->err, p->period_loc,
                   "period needs a kernel with KERNEL_MCS (scheduling contexts); this kernel "
                   "has it off");
        if (!k->mcs && p->passive)
            sb_err(&c->err, p->passive_loc,
                   "passive needs a kernel with KERNEL_MCS (scheduling contexts); this kernel "
                   "has it off");
        if (k->mcs && p->period > k->max_period_us)
            sb_err(&c->err, p->has_period ? p->period_loc : p->budget_loc,
                   "period %llu us is longer than this kernel allows (%llu us)", ULL(p->period),
                   ULL(k->max_period_us));
        if (p->cpu >= k->num_nodes)
            sb_err(&c->err, p->cpu_loc,
                   "cpu %u does not exist: this kernel has %u core%s (MAX_NUM_NODES)", p->cpu,
                   k->num_nodes, k->num_nodes == 1 ? "" : "s");
        if (p->smc && !k->smc_calls)
            sb_err(&c->err, p->smc_loc,
                   "smc needs a kernel with ALLOW_SMC_CALLS; this kernel has it off");
    }
}

static void check_domains(ck_t *c)
{
    const sb_system_t *sys = c->sys;
    const sb_kernel_t *k = c->k;
    if (!sys->has_domains)
        return;
    if (k->num_nodes > 1)
        sb_err(&c->err, sys->domains_loc,
               "the domain scheduler is not supported on multicore kernels (MAX_NUM_NODES %u)",
               k->num_nodes);
    for (size_t i = 0; i < sys->ndomain_decls; i++) {
        const sb_domain_decl_t *d = &sys->domain_decls[i];
        if (d->id < k->num_domains)
            continue;
        if (d->has_id)
            sb_err(&c->err, d->id_loc,
                   "domain id %u must be less than the kernel's NUM_DOMAINS, %u", d->id,
                   k->num_domains);
        else
            sb_err(&c->err, d->loc,
                   "domain '%s' gets no id: the kernel has only %u domains (NUM_DOMAINS)", d->name,
                   k->num_domains);
    }
    /* the kernel's schedule array ends with its own end marker */
    if (sys->ndomains + 1 > k->num_domain_schedules)
        sb_err(&c->err, sys->schedule_loc,
               "the domain schedule has %zu entries; this kernel takes at most %u "
               "(NUM_DOMAIN_SCHEDULES %u, one kept for the end marker)",
               sys->ndomains, k->num_domain_schedules - 1, k->num_domain_schedules);
    else if (sys->has_index_shift && sys->index_shift + sys->ndomains + 1 > k->num_domain_schedules)
        sb_err(&c->err, sys->shift_loc,
               "index_shift %llu and the schedule's %zu entries exceed the kernel's "
               "NUM_DOMAIN_SCHEDULES %u",
               ULL(sys->index_shift), sys->ndomains, k->num_domain_schedules);
    for (size_t i = 0; i < sys->ndomains; i++) {
        const sb_domain_t *d = &sys->domains[i];
        if (!d->end_marker && d->us && sb_domain_ticks(d, k) == 0)
            sb_err(&c->err, d->loc, "duration %llu us is %s timer ticks at this kernel's %llu Hz",
                   ULL(d->length), d->length ? "too many" : "zero", ULL(k->timer_freq));
    }
}

static void check_maps(ck_t *c)
{
    const sb_system_t *sys = c->sys;
    uint64_t stack_top = sb_stack_top(c->k);
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_pd_t *p = &sys->pds[i];
        uint64_t limit = stack_top - p->stack_size; /* the stack's bottom */
        for (size_t j = 0; j < p->nmaps; j++) {
            const sb_map_t *m = &p->maps[j];
            const sb_mr_t *mr = &sys->mrs[m->mr];
            if (m->vaddr % mr->page_size) {
                sb_err(&c->err, m->vaddr_loc,
                       "vaddr 0x%llx is not aligned to the page size 0x%llx of memory region "
                       "'%s'",
                       ULL(m->vaddr), ULL(mr->page_size), mr->name);
                continue;
            }
            if (m->vaddr >= limit) {
                sb_err(&c->err, m->vaddr_loc,
                       "vaddr 0x%llx must be less than 0x%llx, where the stack and IPC buffer "
                       "of '%s' start",
                       ULL(m->vaddr), ULL(limit), p->name);
                continue;
            }
            if (mr->size == 0)
                continue; /* sized by a prefill that was not found */
            uint64_t end = m->vaddr + mr->size;
            if (end < m->vaddr || end > limit) {
                sb_err(&c->err, m->loc,
                       "map of '%s' at [0x%llx..0x%llx) reaches into the stack and IPC buffer "
                       "at the top of the address space [0x%llx..)",
                       mr->name, ULL(m->vaddr), ULL(m->vaddr + mr->size), ULL(limit));
                continue;
            }
            for (size_t o = 0; o < j; o++) {
                const sb_map_t *q = &p->maps[o];
                const sb_mr_t *qr = &sys->mrs[q->mr];
                if (q->vaddr % qr->page_size || q->vaddr >= limit || q->vaddr + qr->size > limit ||
                    q->vaddr + qr->size < q->vaddr)
                    continue; /* reported already */
                if (m->vaddr < q->vaddr + qr->size && q->vaddr < end) {
                    sb_err(&c->err, m->loc,
                           "map of '%s' at [0x%llx..0x%llx) overlaps the map of '%s' at "
                           "[0x%llx..0x%llx) (%d:%d) in protection domain '%s'",
                           mr->name, ULL(m->vaddr), ULL(end), qr->name, ULL(q->vaddr),
                           ULL(q->vaddr + qr->size), q->loc.line, q->loc.col, p->name);
                    break;
                }
            }
        }
    }
}

static void check_mrs(ck_t *c)
{
    const sb_system_t *sys = c->sys;
    uint64_t pa_top = UINT64_C(1) << c->k->pa_bits;
    for (size_t i = 0; i < sys->nmrs; i++) {
        const sb_mr_t *m = &sys->mrs[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(sys->mrs[j].name, m->name) == 0) {
                sb_err(&c->err, m->loc, "duplicate memory region name '%s' (first at %d:%d)",
                       m->name, sys->mrs[j].loc.line, sys->mrs[j].loc.col);
                break;
            }
        if (!m->has_paddr || m->size == 0)
            continue;
        uint64_t end = m->paddr + m->size;
        if (end < m->paddr || end > pa_top) {
            sb_err(&c->err, m->paddr_loc,
                   "memory region '%s' at [0x%llx..0x%llx) is beyond the kernel's %u-bit "
                   "physical address space",
                   m->name, ULL(m->paddr), ULL(m->paddr + m->size), c->k->pa_bits);
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            const sb_mr_t *o = &sys->mrs[j];
            if (!o->has_paddr || o->size == 0 || o->paddr + o->size < o->paddr)
                continue;
            if (m->paddr < o->paddr + o->size && o->paddr < end) {
                sb_err(&c->err, m->paddr_loc,
                       "memory region '%s' at physical [0x%llx..0x%llx) overlaps memory "
                       "region '%s' [0x%llx..0x%llx) (%d:%d)",
                       m->name, ULL(m->paddr), ULL(end), o->name, ULL(o->paddr),
                       ULL(o->paddr + o->size), o->loc.line, o->loc.col);
                break;
            }
        }
    }
    for (size_t i = 0; i < sys->npds; i++)
        for (size_t j = 0; j < sys->pds[i].nmaps; j++) {
            const sb_map_t *m = &sys->pds[i].maps[j];
            if (m->setvar_prefill_size && !sys->mrs[m->mr].prefill)
                sb_err(&c->err, m->loc,
                       "setvar_prefill_size on memory region '%s', which has no prefill_path",
                       sys->mrs[m->mr].name);
        }
}

/* The location of the irq or channel end that took channel id `id` of PD `pd`, if any. */
static const sb_loc_t *id_user(const sb_system_t *sys, size_t pd, unsigned id, size_t irqs,
                               size_t channels)
{
    const sb_pd_t *p = &sys->pds[pd];
    for (size_t i = 0; i < irqs && i < p->nirqs; i++)
        if (p->irqs[i].id == id)
            return &p->irqs[i].id_loc;
    for (size_t i = 0; i < channels; i++)
        for (size_t e = 0; e < 2; e++)
            if (sys->channels[i].end[e].pd == pd && sys->channels[i].end[e].id == id)
                return &sys->channels[i].end[e].id_loc;
    return NULL;
}

static void check_irqs_and_channels(ck_t *c)
{
    const sb_system_t *sys = c->sys;
    for (size_t i = 0; i < sys->npds; i++) {
        const sb_pd_t *p = &sys->pds[i];
        for (size_t j = 0; j < p->nirqs; j++) {
            const sb_irq_t *q = &p->irqs[j];
            if (c->k->max_irq && q->irq > c->k->max_irq)
                sb_err(&c->err, q->irq_loc,
                       "irq %llu does not exist on %s (its last interrupt is %u)", ULL(q->irq),
                       c->k->plat, c->k->max_irq);
            /* The generic timer's EL1 physical timer interrupt: the kernel keeps it for its
             * own timer unless it hands the timer to user level, where a driver of it runs. */
            if (q->irq == SB_ARM_PHYS_TIMER_IRQ && !c->k->export_ptmr)
                sb_err(&c->err, q->irq_loc,
                       "irq %u is the EL1 physical timer's; a driver of it needs a kernel with "
                       "EXPORT_PTMR_USER (and EXPORT_PCNT_USER to read its counter)",
                       SB_ARM_PHYS_TIMER_IRQ);
            const sb_loc_t *u = id_user(sys, i, q->id, j, 0);
            if (u)
                sb_err(&c->err, q->id_loc,
                       "duplicate channel id %u in protection domain '%s' (also used at %d:%d)",
                       q->id, p->name, u->line, u->col);
            /* the same interrupt anywhere earlier in the system */
            bool dup = false;
            for (size_t a = 0; a <= i && !dup; a++)
                for (size_t b = 0; b < (a == i ? j : sys->pds[a].nirqs) && !dup; b++)
                    if (sys->pds[a].irqs[b].irq == q->irq) {
                        sb_err(&c->err, q->irq_loc,
                               "duplicate irq %llu in protection domain '%s' (also given to "
                               "'%s' at %d:%d)",
                               ULL(q->irq), p->name, sys->pds[a].name, sys->pds[a].irqs[b].loc.line,
                               sys->pds[a].irqs[b].loc.col);
                        dup = true;
                    }
        }
    }
    for (size_t i = 0; i < sys->nchannels; i++) {
        const sb_channel_t *ch = &sys->channels[i];
        for (size_t e = 0; e < 2; e++) {
            const sb_end_t *end = &ch->end[e];
            const sb_loc_t *u = id_user(sys, end->pd, end->id, SIZE_MAX, i);
            if (u)
                sb_err(&c->err, end->id_loc,
                       "duplicate channel id %u in protection domain '%s' (also used at %d:%d)",
                       end->id, sys->pds[end->pd].name, u->line, u->col);
            /* A protected procedure runs at the callee's priority, which must be strictly
             * higher; so PP calls also form no cycle. */
            const sb_pd_t *from = &sys->pds[end->pd], *to = &sys->pds[ch->end[1 - e].pd];
            if (end->pp && from->priority >= to->priority)
                sb_err(&c->err, end->pp_loc,
                       "protected procedure calls must go to a strictly higher priority: '%s' "
                       "(priority %u) calls '%s' (priority %u)",
                       from->name, from->priority, to->name, to->priority);
        }
    }
}

unsigned sb_check(const sb_system_t *sys, const sb_kernel_t *k)
{
    ck_t c = {sys, k, {.path = sys->path}};
    check_pds(&c);
    check_scheduling(&c);
    check_domains(&c);
    check_mrs(&c);
    check_maps(&c);
    check_irqs_and_channels(&c);
    return sb_errors_flush(&c.err);
}
