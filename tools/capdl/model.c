/* The spec model: objects by name, caps per holder, and the names the text forms use. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static void index_insert(cdl_spec_t *s, size_t obj)
{
    size_t mask = s->index_size - 1;
    for (size_t i = hash(s->objs[obj].name) & mask;; i = (i + 1) & mask) {
        if (!s->index[i]) {
            s->index[i] = (uint32_t)obj + 1;
            return;
        }
    }
}

long cdl_find(const cdl_spec_t *s, const char *name)
{
    if (!s->index_size)
        return -1;
    size_t mask = s->index_size - 1;
    for (size_t i = hash(name) & mask; s->index[i]; i = (i + 1) & mask)
        if (!strcmp(s->objs[s->index[i] - 1].name, name))
            return (long)s->index[i] - 1;
    return -1;
}

long cdl_add_object(cdl_spec_t *s, const char *name, int line)
{
    long prev = cdl_find(s, name);
    if (prev >= 0) {
        diag_error(s->path, line, "object `%s` already defined at line %d", name,
                   s->objs[prev].line);
        return -1;
    }
    if (s->nobjs == s->objs_cap) {
        s->objs_cap = s->objs_cap ? 2 * s->objs_cap : 64;
        s->objs = xrealloc(s->objs, s->objs_cap * sizeof *s->objs);
    }
    if (2 * (s->nobjs + 1) > s->index_size) { /* keep the load at most 1/2 */
        free(s->index);
        s->index_size = s->index_size ? 2 * s->index_size : 128;
        s->index = xcalloc(s->index_size, sizeof *s->index);
        for (size_t i = 0; i < s->nobjs; i++)
            index_insert(s, i);
    }
    cdl_obj_t *o = &s->objs[s->nobjs];
    memset(o, 0, sizeof *o);
    o->name = xstrdup(name);
    o->line = line;
    o->tcb.flags = SEL4C_CAPDL_TCB_RESUME;
    index_insert(s, s->nobjs);
    return (long)s->nobjs++;
}

cdl_cap_t *cdl_add_cap(cdl_spec_t *s, size_t obj, int line)
{
    cdl_obj_t *o = &s->objs[obj];
    if (o->ncaps == o->caps_cap) {
        o->caps_cap = o->caps_cap ? 2 * o->caps_cap : 4;
        o->caps = xrealloc(o->caps, o->caps_cap * sizeof *o->caps);
    }
    cdl_cap_t *c = &o->caps[o->ncaps++];
    memset(c, 0, sizeof *c);
    c->line = line;
    return c;
}

static int cap_cmp(const void *a, const void *b)
{
    const cdl_cap_t *x = a, *y = b;
    if (x->c.slot != y->c.slot)
        return x->c.slot < y->c.slot ? -1 : 1;
    return x->line - y->line; /* duplicates stay in source order, for messages */
}

void cdl_sort_caps(cdl_spec_t *s)
{
    for (size_t i = 0; i < s->nobjs; i++)
        if (s->objs[i].ncaps > 1)
            qsort(s->objs[i].caps, s->objs[i].ncaps, sizeof(cdl_cap_t), cap_cmp);
}

typedef struct order_key {
    size_t index;
    bool fixed;
    unsigned bits;
    uint64_t paddr;
} order_key_t;

static int order_cmp(const void *a, const void *b)
{
    const order_key_t *x = a, *y = b;
    if (x->fixed != y->fixed)
        return x->fixed ? -1 : 1;
    if (x->fixed && x->paddr != y->paddr)
        return x->paddr < y->paddr ? -1 : 1;
    if (!x->fixed && x->bits != y->bits)
        return x->bits > y->bits ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index; /* stable */
}

static order_key_t order_key(const cdl_spec_t *s, const sel4c_capdl_sizes_t *z, size_t i)
{
    const sel4c_capdl_object_t *o = &s->objs[i].o;
    return (order_key_t){i, (o->flags & SEL4C_CAPDL_OBJ_PADDR) != 0, sel4c_capdl_object_bits(z, o),
                         o->paddr};
}

/* Appends the objects of `keys` (n of them) to `order` in allocation order. */
static size_t append_sorted(size_t *order, size_t at, order_key_t *keys, size_t n)
{
    qsort(keys, n, sizeof *keys, order_cmp);
    for (size_t i = 0; i < n; i++)
        order[at++] = keys[i].index;
    return at;
}

/*
 * Appends the children of untyped `u` (`keys`, n of them) in the order they are retyped from
 * it: those at a physical address by address, each preceded by the others (largest first)
 * that fit below it, then the rest largest first. Offsets are from the untyped's start,
 * which is aligned to its size, so aligning them aligns the address.
 */
static size_t append_children(size_t *order, size_t at, order_key_t *keys, size_t n,
                              const sel4c_capdl_object_t *u)
{
    qsort(keys, n, sizeof *keys, order_cmp);
    size_t fixed = 0;
    while (fixed < n && keys[fixed].fixed)
        fixed++;
    bool *taken = xcalloc(n + 1, sizeof *taken);
    uint64_t used = 0;
    for (size_t f = 0; f < fixed; f++) {
        uint64_t below = keys[f].paddr >= u->paddr ? keys[f].paddr - u->paddr : 0;
        for (size_t j = fixed; j < n && below > used && keys[j].bits < 64; j++) {
            uint64_t size = UINT64_C(1) << keys[j].bits, a = (used + size - 1) & ~(size - 1);
            if (!taken[j] && a < below && size <= below - a) {
                order[at++] = keys[j].index;
                taken[j] = true;
                used = a + size;
            }
        }
        order[at++] = keys[f].index;
        if (keys[f].bits < 64 && below >= used)
            used = below + (UINT64_C(1) << keys[f].bits);
    }
    for (size_t j = fixed; j < n; j++)
        if (!taken[j])
            order[at++] = keys[j].index;
    free(taken);
    return at;
}

size_t *cdl_allocation_order(const cdl_spec_t *s, const sel4c_capdl_sizes_t *z)
{
    size_t n = s->nobjs, top = 0, done = 0;
    order_key_t *keys = xcalloc(n + 1, sizeof *keys);
    size_t *order = xcalloc(n + 1, sizeof *order);
    /* children lists, in spec order */
    size_t *first = xcalloc(n + 1, sizeof *first), *next = xcalloc(n + 1, sizeof *next);
    size_t *last = xcalloc(n + 1, sizeof *last);
    bool *placed = xcalloc(n + 1, sizeof *placed);
    for (size_t i = 0; i < n; i++) {
        uint32_t p = s->objs[i].o.parent;
        if (!p || p > n) {
            keys[top++] = order_key(s, z, i);
            continue;
        }
        if (first[p - 1])
            next[last[p - 1] - 1] = i + 1;
        else
            first[p - 1] = i + 1;
        last[p - 1] = i + 1;
    }
    done = append_sorted(order, 0, keys, top);
    for (size_t q = 0; q < done; q++) { /* parents in order; their groups after */
        placed[order[q]] = true;
        size_t k = 0;
        for (size_t c = first[order[q]]; c; c = next[c - 1])
            keys[k++] = order_key(s, z, c - 1);
        done = append_children(order, done, keys, k, &s->objs[order[q]].o);
    }
    for (size_t i = 0; i < n && done < n; i++)
        if (!placed[i])
            order[done++] = i;
    free(keys);
    free(first);
    free(next);
    free(last);
    free(placed);
    return order;
}

sel4c_capdl_object_t *cdl_ordered_objects(const cdl_spec_t *s, const sel4c_capdl_sizes_t *z,
                                          size_t **order)
{
    size_t m = s->nobjs, *pos = xcalloc(m + 1, sizeof *pos);
    sel4c_capdl_object_t *objs = xcalloc(m + 1, sizeof *objs);
    *order = cdl_allocation_order(s, z);
    for (size_t i = 0; i < m; i++)
        pos[(*order)[i]] = i;
    for (size_t i = 0; i < m; i++) {
        objs[i] = s->objs[(*order)[i]].o;
        if (objs[i].parent)
            objs[i].parent = (uint32_t)pos[objs[i].parent - 1] + 1;
    }
    free(pos);
    return objs;
}

void cdl_free(cdl_spec_t *s)
{
    for (size_t i = 0; i < s->nobjs; i++) {
        cdl_obj_t *o = &s->objs[i];
        free(o->name);
        free(o->caps);
        for (size_t k = 0; k < o->nfills; k++)
            free(o->fills[k].file);
        free(o->fills);
        free(o->regs);
    }
    free(s->objs);
    free(s->domains);
    free(s->index);
    memset(s, 0, sizeof *s);
}

static const struct {
    const char *name;
    unsigned type, level;
} type_names[] = {
    {"ut", SEL4C_CAPDL_UNTYPED, 0},
    {"ep", SEL4C_CAPDL_ENDPOINT, 0},
    {"notification", SEL4C_CAPDL_NOTIFICATION, 0},
    {"cnode", SEL4C_CAPDL_CNODE, 0},
    {"tcb", SEL4C_CAPDL_TCB, 0},
    {"frame", SEL4C_CAPDL_FRAME, 0},
    {"pgd", SEL4C_CAPDL_PAGE_TABLE, 0},
    {"pud", SEL4C_CAPDL_PAGE_TABLE, 1},
    {"pd", SEL4C_CAPDL_PAGE_TABLE, 2},
    {"pt", SEL4C_CAPDL_PAGE_TABLE, 3},
    {"asid_pool", SEL4C_CAPDL_ASID_POOL, 0},
    {"irq", SEL4C_CAPDL_IRQ, 0},
    {"arm_irq", SEL4C_CAPDL_IRQ, 0},
    {"arm_smc", SEL4C_CAPDL_ARM_SMC, 0},
    {"sc", SEL4C_CAPDL_SCHED_CONTEXT, 0},
    {"rtreply", SEL4C_CAPDL_REPLY, 0},
    {"vcpu", SEL4C_CAPDL_VCPU, 0},
};

unsigned cdl_type_from_name(const char *name, unsigned *level)
{
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++) {
        if (!strcmp(type_names[i].name, name)) {
            *level = type_names[i].level;
            return type_names[i].type;
        }
    }
    return 0;
}

const char *cdl_type_to_name(const cdl_obj_t *o)
{
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++)
        if (type_names[i].type == o->o.type &&
            (o->o.type != SEL4C_CAPDL_PAGE_TABLE || type_names[i].level == o->o.level))
            return type_names[i].name;
    return "?";
}

static const char *const tcb_slots[SEL4C_CAPDL_TCB_SLOT_COUNT] = {
    [SEL4C_CAPDL_TCB_CSPACE] = "cspace",
    [SEL4C_CAPDL_TCB_VSPACE] = "vspace",
    [SEL4C_CAPDL_TCB_IPC_BUFFER] = "ipc_buffer_slot",
    [SEL4C_CAPDL_TCB_FAULT_EP] = "fault_ep_slot",
    [SEL4C_CAPDL_TCB_SC] = "sc_slot",
    [SEL4C_CAPDL_TCB_TEMPFAULT_EP] = "tempfault_ep_slot",
    [SEL4C_CAPDL_TCB_BOUND_NOTIFICATION] = "bound_notification",
    [SEL4C_CAPDL_TCB_VCPU] = "vcpu",
};

int cdl_tcb_slot_from_name(const char *name)
{
    for (int i = 0; i < SEL4C_CAPDL_TCB_SLOT_COUNT; i++)
        if (!strcmp(tcb_slots[i], name))
            return i;
    return -1;
}

const char *cdl_tcb_slot_name(unsigned slot)
{
    return slot < SEL4C_CAPDL_TCB_SLOT_COUNT ? tcb_slots[slot] : "?";
}

void cdl_rights_to_text(const sel4c_capdl_cap_t *c, char out[8])
{
    char *p = out;
    if (c->rights & SEL4C_CAPDL_RIGHT_READ)
        *p++ = 'R';
    if (c->rights & SEL4C_CAPDL_RIGHT_WRITE)
        *p++ = 'W';
    if (c->flags & SEL4C_CAPDL_CAP_EXECUTABLE)
        *p++ = 'X';
    if (c->rights & SEL4C_CAPDL_RIGHT_GRANT)
        *p++ = 'G';
    if (c->rights & SEL4C_CAPDL_RIGHT_GRANT_REPLY)
        *p++ = 'P';
    *p = '\0';
}

bool cdl_read_buffer(cdl_spec_t *s, const char *path, const char *text, size_t size)
{
    if (strlen(text) != size) {
        diag_error(path, 0, "NUL byte in the spec");
        return false;
    }
    const char *p = text + strspn(text, " \t\r\n");
    bool ok = *p == '{' ? cdl_read_json(s, path, text) : cdl_read_text(s, path, text);
    if (ok)
        cdl_sort_caps(s);
    return ok;
}
