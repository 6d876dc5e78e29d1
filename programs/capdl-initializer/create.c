/*
 * Creating objects: the allocation plan's retypes, then what is not retyped from untyped
 * memory (ASID pools are made from a retyped untyped; IRQ handlers come from IRQ control; the
 * SMC capability is copied from the initial task's).
 */
#include "initializer.h"

#define NO_TYPE ((seL4_Word)-1)

sel4c_capdl_untyped_t init_pool[INIT_POOL_SIZE];

seL4_CPtr init_cap(const init_t *in, uint32_t obj)
{
    const sel4c_capdl_object_t *o = &in->spec.objects[obj];
    if (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY)
        return in->bi->userImageFrames.start + (o->paddr - in->image_start) / 4096;
    return in->first + obj;
}

seL4_CPtr init_slot(init_t *in)
{
    return init_slots(in, 1);
}

seL4_CPtr init_slots(init_t *in, unsigned count)
{
    if (in->end - in->next < count)
        return 0;
    in->next += count;
    return in->next - count;
}

static seL4_Word retype_type(const sel4c_capdl_object_t *o)
{
    switch (o->type) {
    case SEL4C_CAPDL_UNTYPED: return seL4_UntypedObject;
    case SEL4C_CAPDL_ENDPOINT: return seL4_EndpointObject;
    case SEL4C_CAPDL_NOTIFICATION: return seL4_NotificationObject;
    case SEL4C_CAPDL_CNODE: return seL4_CapTableObject;
    case SEL4C_CAPDL_TCB: return seL4_TCBObject;
    case SEL4C_CAPDL_ASID_POOL: return seL4_UntypedObject; /* made into a pool below */
#ifdef CONFIG_KERNEL_MCS
    case SEL4C_CAPDL_SCHED_CONTEXT: return seL4_SchedContextObject;
    case SEL4C_CAPDL_REPLY: return seL4_ReplyObject;
#endif
    case SEL4C_CAPDL_FRAME:
        return o->size_bits == seL4_PageBits        ? seL4_ARM_SmallPageObject
               : o->size_bits == seL4_LargePageBits ? seL4_ARM_LargePageObject
                                                    : seL4_ARM_HugePageObject;
    case SEL4C_CAPDL_PAGE_TABLE:
        return (o->flags & SEL4C_CAPDL_OBJ_ROOT) ? seL4_ARM_VSpaceObject : seL4_ARM_PageTableObject;
    default: return NO_TYPE;
    }
}

/* Size argument of Untyped_Retype: bits for untyped, CNode slots and SCs; else ignored. */
static seL4_Word retype_size(const sel4c_capdl_object_t *o)
{
    switch (o->type) {
    case SEL4C_CAPDL_UNTYPED:
    case SEL4C_CAPDL_CNODE:
    case SEL4C_CAPDL_SCHED_CONTEXT: return o->size_bits;
    case SEL4C_CAPDL_ASID_POOL: return seL4_ASIDPoolBits;
    default: return 0;
    }
}

/* Carries out one retype of the plan: into the object's own slot, or fresh slots for padding. */
static int place(void *ctx, const sel4c_capdl_retype_t *r, uint64_t *new_id)
{
    init_t *in = ctx;
    seL4_Word type = seL4_UntypedObject, size = r->bits;
    seL4_CPtr slot, from = r->from ? (seL4_CPtr)r->from->id : init_cap(in, r->parent);
    if (r->object == SEL4C_CAPDL_PADDING) {
        slot = init_slots(in, r->count);
        *new_id = slot;
    } else {
        const sel4c_capdl_object_t *o = &in->spec.objects[r->object];
        type = retype_type(o);
        size = retype_size(o);
        slot = in->first + r->object;
        if (type == NO_TYPE) {
            sel4c_error("capdl: %s: this kernel has no %s objects",
                        sel4c_capdl_name(&in->spec, r->object), sel4c_capdl_type_name(o->type));
            return -1;
        }
        if (o->type == SEL4C_CAPDL_ASID_POOL)
            slot = init_slot(in);
    }
    if (!slot) /* cannot happen: the slots were counted before */
        return -1;
    sel4c_trace("capdl: retype %lu (%u bits) x%u into slot %lu", (unsigned long)type, r->bits,
                r->count, (unsigned long)slot);
    if (INVOKE(
            in, "retype",
            seL4_Untyped_Retype(from, type, size, seL4_CapInitThreadCNode, 0, 0, slot, r->count)))
        return -1;
    if (r->object != SEL4C_CAPDL_PADDING &&
        in->spec.objects[r->object].type == SEL4C_CAPDL_ASID_POOL &&
        INVOKE(in, "ASID pool",
               seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, slot, seL4_CapInitThreadCNode,
                                             in->first + r->object, seL4_WordBits)))
        return -1;
    return 0;
}

static int create_irq_handlers(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type != SEL4C_CAPDL_IRQ)
            continue;
        const sel4c_capdl_irq_t *irq = &in->spec.irqs[o->extra];
#if CONFIG_MAX_NUM_NODES > 1
        if (INVOKE(in, "IRQ handler",
                   seL4_IRQControl_GetTriggerCore(seL4_CapIRQControl, irq->irq, irq->trigger,
                                                  seL4_CapInitThreadCNode, in->first + i,
                                                  seL4_WordBits, irq->target)))
            return -1;
#else
        if (INVOKE(in, "IRQ handler",
                   seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq->irq, irq->trigger,
                                              seL4_CapInitThreadCNode, in->first + i,
                                              seL4_WordBits)))
            return -1;
#endif
    }
    return 0;
}

/* The SMC capability is the kernel's one, handed to the initial task: copied, not created. */
static int create_smc_caps(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        if (in->spec.objects[i].type != SEL4C_CAPDL_ARM_SMC)
            continue;
#ifdef CONFIG_ALLOW_SMC_CALLS
        if (INVOKE(in, "SMC cap",
                   seL4_CNode_Copy(seL4_CapInitThreadCNode, in->first + i, seL4_WordBits,
                                   seL4_CapInitThreadCNode, seL4_CapSMC, seL4_WordBits,
                                   seL4_AllRights)))
            return -1;
#else
        sel4c_error("capdl: object %s: an SMC capability needs a kernel with ALLOW_SMC_CALLS",
                    sel4c_capdl_name(&in->spec, i));
        return -1;
#endif
    }
    return 0;
}

unsigned init_untyped_pool(const init_t *in, sel4c_capdl_untyped_t *pool)
{
    const seL4_BootInfo *bi = in->bi;
    unsigned n = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++, n++) {
        const seL4_UntypedDesc *d = &bi->untypedList[s - bi->untyped.start];
        pool[n] = (sel4c_capdl_untyped_t){
            .paddr = d->paddr, .size_bits = d->sizeBits, .device = d->isDevice, .id = s};
    }
    return n;
}

int init_create_objects(init_t *in)
{
    sel4c_capdl_untyped_t *pool = init_pool;
    unsigned n = init_untyped_pool(in, pool);
    sel4c_capdl_error_t err = {0};
    int r = sel4c_capdl_plan(&in->spec, &in->sizes, pool, &n, INIT_POOL_SIZE, place, in, &err);
    if (r < 0 && err.what)
        sel4c_error("capdl: object %u: %s", err.index, err.what);
    return r ? r : create_irq_handlers(in) ? -1 : create_smc_caps(in);
}
