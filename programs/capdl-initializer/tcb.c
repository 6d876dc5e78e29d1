/*
 * Threads: scheduling contexts (MCS), each TCB's CSpace, VSpace, IPC buffer, priorities,
 * core, bound notification, domain and registers; then the domain schedule; then resume.
 */
#include "initializer.h"

/* The cap in TCB slot `slot` of object `tcb`, or NULL. */
static const sel4c_capdl_cap_t *tcb_cap(const init_t *in, uint32_t tcb, uint32_t slot)
{
    const sel4c_capdl_object_t *o = &in->spec.objects[tcb];
    for (uint32_t k = 0; k < o->caps_count; k++)
        if (in->spec.caps[o->caps_first + k].slot == slot)
            return &in->spec.caps[o->caps_first + k];
    return 0;
}

static seL4_CPtr cap_or_null(const init_t *in, const sel4c_capdl_cap_t *c)
{
    return c ? init_cap(in, c->object) : seL4_CapNull;
}

#ifdef CONFIG_KERNEL_MCS
/* The core of the first thread that uses scheduling context `sc` (0 if none does). */
static unsigned sc_core(const init_t *in, uint32_t sc)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        const sel4c_capdl_cap_t *c;
        if (o->type == SEL4C_CAPDL_TCB && (c = tcb_cap(in, i, SEL4C_CAPDL_TCB_SC)) &&
            c->object == sc)
            return in->spec.tcbs[o->extra].affinity;
    }
    return 0;
}

static int configure_sched_contexts(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type != SEL4C_CAPDL_SCHED_CONTEXT)
            continue;
        const sel4c_capdl_sched_context_t *sc = &in->spec.sched_contexts[o->extra];
        unsigned core = sc_core(in, i);
        if (core >= in->bi->schedcontrol.end - in->bi->schedcontrol.start) {
            sel4c_error("capdl: %s: no core %u", sel4c_capdl_name(&in->spec, i), core);
            return -1;
        }
        if (INVOKE(in, "scheduling context",
                   seL4_SchedControl_ConfigureFlags(in->bi->schedcontrol.start + core,
                                                    init_cap(in, i), sc->budget, sc->period,
                                                    sc->extra_refills, sc->badge, 0)))
            return -1;
    }
    return 0;
}
#endif

static int configure_thread(init_t *in, uint32_t i)
{
    const sel4c_capdl_tcb_t *t = &in->spec.tcbs[in->spec.objects[i].extra];
    seL4_CPtr tcb = init_cap(in, i);
    const sel4c_capdl_cap_t *cspace = tcb_cap(in, i, SEL4C_CAPDL_TCB_CSPACE);
    seL4_Word data = cspace ? init_cap_data(in, cspace) : 0;
    seL4_CPtr vspace = cap_or_null(in, tcb_cap(in, i, SEL4C_CAPDL_TCB_VSPACE));
    seL4_CPtr ipc = cap_or_null(in, tcb_cap(in, i, SEL4C_CAPDL_TCB_IPC_BUFFER));
    const sel4c_capdl_cap_t *bound = tcb_cap(in, i, SEL4C_CAPDL_TCB_BOUND_NOTIFICATION);
#ifdef CONFIG_KERNEL_MCS
    if (INVOKE(in, "TCB configure",
               seL4_TCB_Configure(tcb, cap_or_null(in, cspace), data, vspace, 0, t->ipc_buffer_addr,
                                  ipc)))
        return -1;
    const sel4c_capdl_cap_t *fault = tcb_cap(in, i, SEL4C_CAPDL_TCB_FAULT_EP);
    const sel4c_capdl_cap_t *tempfault = tcb_cap(in, i, SEL4C_CAPDL_TCB_TEMPFAULT_EP);
    seL4_CPtr fault_cap = fault ? init_mint_copy(in, fault) : seL4_CapNull;
    if ((fault && !fault_cap) ||
        INVOKE(in, "TCB scheduling parameters",
               seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, t->max_priority, t->priority,
                                       cap_or_null(in, tcb_cap(in, i, SEL4C_CAPDL_TCB_SC)),
                                       fault_cap)))
        return -1;
    if (tempfault) {
        seL4_CPtr tf = init_mint_copy(in, tempfault);
        if (!tf || INVOKE(in, "TCB timeout endpoint", seL4_TCB_SetTimeoutEndpoint(tcb, tf)))
            return -1;
    }
#else
    if (INVOKE(in, "TCB configure",
               seL4_TCB_Configure(tcb, t->fault_ep, cap_or_null(in, cspace), data, vspace, 0,
                                  t->ipc_buffer_addr, ipc)) ||
        INVOKE(in, "TCB scheduling parameters",
               seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, t->max_priority, t->priority)))
        return -1;
#if CONFIG_MAX_NUM_NODES > 1
    if (t->affinity && INVOKE(in, "TCB affinity", seL4_TCB_SetAffinity(tcb, t->affinity)))
        return -1;
#endif
#endif
    if (bound && INVOKE(in, "bind notification",
                        seL4_TCB_BindNotification(tcb, init_cap(in, bound->object))))
        return -1;
    if (t->domain && INVOKE(in, "TCB domain", seL4_DomainSet_Set(seL4_CapDomain, t->domain, tcb)))
        return -1;
    seL4_UserContext regs = {.pc = t->ip, .sp = t->sp};
    seL4_Word *x = &regs.x0; /* x0 to x7 follow each other in seL4_UserContext */
    for (uint32_t r = 0; r < t->regs_count; r++)
        x[r] = in->spec.registers[t->regs_first + r];
    return INVOKE(in, "TCB registers", seL4_TCB_WriteRegisters(tcb, 0, 0, 3 + t->regs_count, &regs))
               ? -1
               : 0;
}

int init_configure_threads(init_t *in)
{
#ifdef CONFIG_KERNEL_MCS
    if (configure_sched_contexts(in))
        return -1;
#endif
    for (uint32_t i = 0; i < in->spec.num_objects; i++)
        if (in->spec.objects[i].type == SEL4C_CAPDL_TCB && configure_thread(in, i))
            return -1;
    return 0;
}

int init_domain_schedule(init_t *in)
{
    uint32_t n = in->spec.num_domain_entries;
    for (uint32_t i = 0; i < n; i++) {
        const sel4c_capdl_domain_entry_t *e = &in->spec.domain_schedule[i];
        if (INVOKE(in, "domain schedule entry",
                   seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, i, (seL4_Uint8)e->domain,
                                                    e->duration)))
            return -1;
    }
    /* the kernel keeps its last entry an end marker; mark the end earlier if we stop short */
    if (n && n < CONFIG_NUM_DOMAIN_SCHEDULES - 1 &&
        INVOKE(in, "domain schedule end",
               seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, n, 0, 0)))
        return -1;
    if (n &&
        INVOKE(in, "domain schedule start", seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0)))
        return -1;
    return 0;
}

int init_start_threads(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type == SEL4C_CAPDL_TCB &&
            (in->spec.tcbs[o->extra].flags & SEL4C_CAPDL_TCB_RESUME) &&
            INVOKE(in, "resume", seL4_TCB_Resume(init_cap(in, i))))
            return -1;
    }
    return 0;
}
