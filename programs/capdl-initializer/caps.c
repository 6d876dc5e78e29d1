/* Installing caps in CNodes: each minted from the initializer's original with its rights and
 * badge (or, for a CNode cap, its guard). */
#include "initializer.h"

seL4_CapRights_t init_rights(uint8_t r)
{
    return seL4_CapRights_new(!!(r & SEL4C_CAPDL_RIGHT_GRANT_REPLY),
                              !!(r & SEL4C_CAPDL_RIGHT_GRANT), !!(r & SEL4C_CAPDL_RIGHT_READ),
                              !!(r & SEL4C_CAPDL_RIGHT_WRITE));
}

seL4_Word init_cap_data(const init_t *in, const sel4c_capdl_cap_t *c)
{
    if (in->spec.objects[c->object].type == SEL4C_CAPDL_CNODE)
        return seL4_CNode_CapData_new(c->badge, c->guard_size).words[0];
    return c->badge;
}

int init_install_caps(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type != SEL4C_CAPDL_CNODE)
            continue;
        for (uint32_t k = 0; k < o->caps_count; k++) {
            const sel4c_capdl_cap_t *c = &in->spec.caps[o->caps_first + k];
            if (INVOKE(in, "mint",
                       seL4_CNode_Mint(init_cap(in, i), c->slot, o->size_bits,
                                       seL4_CapInitThreadCNode, init_cap(in, c->object),
                                       seL4_WordBits, init_rights(c->rights),
                                       init_cap_data(in, c))))
                return -1;
        }
    }
    return 0;
}

/* A badged copy of object `obj`'s cap in a fresh slot (for IRQ notifications and MCS fault
 * endpoints, which the kernel takes as caps). */
seL4_CPtr init_mint_copy(init_t *in, const sel4c_capdl_cap_t *c)
{
    seL4_CPtr slot = init_slot(in);
    if (!slot || INVOKE(in, "mint copy",
                        seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits,
                                        seL4_CapInitThreadCNode, init_cap(in, c->object),
                                        seL4_WordBits, init_rights(c->rights), c->badge)))
        return 0;
    return slot;
}

int init_configure_irqs(init_t *in)
{
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (o->type != SEL4C_CAPDL_IRQ || !o->caps_count)
            continue;
        seL4_CPtr ntfn = init_mint_copy(in, &in->spec.caps[o->caps_first]);
        if (!ntfn ||
            INVOKE(in, "IRQ notification", seL4_IRQHandler_SetNotification(init_cap(in, i), ntfn)))
            return -1;
    }
    return 0;
}
