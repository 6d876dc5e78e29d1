/*
 * `print`: the normalized text form (objects by name, caps by slot, numbers in one style),
 * so that two specs describing the same system print identically; and `stats`.
 */
#define _GNU_SOURCE /* qsort_r */
#include "print.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int name_cmp(const void *a, const void *b, void *ctx)
{
    const cdl_spec_t *s = ctx;
    return strcmp(s->objs[*(const size_t *)a].name, s->objs[*(const size_t *)b].name);
}

static void print_params(strbuf_t *sb, const cdl_obj_t *o)
{
    strbuf_t p = STRBUF_INIT;
    const char *sep = "";
#define PARAM(...)                                                                                 \
    do {                                                                                           \
        sb_put(&p, sep);                                                                           \
        sb_printf(&p, __VA_ARGS__);                                                                \
        sep = ", ";                                                                                \
    } while (0)
    switch (o->o.type) {
    case SEL4C_CAPDL_FRAME:
        PARAM("%s", o->o.size_bits == 12 ? "4k" : o->o.size_bits == 21 ? "2M" : "1G");
        break;
    case SEL4C_CAPDL_UNTYPED:
    case SEL4C_CAPDL_CNODE:
    case SEL4C_CAPDL_SCHED_CONTEXT: PARAM("%u bits", o->o.size_bits); break;
    }
    if (o->o.flags & SEL4C_CAPDL_OBJ_PADDR)
        PARAM("paddr: 0x%llx", (unsigned long long)o->o.paddr);
    if (o->o.type == SEL4C_CAPDL_FRAME && o->nfills) {
        PARAM("fill: [");
        for (size_t i = 0; i < o->nfills; i++) {
            const cdl_fill_t *f = &o->fills[i];
            sb_printf(&p, "%s{%u %u ", i ? ", " : "", f->dest_offset, f->length);
            if (f->source == CDL_FILL_FILE)
                sb_printf(&p, "CDL_FrameFill_FileData \"%s\" %llu}", f->file,
                          (unsigned long long)f->file_offset);
            else
                sb_put(&p, "CDL_FrameFill_BootInfo CDL_FrameFill_BootInfo_FDT 0}");
        }
        sb_put(&p, "]");
    }
    if (o->o.type == SEL4C_CAPDL_TCB) {
        const sel4c_capdl_tcb_t *t = &o->tcb;
        PARAM("addr: 0x%llx, ip: 0x%llx, sp: 0x%llx, prio: %u, max_prio: %u, affinity: %u",
              (unsigned long long)t->ipc_buffer_addr, (unsigned long long)t->ip,
              (unsigned long long)t->sp, t->priority, t->max_priority, t->affinity);
        if (t->domain)
            PARAM("dom: %u", t->domain);
        if (t->fault_ep)
            PARAM("fault_ep: 0x%llx", (unsigned long long)t->fault_ep);
        if (o->nregs) {
            PARAM("init: [");
            for (size_t i = 0; i < o->nregs; i++)
                sb_printf(&p, "%s0x%llx", i ? ", " : "", (unsigned long long)o->regs[i]);
            sb_put(&p, "]");
        }
        if (!(t->flags & SEL4C_CAPDL_TCB_RESUME))
            PARAM("resume: false");
    }
    if (o->o.type == SEL4C_CAPDL_SCHED_CONTEXT) {
        PARAM("period: %llu, budget: %llu, data: 0x%llx", (unsigned long long)o->sc.period,
              (unsigned long long)o->sc.budget, (unsigned long long)o->sc.badge);
        if (o->sc.extra_refills)
            PARAM("extra_refills: %u", o->sc.extra_refills);
    }
    if (o->o.type == SEL4C_CAPDL_IRQ)
        PARAM("trigger: %s, target: %u", o->irq.trigger ? "edge" : "level", o->irq.target);
#undef PARAM
    if (p.len)
        sb_printf(sb, " (%s)", sb_str(&p));
    sb_free(&p);
}

static void print_cap(strbuf_t *sb, const cdl_spec_t *s, const cdl_obj_t *h, const cdl_cap_t *c)
{
    const cdl_obj_t *t = &s->objs[c->c.object];
    if (h->o.type == SEL4C_CAPDL_TCB)
        sb_printf(sb, "    %s: %s", cdl_tcb_slot_name(c->c.slot), t->name);
    else
        sb_printf(sb, "    0x%x: %s", c->c.slot, t->name);
    char rights[8];
    cdl_rights_to_text(&c->c, rights);
    strbuf_t p = STRBUF_INIT;
    if (rights[0])
        sb_put(&p, rights);
    if (t->o.type == SEL4C_CAPDL_CNODE)
        sb_printf(&p, "%sguard: 0x%llx, guard_size: %u", p.len ? ", " : "",
                  (unsigned long long)c->c.badge, c->c.guard_size);
    else if (c->c.badge)
        sb_printf(&p, "%sbadge: 0x%llx", p.len ? ", " : "", (unsigned long long)c->c.badge);
    if (c->c.flags & SEL4C_CAPDL_CAP_UNCACHED)
        sb_printf(&p, "%suncached", p.len ? ", " : "");
    if (p.len)
        sb_printf(sb, " (%s)", sb_str(&p));
    sb_putc(sb, '\n');
    sb_free(&p);
}

/* Children lists in name order: first[i] and next[i] are object index + 1, 0 for none. */
/*
 * Children lists in name order (first[i] and next[i] are object index + 1, 0 for none), and
 * arrays: objects `a[0]` to `a[N-1]` of one type and the same parameters are declared as
 * `a[N] = ...` at the top (array[i] = N for a[0]), each listed by name inside the untyped it
 * is in, and opened again (`a[k] = ut { ... }`) for the objects inside it.
 */
typedef struct tree {
    size_t *first, *next;
    size_t *array;
    bool *element;
} tree_t;

static void print_params_text(strbuf_t *out, const cdl_obj_t *o)
{
    sb_put(out, cdl_type_to_name(o));
    print_params(out, o);
}

static void find_arrays(const cdl_spec_t *s, tree_t *t)
{
    for (size_t i = 0; i < s->nobjs; i++) {
        const char *name = s->objs[i].name;
        size_t len = strlen(name);
        if (len < 4 || strcmp(name + len - 3, "[0]"))
            continue;
        strbuf_t want = STRBUF_INIT, have = STRBUF_INIT, elem = STRBUF_INIT;
        print_params_text(&want, &s->objs[i]);
        size_t n = 1;
        for (;; n++) {
            sb_reset(&elem);
            sb_printf(&elem, "%.*s[%zu]", (int)(len - 3), name, n);
            long e = cdl_find(s, sb_str(&elem));
            if (e < 0)
                break;
            sb_reset(&have);
            print_params_text(&have, &s->objs[e]);
            if (strcmp(sb_str(&have), sb_str(&want)))
                break;
        }
        sb_reset(&elem);
        sb_printf(&elem, "%.*s[%zu]", (int)(len - 3), name, n);
        if (cdl_find(s, sb_str(&elem)) < 0) { /* all elements alike: an array */
            t->array[i] = n;
            for (size_t k = 0; k < n; k++) {
                sb_reset(&elem);
                sb_printf(&elem, "%.*s[%zu]", (int)(len - 3), name, k);
                t->element[cdl_find(s, sb_str(&elem))] = true;
            }
        }
        sb_free(&want);
        sb_free(&have);
        sb_free(&elem);
    }
}

/* Object `i` and, inside braces, the objects declared inside it. */
static void print_object(strbuf_t *sb, const cdl_spec_t *s, const tree_t *t, size_t i,
                         unsigned depth)
{
    const cdl_obj_t *o = &s->objs[i];
    sb_printf(sb, "%*s%s = %s", 2 * depth, "", o->name, cdl_type_to_name(o));
    if (!t->element[i]) /* an element's parameters are its array's */
        print_params(sb, o);
    if (t->first[i]) {
        sb_put(sb, " {\n");
        for (size_t c = t->first[i]; c; c = t->next[c - 1])
            if (t->element[c - 1])
                sb_printf(sb, "%*s%s\n", 2 * depth + 2, "", s->objs[c - 1].name);
            else
                print_object(sb, s, t, c - 1, depth + 1);
        sb_printf(sb, "%*s}", 2 * depth, "");
    }
    sb_putc(sb, '\n');
}

/* An array's declaration, then its elements that hold objects, opened again. */
static void print_array(strbuf_t *sb, const cdl_spec_t *s, const tree_t *t, size_t first)
{
    const cdl_obj_t *o = &s->objs[first];
    size_t len = strlen(o->name) - 3;
    sb_printf(sb, "  %.*s[%zu] = %s", (int)len, o->name, t->array[first], cdl_type_to_name(o));
    print_params(sb, o);
    sb_putc(sb, '\n');
    strbuf_t elem = STRBUF_INIT;
    for (size_t k = 0; k < t->array[first]; k++) {
        sb_reset(&elem);
        sb_printf(&elem, "%.*s[%zu]", (int)len, o->name, k);
        size_t e = (size_t)cdl_find(s, sb_str(&elem));
        if (t->first[e])
            print_object(sb, s, t, e, 1);
    }
    sb_free(&elem);
}

void cdl_print(strbuf_t *sb, const cdl_spec_t *s)
{
    size_t *byname = calloc(s->nobjs + 1, sizeof *byname);
    tree_t t = {calloc(s->nobjs + 1, sizeof *t.first), calloc(s->nobjs + 1, sizeof *t.next),
                calloc(s->nobjs + 1, sizeof *t.array), calloc(s->nobjs + 1, sizeof *t.element)};
    size_t *last = calloc(s->nobjs + 1, sizeof *last);
    for (size_t i = 0; i < s->nobjs; i++)
        byname[i] = i;
    qsort_r(byname, s->nobjs, sizeof *byname, name_cmp, (void *)s);
    for (size_t k = 0; k < s->nobjs; k++) {
        size_t i = byname[k], p = s->objs[i].o.parent;
        if (!p)
            continue;
        if (t.first[p - 1])
            t.next[last[p - 1] - 1] = i + 1;
        else
            t.first[p - 1] = i + 1;
        last[p - 1] = i + 1;
    }
    find_arrays(s, &t);
    sb_put(sb, "arch aarch64\n\nobjects {\n");
    for (size_t k = 0; k < s->nobjs; k++) {
        size_t i = byname[k];
        if (t.array[i])
            print_array(sb, s, &t, i);
        else if (!s->objs[i].o.parent && !t.element[i])
            print_object(sb, s, &t, i, 1);
    }
    sb_put(sb, "}\n\ncaps {\n");
    for (size_t k = 0; k < s->nobjs; k++) {
        const cdl_obj_t *o = &s->objs[byname[k]];
        if (!o->ncaps)
            continue;
        sb_printf(sb, "  %s {\n", o->name);
        for (size_t c = 0; c < o->ncaps; c++)
            print_cap(sb, s, o, &o->caps[c]);
        sb_put(sb, "  }\n");
    }
    sb_put(sb, "}\n\nirq maps {\n");
    for (size_t k = 0; k < s->nobjs; k++) {
        const cdl_obj_t *o = &s->objs[byname[k]];
        if (o->o.type == SEL4C_CAPDL_IRQ && o->irq_mapped)
            sb_printf(sb, "  %u: %s\n", o->irq.irq, o->name);
    }
    sb_put(sb, "}\n");
    if (s->ndomains) {
        sb_put(sb, "\ndomain_schedule {\n");
        for (size_t i = 0; i < s->ndomains; i++)
            sb_printf(sb, "  %u: %llu\n", s->domains[i].domain,
                      (unsigned long long)s->domains[i].duration);
        sb_put(sb, "}\n");
    }
    free(byname);
    free(t.first);
    free(t.next);
    free(t.array);
    free(t.element);
    free(last);
}

void cdl_stats(strbuf_t *sb, const cdl_spec_t *s, const sel4c_capdl_sizes_t *z)
{
    uint64_t count[SEL4C_CAPDL_TYPE_COUNT] = {0}, bytes[SEL4C_CAPDL_TYPE_COUNT] = {0};
    uint64_t total = 0, caps = 0, fixed = 0;
    for (size_t i = 0; i < s->nobjs; i++) {
        const cdl_obj_t *o = &s->objs[i];
        unsigned bits = sel4c_capdl_object_bits(z, &o->o);
        uint64_t b = bits ? UINT64_C(1) << bits : 0;
        caps += o->ncaps;
        count[o->o.type]++;
        if (o->o.flags & SEL4C_CAPDL_OBJ_PADDR) {
            fixed += b; /* memory at fixed addresses: device or reserved, not allocated */
            continue;
        }
        bytes[o->o.type] += b;
        total += b;
    }
    sb_printf(sb, "%-14s %8s %14s\n", "type", "objects", "bytes");
    for (unsigned t = 1; t < SEL4C_CAPDL_TYPE_COUNT; t++)
        if (count[t])
            sb_printf(sb, "%-14s %8llu %14llu\n", sel4c_capdl_type_name(t),
                      (unsigned long long)count[t], (unsigned long long)bytes[t]);
    sb_printf(sb, "%-14s %8zu %14llu\n", "total", s->nobjs, (unsigned long long)total);
    sb_printf(sb, "caps: %llu; at fixed physical addresses: %llu bytes\n", (unsigned long long)caps,
              (unsigned long long)fixed);
}
