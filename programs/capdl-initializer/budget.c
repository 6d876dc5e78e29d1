/*
 * What a spec costs before it is carried out: the extra CSpace slots it needs, and the
 * fewest system calls that can create it (the benchmark compares the calls made with this).
 */
#include "initializer.h"

/* Caps one TCB needs minted (MCS: the fault and timeout endpoints are taken as caps). */
static unsigned tcb_copies(const init_t *in, const sel4c_capdl_object_t *o)
{
    unsigned n = 0;
#ifdef CONFIG_KERNEL_MCS
    for (uint32_t k = 0; k < o->caps_count; k++) {
        uint32_t slot = in->spec.caps[o->caps_first + k].slot;
        n += slot == SEL4C_CAPDL_TCB_FAULT_EP || slot == SEL4C_CAPDL_TCB_TEMPFAULT_EP;
    }
#else
    (void)in, (void)o;
#endif
    return n;
}

unsigned long init_extra_slots(const init_t *in)
{
    unsigned long n = init_arch_mapping_copies(in);
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        n += o->type == SEL4C_CAPDL_ASID_POOL;            /* the untyped it is made from */
        n += o->type == SEL4C_CAPDL_IRQ && o->caps_count; /* badged notification */
        if (o->type == SEL4C_CAPDL_TCB)
            n += tcb_copies(in, o);
    }
    return n;
}

unsigned long init_minimum_calls(const init_t *in)
{
    const sel4c_capdl_spec_t *s = &in->spec;
    /* A gap below a fixed-address object that the spec's own objects do not fill takes one
     * retype at least: the kernel allocates only at an untyped's free index. */
    unsigned long n = init_arch_mapping_copies(in) + s->num_domain_entries + in->gaps;
    if (s->num_domain_entries)
        n += 1 + (s->num_domain_entries < CONFIG_NUM_DOMAIN_SCHEDULES - 1);
    for (uint32_t i = 0; i < s->num_objects; i++) {
        const sel4c_capdl_object_t *o = &s->objects[i];
        switch (o->type) {
        case SEL4C_CAPDL_FRAME:
            if (!(o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY))
                n += 1 + (o->extra_count ? 2 : 0); /* create; map and unmap to fill */
            break;
        case SEL4C_CAPDL_CNODE:
            n += 1 + o->caps_count; /* create; one mint per cap */
            break;
        case SEL4C_CAPDL_PAGE_TABLE:
            n += 1 + ((o->flags & SEL4C_CAPDL_OBJ_ROOT) || o->extra != SEL4C_CAPDL_UNMAPPED);
            for (uint32_t k = 0; k < o->caps_count; k++) {
                const sel4c_capdl_cap_t *c = &s->caps[o->caps_first + k];
                const sel4c_capdl_object_t *f = &s->objects[c->object];
                if (f->type == SEL4C_CAPDL_FRAME)
                    n += 1 + ((c->flags & SEL4C_CAPDL_CAP_EXECUTABLE) && f->extra_count);
            }
            break;
        case SEL4C_CAPDL_IRQ:
            n += 1 + (o->caps_count ? 2 : 0); /* handler; badged notification and binding */
            break;
        case SEL4C_CAPDL_ASID_POOL: n += 2; break;
        case SEL4C_CAPDL_ARM_SMC: n += 1; break; /* copied from the initial task's */
        case SEL4C_CAPDL_TCB: {
            const sel4c_capdl_tcb_t *t = &s->tcbs[o->extra];
            n += 4 + tcb_copies(in, o); /* create, configure, priorities, registers */
            n += !!(t->flags & SEL4C_CAPDL_TCB_RESUME) + !!t->domain;
#if !defined(CONFIG_KERNEL_MCS) && CONFIG_MAX_NUM_NODES > 1
            n += !!t->affinity;
#endif
            for (uint32_t k = 0; k < o->caps_count; k++) {
                uint32_t slot = s->caps[o->caps_first + k].slot;
                n += slot == SEL4C_CAPDL_TCB_BOUND_NOTIFICATION ||
                     slot == SEL4C_CAPDL_TCB_TEMPFAULT_EP;
            }
            break;
        }
        case SEL4C_CAPDL_SCHED_CONTEXT:
            n += 2; /* create, configure */
            break;
        default: n += 1;
        }
    }
    return n;
}
