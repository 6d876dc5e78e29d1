/*
 * Checking a binary spec once, so that its readers need no checks: every table in bounds,
 * every index and offset valid, every field in range, every cap of a type its holder accepts.
 */
#include "capdl.h"

#define FAIL(t, i, w)                                                                              \
    do {                                                                                           \
        err->table = (t);                                                                          \
        err->index = (uint32_t)(i);                                                                \
        err->what = (w);                                                                           \
        return -1;                                                                                 \
    } while (0)

static const char *const type_names[SEL4C_CAPDL_TYPE_COUNT] = {
    [SEL4C_CAPDL_UNTYPED] = "ut",
    [SEL4C_CAPDL_ENDPOINT] = "ep",
    [SEL4C_CAPDL_NOTIFICATION] = "notification",
    [SEL4C_CAPDL_CNODE] = "cnode",
    [SEL4C_CAPDL_TCB] = "tcb",
    [SEL4C_CAPDL_FRAME] = "frame",
    [SEL4C_CAPDL_PAGE_TABLE] = "pt",
    [SEL4C_CAPDL_ASID_POOL] = "asid_pool",
    [SEL4C_CAPDL_IRQ] = "irq",
    [SEL4C_CAPDL_SCHED_CONTEXT] = "sc",
    [SEL4C_CAPDL_REPLY] = "rtreply",
    [SEL4C_CAPDL_VCPU] = "vcpu",
    [SEL4C_CAPDL_ARM_SMC] = "arm_smc",
};

const char *sel4c_capdl_type_name(unsigned type)
{
    return type < SEL4C_CAPDL_TYPE_COUNT && type_names[type] ? type_names[type] : "?";
}

unsigned sel4c_capdl_object_bits(const sel4c_capdl_sizes_t *z, const sel4c_capdl_object_t *o)
{
    switch (o->type) {
    case SEL4C_CAPDL_UNTYPED:
    case SEL4C_CAPDL_FRAME:
    case SEL4C_CAPDL_SCHED_CONTEXT: return o->size_bits;
    case SEL4C_CAPDL_CNODE: return o->size_bits + z->slot_bits;
    case SEL4C_CAPDL_PAGE_TABLE:
        return (o->flags & SEL4C_CAPDL_OBJ_ROOT) ? z->root_bits : z->bits[o->type];
    default: return o->type < SEL4C_CAPDL_TYPE_COUNT ? z->bits[o->type] : 0;
    }
}

int sel4c_capdl_sizes_equal(const sel4c_capdl_sizes_t *a, const sel4c_capdl_sizes_t *b)
{
    for (unsigned i = 0; i < SEL4C_CAPDL_TYPE_COUNT; i++)
        if (a->bits[i] != b->bits[i])
            return 0;
    return a->root_bits == b->root_bits && a->slot_bits == b->slot_bits;
}

void sel4c_capdl_sizes_aarch64(sel4c_capdl_sizes_t *z, int mcs, int hyp)
{
    for (unsigned i = 0; i < SEL4C_CAPDL_TYPE_COUNT; i++)
        z->bits[i] = 0;
    z->bits[SEL4C_CAPDL_ENDPOINT] = 4;
    z->bits[SEL4C_CAPDL_NOTIFICATION] = mcs ? 6 : 5;
    z->bits[SEL4C_CAPDL_TCB] = 11;
    z->bits[SEL4C_CAPDL_PAGE_TABLE] = 12;
    z->bits[SEL4C_CAPDL_ASID_POOL] = 12;
    z->bits[SEL4C_CAPDL_REPLY] = 5;
    z->bits[SEL4C_CAPDL_VCPU] = 12;
    z->root_bits = hyp ? 13 : 12;
    z->slot_bits = 5;
}

/* A table of `count` records of `rec` bytes inside the spec, 8-byte aligned. */
static const void *table(const uint8_t *base, uint64_t size, sel4c_capdl_table_t t, uint64_t rec)
{
    if (t.offset % 8 || t.offset > size || (uint64_t)t.count * rec > size - t.offset)
        return 0;
    return base + t.offset;
}

int sel4c_capdl_tcb_slot_accepts(uint32_t slot, const sel4c_capdl_object_t *o)
{
    switch (slot) {
    case SEL4C_CAPDL_TCB_CSPACE: return o->type == SEL4C_CAPDL_CNODE;
    case SEL4C_CAPDL_TCB_VSPACE:
        return o->type == SEL4C_CAPDL_PAGE_TABLE && (o->flags & SEL4C_CAPDL_OBJ_ROOT);
    case SEL4C_CAPDL_TCB_IPC_BUFFER: return o->type == SEL4C_CAPDL_FRAME && o->size_bits == 12;
    case SEL4C_CAPDL_TCB_FAULT_EP:
    case SEL4C_CAPDL_TCB_TEMPFAULT_EP: return o->type == SEL4C_CAPDL_ENDPOINT;
    case SEL4C_CAPDL_TCB_SC: return o->type == SEL4C_CAPDL_SCHED_CONTEXT;
    case SEL4C_CAPDL_TCB_BOUND_NOTIFICATION: return o->type == SEL4C_CAPDL_NOTIFICATION;
    default: return 0;
    }
}

/* Does entry `slot` of page table `pt` (object index `pti`) accept a cap to object `ci`? */
static const char *table_entry_problem(const sel4c_capdl_spec_t *s, uint32_t pti, uint32_t slot,
                                       uint32_t ci)
{
    const sel4c_capdl_object_t *pt = &s->objects[pti], *c = &s->objects[ci];
    if (slot >> sel4c_capdl_table_index_bits(pt))
        return "page table slot out of range";
    if (c->type == SEL4C_CAPDL_FRAME) {
        if (pt->level == 0 || c->size_bits != sel4c_capdl_level_shift(pt->level))
            return "frame of the wrong size for this page-table level";
        return 0;
    }
    if (c->type != SEL4C_CAPDL_PAGE_TABLE || (c->flags & SEL4C_CAPDL_OBJ_ROOT))
        return "page table entry is neither a frame nor a page table";
    if (c->level != pt->level + 1)
        return "page table of the wrong level";
    if (c->extra != pti || c->extra_count != slot)
        return "page table mapped in more than one place";
    return 0;
}

static int check_object(const sel4c_capdl_spec_t *s, uint32_t i, sel4c_capdl_error_t *err)
{
    const sel4c_capdl_header_t *h = s->header;
    const sel4c_capdl_object_t *o = &s->objects[i];
    const char *t = "objects";
    if (o->name >= h->strings.count)
        FAIL(t, i, "name outside the string table");
    if (o->caps_first > h->caps.count || o->caps_count > h->caps.count - o->caps_first)
        FAIL(t, i, "caps outside the cap table");
    if (o->flags & ~(SEL4C_CAPDL_OBJ_PADDR | SEL4C_CAPDL_OBJ_ROOT | SEL4C_CAPDL_OBJ_ZERO_COPY))
        FAIL(t, i, "unknown object flags");
    unsigned bits = o->size_bits;
    switch (o->type) {
    case SEL4C_CAPDL_UNTYPED:
        if (bits < 4 || bits > 47)
            FAIL(t, i, "untyped size out of range (4 to 47 bits)");
        break;
    case SEL4C_CAPDL_CNODE:
        if (bits < 1 || bits > 27)
            FAIL(t, i, "CNode size out of range (1 to 27 bits)");
        break;
    case SEL4C_CAPDL_FRAME:
        if (bits != 12 && bits != 21 && bits != 30)
            FAIL(t, i, "frame size is not 4 KiB, 2 MiB or 1 GiB");
        if (o->extra > h->fills.count || o->extra_count > h->fills.count - o->extra)
            FAIL(t, i, "fills outside the fill table");
        break;
    case SEL4C_CAPDL_SCHED_CONTEXT:
        if (bits < 7 || bits > 20 || o->extra >= h->sched_contexts.count)
            FAIL(t, i, "scheduling context size or parameters out of range");
        break;
    case SEL4C_CAPDL_TCB:
        if (o->extra >= h->tcbs.count)
            FAIL(t, i, "TCB parameters outside the TCB table");
        break;
    case SEL4C_CAPDL_IRQ:
        if (o->extra >= h->irqs.count)
            FAIL(t, i, "IRQ parameters outside the IRQ table");
        break;
    case SEL4C_CAPDL_PAGE_TABLE:
        if (o->level > 3)
            FAIL(t, i, "page table level above 3");
        if ((o->flags & SEL4C_CAPDL_OBJ_ROOT) ? o->level != h->root_level
                                              : o->level <= h->root_level)
            FAIL(t, i, "page table level does not fit the VSpace root level");
        if (!(o->flags & SEL4C_CAPDL_OBJ_ROOT) && o->extra != SEL4C_CAPDL_UNMAPPED &&
            (o->extra >= s->num_objects || s->objects[o->extra].type != SEL4C_CAPDL_PAGE_TABLE ||
             s->objects[o->extra].level + 1 != o->level))
            FAIL(t, i, "page table's parent is not a page table one level up");
        break;
    case SEL4C_CAPDL_ENDPOINT:
    case SEL4C_CAPDL_NOTIFICATION:
    case SEL4C_CAPDL_ASID_POOL:
    case SEL4C_CAPDL_ARM_SMC:
    case SEL4C_CAPDL_REPLY: break;
    case SEL4C_CAPDL_VCPU: FAIL(t, i, "VCPU objects are not supported yet");
    default: FAIL(t, i, "unknown object type");
    }
    if ((o->flags & SEL4C_CAPDL_OBJ_ROOT) && o->type != SEL4C_CAPDL_PAGE_TABLE)
        FAIL(t, i, "only page tables can be VSpace roots");
    if (o->flags & SEL4C_CAPDL_OBJ_PADDR) {
        if (o->type != SEL4C_CAPDL_UNTYPED && o->type != SEL4C_CAPDL_FRAME)
            FAIL(t, i, "only untyped memory and frames can be at a physical address");
        if (o->paddr & ((UINT64_C(1) << bits) - 1))
            FAIL(t, i, "physical address not aligned to the object's size");
    }
    if (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY) {
        if (o->type != SEL4C_CAPDL_FRAME || bits != 12 || (o->paddr & 0xfff) ||
            (o->flags & SEL4C_CAPDL_OBJ_PADDR))
            FAIL(t, i, "zero-copy object is not a page-aligned 4 KiB frame");
    }
    /* The object's caps: in increasing slot order, each accepted by its holder. */
    for (uint32_t k = 0; k < o->caps_count; k++) {
        uint32_t ci = o->caps_first + k;
        const sel4c_capdl_cap_t *c = &s->caps[ci];
        if (c->object >= s->num_objects)
            FAIL("caps", ci, "cap to an object that does not exist");
        if (k && c->slot <= s->caps[ci - 1].slot)
            FAIL("caps", ci, "slots not in increasing order");
        if ((c->rights & ~SEL4C_CAPDL_RIGHTS_ALL) ||
            (c->flags & ~(SEL4C_CAPDL_CAP_UNCACHED | SEL4C_CAPDL_CAP_EXECUTABLE)) ||
            c->guard_size > 64)
            FAIL("caps", ci, "rights, flags or guard size out of range");
        const sel4c_capdl_object_t *target = &s->objects[c->object];
        const char *problem = 0;
        switch (o->type) {
        case SEL4C_CAPDL_CNODE:
            if ((uint64_t)c->slot >> bits)
                problem = "CNode slot out of range";
            else if (target->type == SEL4C_CAPDL_CNODE && c->guard_size + bits > 64)
                problem = "guard and CNode size exceed 64 bits";
            break;
        case SEL4C_CAPDL_TCB:
            if (!sel4c_capdl_tcb_slot_accepts(c->slot, target))
                problem = "TCB slot holds a cap of the wrong type";
            break;
        case SEL4C_CAPDL_PAGE_TABLE: problem = table_entry_problem(s, i, c->slot, c->object); break;
        case SEL4C_CAPDL_IRQ:
            if (c->slot != 0 || target->type != SEL4C_CAPDL_NOTIFICATION)
                problem = "an IRQ holds only a notification, in slot 0";
            break;
        default: problem = "this object type holds no caps";
        }
        if (problem)
            FAIL("caps", ci, problem);
    }
    return 0;
}

static int check_fills(const sel4c_capdl_spec_t *s, sel4c_capdl_error_t *err)
{
    const sel4c_capdl_header_t *h = s->header;
    for (uint32_t i = 0; i < s->num_objects; i++) {
        const sel4c_capdl_object_t *o = &s->objects[i];
        if (o->type != SEL4C_CAPDL_FRAME)
            continue;
        uint64_t frame = UINT64_C(1) << o->size_bits;
        for (uint32_t k = 0; k < o->extra_count; k++) {
            const sel4c_capdl_fill_t *f = &s->fills[o->extra + k];
            uint32_t fi = o->extra + k;
            if ((uint64_t)f->dest_offset + f->length > frame)
                FAIL("fills", fi, "fill extends past the end of its frame");
            if (f->file != SEL4C_CAPDL_NO_FILE && f->file >= h->strings.count)
                FAIL("fills", fi, "file name outside the string table");
            if (o->flags & SEL4C_CAPDL_OBJ_ZERO_COPY)
                continue;
            switch (f->kind) {
            case SEL4C_CAPDL_FILL_DATA:
                if (f->data_length != f->length)
                    FAIL("fills", fi, "data length differs from fill length");
                /* fall through */
            case SEL4C_CAPDL_FILL_LZ4:
                if (f->data_offset > h->data.count ||
                    f->data_length > h->data.count - f->data_offset)
                    FAIL("fills", fi, "fill data outside the data area");
                break;
            case SEL4C_CAPDL_FILL_FDT: break;
            default: FAIL("fills", fi, "unknown fill kind");
            }
        }
    }
    return 0;
}

int sel4c_capdl_open(sel4c_capdl_spec_t *spec, const void *blob, uint64_t size,
                     sel4c_capdl_error_t *err)
{
    const uint8_t *b = blob;
    const sel4c_capdl_header_t *h = blob;
    const char magic[8] = SEL4C_CAPDL_MAGIC;
    if ((uintptr_t)blob % 8)
        FAIL("header", 0, "spec not 8-byte aligned in memory");
    if (size < sizeof *h)
        FAIL("header", 0, "spec shorter than its header");
    for (unsigned i = 0; i < 8; i++)
        if (h->magic[i] != magic[i])
            FAIL("header", 0, "not a sel4c CapDL spec (bad magic)");
    if (h->version != SEL4C_CAPDL_VERSION)
        FAIL("header", 0, "unsupported spec version");
    if (h->arch != SEL4C_CAPDL_ARCH_AARCH64)
        FAIL("header", 0, "spec for another architecture");
    if (h->size != size)
        FAIL("header", 0, "spec size differs from the header's");
    if (h->root_level > 1)
        FAIL("header", 0, "VSpace root level out of range");
    for (unsigned i = 0; i < SEL4C_CAPDL_TYPE_COUNT; i++)
        if (h->sizes.bits[i] > 30)
            FAIL("header", 0, "object size out of range");
    if (h->sizes.root_bits > 30 || h->sizes.slot_bits > 8)
        FAIL("header", 0, "object size out of range");

    sel4c_capdl_spec_t s = {.header = h};
#define TABLE(field, name)                                                                         \
    if (!(s.field = table(b, size, h->field, sizeof *s.field)))                                    \
        FAIL("header", 0, "table `" name "` outside the spec");
    TABLE(objects, "objects")
    TABLE(caps, "caps")
    TABLE(tcbs, "tcbs")
    TABLE(irqs, "irqs")
    TABLE(sched_contexts, "sched_contexts")
    TABLE(fills, "fills")
    TABLE(registers, "registers")
    TABLE(domain_schedule, "domain_schedule")
#undef TABLE
    if (h->strings.offset > size || h->strings.count > size - h->strings.offset ||
        h->data.offset > size || h->data.count > size - h->data.offset)
        FAIL("header", 0, "strings or data outside the spec");
    s.strings = (const char *)b + h->strings.offset;
    s.data = b + h->data.offset;
    if (h->strings.count == 0 || s.strings[h->strings.count - 1] != '\0')
        FAIL("strings", 0, "string table not NUL-terminated");
    s.num_objects = h->objects.count;
    s.num_caps = h->caps.count;
    s.num_domain_entries = h->domain_schedule.count;

    for (uint32_t i = 0; i < s.num_objects; i++)
        if (check_object(&s, i, err))
            return -1;
    if (sel4c_capdl_check_children(s.objects, s.num_objects, &h->sizes, err))
        return -1;
    for (uint32_t i = 0; i < h->tcbs.count; i++) {
        const sel4c_capdl_tcb_t *t = &s.tcbs[i];
        if (t->regs_first > h->registers.count ||
            t->regs_count > h->registers.count - t->regs_first)
            FAIL("tcbs", i, "initial registers outside the register table");
        if (t->regs_count > 8)
            FAIL("tcbs", i, "more than 8 initial registers (x0 to x7)");
        if (t->flags & ~SEL4C_CAPDL_TCB_RESUME)
            FAIL("tcbs", i, "unknown TCB flags");
    }
    for (uint32_t i = 0; i < h->irqs.count; i++)
        if (s.irqs[i].trigger > 1)
            FAIL("irqs", i, "IRQ trigger is neither level (0) nor edge (1)");
    if (check_fills(&s, err))
        return -1;
    *spec = s;
    return 0;
}
