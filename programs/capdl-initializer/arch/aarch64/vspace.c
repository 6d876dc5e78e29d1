/*
 * AArch64 address spaces: an ASID for each VSpace root (before any cap to a root is copied
 * into a CNode: the kernel refuses to derive a VSpace cap without one), then page tables
 * top-down, then frames.
 * A frame's original cap makes its first mapping; later mappings (and every mapping of a
 * zero-copy frame, whose original is mapped in the initializer) use a copy.
 */
#include "../../initializer.h"

/* One bit per object: has its original cap been mapped? */
static uint64_t orig_used[(1ul << CONFIG_ROOT_CNODE_SIZE_BITS) / 64];

static void forget_originals(void)
{
    for (unsigned i = 0; i < sizeof orig_used / sizeof *orig_used; i++)
        orig_used[i] = 0;
}

/* Whether mapping object `frame` needs a copy of its cap; marks the original used. */
static bool needs_copy(const init_t *in, uint32_t frame)
{
    if (in->spec.objects[frame].flags & SEL4C_CAPDL_OBJ_ZERO_COPY)
        return true;
    uint64_t bit = UINT64_C(1) << (frame % 64);
    bool used = orig_used[frame / 64] & bit;
    orig_used[frame / 64] |= bit;
    return used;
}

/* The virtual address a page table maps, and its VSpace root. */
static uint64_t table_vaddr(const init_t *in, uint32_t pt, uint32_t *root)
{
    uint64_t vaddr = 0;
    const sel4c_capdl_object_t *o = &in->spec.objects[pt];
    while (!(o->flags & SEL4C_CAPDL_OBJ_ROOT)) {
        const sel4c_capdl_object_t *parent = &in->spec.objects[o->extra];
        vaddr += (uint64_t)o->extra_count << sel4c_capdl_level_shift(parent->level);
        pt = o->extra;
        o = parent;
    }
    *root = pt;
    return vaddr;
}

static bool mapped_table(const sel4c_capdl_object_t *o)
{
    return o->type == SEL4C_CAPDL_PAGE_TABLE &&
           ((o->flags & SEL4C_CAPDL_OBJ_ROOT) || o->extra != SEL4C_CAPDL_UNMAPPED);
}

unsigned long init_arch_mapping_copies(const init_t *in)
{
    unsigned long copies = 0;
    forget_originals();
    for (uint32_t i = 0; i < in->spec.num_objects; i++) {
        const sel4c_capdl_object_t *o = &in->spec.objects[i];
        if (!mapped_table(o))
            continue;
        for (uint32_t k = 0; k < o->caps_count; k++) {
            uint32_t t = in->spec.caps[o->caps_first + k].object;
            copies += in->spec.objects[t].type == SEL4C_CAPDL_FRAME && needs_copy(in, t);
        }
    }
    return copies;
}

static seL4_ARM_VMAttributes attributes(const sel4c_capdl_cap_t *c)
{
    seL4_Word a = (c->flags & SEL4C_CAPDL_CAP_UNCACHED) ? 0 : seL4_ARM_PageCacheable;
    if (!(c->flags & SEL4C_CAPDL_CAP_EXECUTABLE))
        a |= seL4_ARM_ExecuteNever;
    return (seL4_ARM_VMAttributes)a;
}

static int map_frames(init_t *in, uint32_t pt)
{
    const sel4c_capdl_object_t *o = &in->spec.objects[pt];
    uint32_t root;
    uint64_t base = table_vaddr(in, pt, &root);
    for (uint32_t k = 0; k < o->caps_count; k++) {
        const sel4c_capdl_cap_t *c = &in->spec.caps[o->caps_first + k];
        const sel4c_capdl_object_t *f = &in->spec.objects[c->object];
        if (f->type != SEL4C_CAPDL_FRAME)
            continue;
        seL4_CPtr cap = init_cap(in, c->object);
        if (needs_copy(in, c->object)) {
            seL4_CPtr copy = init_slot(in);
            if (!copy || INVOKE(in, "copy frame cap",
                                seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits,
                                                seL4_CapInitThreadCNode, cap, seL4_WordBits,
                                                seL4_AllRights)))
                return -1;
            cap = copy;
        }
        uint64_t vaddr = base + ((uint64_t)c->slot << sel4c_capdl_level_shift(o->level));
        seL4_CapRights_t rights = seL4_CapRights_new(0, 0, !!(c->rights & SEL4C_CAPDL_RIGHT_READ),
                                                     !!(c->rights & SEL4C_CAPDL_RIGHT_WRITE));
        if (INVOKE(in, "map frame",
                   seL4_ARM_Page_Map(cap, init_cap(in, root), vaddr, rights, attributes(c))))
            return -1;
        /* Code written through the data cache must reach the instruction cache. */
        if ((c->flags & SEL4C_CAPDL_CAP_EXECUTABLE) && f->extra_count &&
            INVOKE(in, "unify caches",
                   seL4_ARM_Page_Unify_Instruction(cap, 0, UINT64_C(1) << f->size_bits)))
            return -1;
    }
    return 0;
}

int init_assign_asids(init_t *in)
{
    const sel4c_capdl_spec_t *s = &in->spec;
    for (uint32_t i = 0; i < s->num_objects; i++)
        if (s->objects[i].type == SEL4C_CAPDL_PAGE_TABLE &&
            (s->objects[i].flags & SEL4C_CAPDL_OBJ_ROOT) &&
            INVOKE(in, "ASID",
                   seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, init_cap(in, i))))
            return -1;
    return 0;
}

int init_map_vspaces(init_t *in)
{
    const sel4c_capdl_spec_t *s = &in->spec;
    forget_originals();
    for (unsigned level = s->header->root_level + 1; level <= 3; level++)
        for (uint32_t i = 0; i < s->num_objects; i++) {
            const sel4c_capdl_object_t *o = &s->objects[i];
            if (o->level != level || !mapped_table(o) || (o->flags & SEL4C_CAPDL_OBJ_ROOT))
                continue;
            uint32_t root;
            uint64_t vaddr = table_vaddr(in, i, &root);
            if (INVOKE(in, "map page table",
                       seL4_ARM_PageTable_Map(init_cap(in, i), init_cap(in, root), vaddr,
                                              seL4_ARM_Default_VMAttributes)))
                return -1;
        }
    for (uint32_t i = 0; i < s->num_objects; i++)
        if (mapped_table(&s->objects[i]) && map_frames(in, i))
            return -1;
    return 0;
}
