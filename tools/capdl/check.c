/*
 * Semantic checks of a spec: object parameters, every cap against its holder, the page-table
 * trees, fills and their files, and (given untypeds) whether the objects fit.
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../common/diag.h"
#include "../common/strbuf.h"

typedef struct checker {
    cdl_spec_t *s;
    const cdl_check_opts_t *opts;
    unsigned errors;
} checker_t;

static void problem(checker_t *k, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(checker_t *k, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(k->s->path, line, "%s", msg);
    k->errors++;
}

/*
 * An untyped declared without a size, as capDL-tool allows, gets the smallest that holds the
 * objects declared inside it (largest first they pack without gaps). Deeper untypeds come
 * first, as they may be inside one themselves. Children at physical addresses need a size.
 */
static void size_untypeds(checker_t *k)
{
    cdl_spec_t *s = k->s;
    size_t n = s->nobjs, max_depth = 0;
    size_t *depth = xcalloc(n + 1, sizeof *depth);
    uint64_t *need = xcalloc(n + 1, sizeof *need);
    bool *fixed = xcalloc(n + 1, sizeof *fixed);
    for (size_t i = 0; i < n; i++) {
        size_t d = 0;
        for (const cdl_obj_t *a = &s->objs[i]; a->o.parent && d <= n; d++)
            a = &s->objs[a->o.parent - 1];
        depth[i] = d <= n ? d : 0; /* on a cycle (refused later): not sized */
        max_depth = depth[i] > max_depth ? depth[i] : max_depth;
    }
    for (size_t d = max_depth + 1; d-- > 0;) {
        for (size_t i = 0; i < n; i++) {
            cdl_obj_t *o = &s->objs[i];
            if (depth[i] != d)
                continue;
            if (o->o.type == SEL4C_CAPDL_UNTYPED && !o->o.size_bits && need[i] && !fixed[i]) {
                unsigned bits = 4;
                while (bits < 48 && (UINT64_C(1) << bits) < need[i])
                    bits++;
                o->o.size_bits = (uint8_t)bits;
            }
            unsigned bits = sel4c_capdl_object_bits(&k->opts->sizes, &o->o);
            if (d && bits < 48) {
                need[o->o.parent - 1] += UINT64_C(1) << bits;
                fixed[o->o.parent - 1] |= (o->o.flags & SEL4C_CAPDL_OBJ_PADDR) != 0;
            }
        }
    }
    free(depth);
    free(need);
    free(fixed);
}

static void check_object(checker_t *k, cdl_obj_t *o)
{
    unsigned bits = o->o.size_bits;
    const char *n = o->name;
    switch (o->o.type) {
    case SEL4C_CAPDL_UNTYPED:
        if (!bits)
            problem(k, o->line, "untyped `%s` needs a size (given, or from objects inside it)", n);
        else if (bits < 4 || bits > 47)
            problem(k, o->line, "untyped `%s`: size %u bits out of range (4 to 47)", n, bits);
        break;
    case SEL4C_CAPDL_CNODE:
        if (bits < 1 || bits > 27)
            problem(k, o->line, "cnode `%s`: size %u bits out of range (1 to 27)", n, bits);
        break;
    case SEL4C_CAPDL_FRAME:
        if (bits != 12 && bits != 21 && bits != 30)
            problem(k, o->line, "frame `%s`: size must be 4k, 2M or 1G", n);
        break;
    case SEL4C_CAPDL_SCHED_CONTEXT:
        if (bits < 7 || bits > 20)
            problem(k, o->line, "sc `%s`: size %u bits out of range (7 to 20)", n, bits);
        if (o->sc.budget > o->sc.period)
            problem(k, o->line, "sc `%s`: budget larger than period", n);
        break;
    case SEL4C_CAPDL_IRQ:
        if (!o->irq_mapped)
            problem(k, o->line, "irq `%s` has no number (add it to `irq maps`)", n);
        break;
    case SEL4C_CAPDL_VCPU:
        problem(k, o->line, "vcpu `%s`: VCPU objects are not supported yet", n);
        break;
    }
    if ((o->o.flags & SEL4C_CAPDL_OBJ_PADDR) && o->o.type != SEL4C_CAPDL_UNTYPED &&
        o->o.type != SEL4C_CAPDL_FRAME)
        problem(k, o->line, "`%s`: only untyped memory and frames have a physical address", n);
    if (o->nregs > 8)
        problem(k, o->line, "tcb `%s`: more than 8 initial registers (x0 to x7)", n);
    if ((o->o.flags & SEL4C_CAPDL_OBJ_PADDR) && bits < 64 &&
        (o->o.paddr & ((UINT64_C(1) << bits) - 1)))
        problem(k, o->line, "`%s`: physical address 0x%llx not aligned to its size", n,
                (unsigned long long)o->o.paddr);
}

/* Declared inside an untyped: a chain of untypeds ending at the top, with room for them. */
static void check_parent(checker_t *k, size_t i)
{
    cdl_spec_t *s = k->s;
    cdl_obj_t *o = &s->objs[i];
    if (!o->o.parent)
        return;
    const cdl_obj_t *u = &s->objs[o->o.parent - 1];
    size_t steps = 0;
    for (const cdl_obj_t *a = u; a->o.parent && steps <= s->nobjs; steps++)
        a = &s->objs[a->o.parent - 1];
    if (steps > s->nobjs)
        problem(k, o->line, "`%s` is inside itself (a cycle of untypeds)", o->name);
    else if (u->o.type != SEL4C_CAPDL_UNTYPED)
        problem(k, o->line, "`%s` is inside `%s`, which is not an untyped", o->name, u->name);
    else if (!sel4c_capdl_object_bits(&k->opts->sizes, &o->o))
        problem(k, o->line, "%s `%s` takes no memory: it cannot come from an untyped",
                cdl_type_to_name(o), o->name);
    else if (sel4c_capdl_object_bits(&k->opts->sizes, &o->o) > u->o.size_bits)
        problem(k, o->line, "%s `%s` (2^%u bytes) is larger than its untyped `%s` (2^%u bytes)",
                cdl_type_to_name(o), o->name, sel4c_capdl_object_bits(&k->opts->sizes, &o->o),
                u->name, u->o.size_bits);
    else if ((o->o.flags & SEL4C_CAPDL_OBJ_PADDR) && !(u->o.flags & SEL4C_CAPDL_OBJ_PADDR))
        problem(k, o->line, "`%s` has a physical address, its untyped `%s` none", o->name, u->name);
}

/* Whether each untyped's children fit it, laid out as the initializer will. */
static void check_children(checker_t *k)
{
    cdl_spec_t *s = k->s;
    size_t m = s->nobjs, *order;
    sel4c_capdl_object_t *objs = cdl_ordered_objects(s, &k->opts->sizes, &order);
    sel4c_capdl_error_t err = {0};
    if (sel4c_capdl_check_children(objs, (uint32_t)m, &k->opts->sizes, &err)) {
        const cdl_obj_t *o = &s->objs[order[err.index]];
        problem(k, o->line, "`%s` in untyped `%s`: %s", o->name,
                o->o.parent ? s->objs[o->o.parent - 1].name : "?", err.what);
    }
    free(order);
    free(objs);
}

static bool frame_right_problem(checker_t *k, const cdl_obj_t *holder, const cdl_cap_t *c,
                                const cdl_obj_t *t)
{
    bool frame = t->o.type == SEL4C_CAPDL_FRAME;
    if (frame && (c->c.rights & (SEL4C_CAPDL_RIGHT_GRANT | SEL4C_CAPDL_RIGHT_GRANT_REPLY))) {
        problem(k, c->line, "`%s` slot %u: a frame cap cannot have grant rights (G or P)",
                holder->name, c->c.slot);
        return true;
    }
    if (!frame && (c->c.flags & (SEL4C_CAPDL_CAP_EXECUTABLE | SEL4C_CAPDL_CAP_UNCACHED))) {
        problem(k, c->line, "`%s` slot %u: X and uncached apply to frame caps only", holder->name,
                c->c.slot);
        return true;
    }
    if (c->c.badge && t->o.type != SEL4C_CAPDL_ENDPOINT && t->o.type != SEL4C_CAPDL_NOTIFICATION &&
        t->o.type != SEL4C_CAPDL_CNODE) {
        problem(k, c->line, "`%s` slot %u: only endpoint and notification caps have badges",
                holder->name, c->c.slot);
        return true;
    }
    if (c->c.guard_size && t->o.type != SEL4C_CAPDL_CNODE) {
        problem(k, c->line, "`%s` slot %u: only CNode caps have guards", holder->name, c->c.slot);
        return true;
    }
    return false;
}

/* Page tables: parents from table entries, roots from TCBs; sets ROOT and parent fields. */
static void resolve_tables(checker_t *k)
{
    cdl_spec_t *s = k->s;
    for (size_t i = 0; i < s->nobjs; i++) {
        s->objs[i].o.flags &= (uint8_t)~SEL4C_CAPDL_OBJ_ROOT;
        if (s->objs[i].o.type == SEL4C_CAPDL_PAGE_TABLE)
            s->objs[i].o.extra = SEL4C_CAPDL_UNMAPPED;
    }
    for (size_t i = 0; i < s->nobjs; i++) {
        cdl_obj_t *o = &s->objs[i];
        for (size_t c = 0; c < o->ncaps; c++) {
            cdl_obj_t *t = &s->objs[o->caps[c].c.object];
            if (o->o.type == SEL4C_CAPDL_TCB && o->caps[c].c.slot == SEL4C_CAPDL_TCB_VSPACE &&
                t->o.type == SEL4C_CAPDL_PAGE_TABLE)
                t->o.flags |= SEL4C_CAPDL_OBJ_ROOT;
            if (o->o.type != SEL4C_CAPDL_PAGE_TABLE || t->o.type != SEL4C_CAPDL_PAGE_TABLE)
                continue;
            if (t->o.extra != SEL4C_CAPDL_UNMAPPED) {
                problem(k, o->caps[c].line, "page table `%s` is mapped in `%s` and in `%s`",
                        t->name, s->objs[t->o.extra].name, o->name);
                continue;
            }
            t->o.extra = (uint32_t)i;
            t->o.extra_count = o->caps[c].c.slot;
        }
    }
    int root_level = -1;
    for (size_t i = 0; i < s->nobjs; i++) {
        cdl_obj_t *o = &s->objs[i];
        if (o->o.type != SEL4C_CAPDL_PAGE_TABLE)
            continue;
        if (o->o.level == 0 && o->o.extra == SEL4C_CAPDL_UNMAPPED)
            o->o.flags |= SEL4C_CAPDL_OBJ_ROOT; /* a pgd can only be a root */
        if (!(o->o.flags & SEL4C_CAPDL_OBJ_ROOT))
            continue;
        if (o->o.extra != SEL4C_CAPDL_UNMAPPED)
            problem(k, o->line, "`%s` is a VSpace root and also mapped in `%s`", o->name,
                    s->objs[o->o.extra].name);
        else if (root_level < 0)
            root_level = o->o.level;
        else if (root_level != o->o.level)
            problem(k, o->line, "VSpace root `%s` is a %s, other roots are level %d", o->name,
                    cdl_type_to_name(o), root_level);
        if (o->o.level > 1)
            problem(k, o->line, "`%s`: a VSpace root must be a pgd or (3-level) pud", o->name);
    }
}

unsigned cdl_root_level(const cdl_spec_t *s)
{
    for (size_t i = 0; i < s->nobjs; i++)
        if (s->objs[i].o.flags & SEL4C_CAPDL_OBJ_ROOT)
            return s->objs[i].o.level;
    return 0;
}

static void check_caps(checker_t *k, size_t hi)
{
    cdl_spec_t *s = k->s;
    cdl_obj_t *h = &s->objs[hi];
    unsigned ht = h->o.type;
    if (h->ncaps && ht != SEL4C_CAPDL_CNODE && ht != SEL4C_CAPDL_TCB &&
        ht != SEL4C_CAPDL_PAGE_TABLE && ht != SEL4C_CAPDL_IRQ) {
        problem(k, h->caps[0].line, "`%s` is a %s, which holds no caps", h->name,
                cdl_type_to_name(h));
        return;
    }
    for (size_t c = 0; c < h->ncaps; c++) {
        cdl_cap_t *cap = &h->caps[c];
        cdl_obj_t *t = &s->objs[cap->c.object];
        unsigned slot = cap->c.slot;
        if (c && h->caps[c - 1].c.slot == slot) {
            problem(k, cap->line, "`%s` slot %u filled twice (also at line %d)", h->name, slot,
                    h->caps[c - 1].line);
            continue;
        }
        if (frame_right_problem(k, h, cap, t))
            continue;
        if (ht == SEL4C_CAPDL_CNODE && (uint64_t)slot >> h->o.size_bits)
            problem(k, cap->line, "`%s` slot 0x%x outside its %u-bit CNode", h->name, slot,
                    h->o.size_bits);
        if (ht == SEL4C_CAPDL_CNODE && t->o.type == SEL4C_CAPDL_CNODE &&
            cap->c.guard_size + t->o.size_bits > 64)
            problem(k, cap->line, "`%s` slot 0x%x: guard size and CNode size exceed 64 bits",
                    h->name, slot);
        if (ht == SEL4C_CAPDL_IRQ && (slot || t->o.type != SEL4C_CAPDL_NOTIFICATION))
            problem(k, cap->line, "irq `%s`: holds only a notification, in slot 0", h->name);
        if (ht == SEL4C_CAPDL_TCB) {
            sel4c_capdl_object_t probe = t->o;
            if (slot == SEL4C_CAPDL_TCB_VSPACE && t->o.type == SEL4C_CAPDL_PAGE_TABLE)
                probe.flags |= SEL4C_CAPDL_OBJ_ROOT;
            static const char *const want[] = {"a cnode",        "a pgd or pud", "a 4k frame",
                                               "an ep",          "an sc",        "an ep",
                                               "a notification", "a vcpu"};
            if (!sel4c_capdl_tcb_slot_accepts(slot, &probe))
                problem(k, cap->line, "tcb `%s` %s: `%s` is a %s, expected %s", h->name,
                        cdl_tcb_slot_name(slot), t->name, cdl_type_to_name(t),
                        slot < SEL4C_CAPDL_TCB_SLOT_COUNT ? want[slot] : "nothing");
        }
        if (ht == SEL4C_CAPDL_PAGE_TABLE) {
            unsigned ib = (h->o.flags & SEL4C_CAPDL_OBJ_ROOT) && h->o.level == 1 ? 10 : 9;
            if (slot >> ib)
                problem(k, cap->line, "%s `%s`: slot %u outside its %u entries",
                        cdl_type_to_name(h), h->name, slot, 1u << ib);
            else if (t->o.type == SEL4C_CAPDL_FRAME) {
                if (h->o.level == 0 || t->o.size_bits != sel4c_capdl_level_shift(h->o.level))
                    problem(k, cap->line,
                            "%s `%s` slot %u: frame `%s` has the wrong size for "
                            "this level",
                            cdl_type_to_name(h), h->name, slot, t->name);
                else if (!(cap->c.rights & SEL4C_CAPDL_RIGHT_READ) &&
                         !(cap->c.rights & SEL4C_CAPDL_RIGHT_WRITE))
                    problem(k, cap->line, "mapping of `%s` has no rights (R, RW, RX or RWX)",
                            t->name);
                else if ((cap->c.rights & SEL4C_CAPDL_RIGHT_WRITE) &&
                         !(cap->c.rights & SEL4C_CAPDL_RIGHT_READ))
                    problem(k, cap->line,
                            "mapping of `%s`: write-only mappings do not exist on "
                            "AArch64",
                            t->name);
            } else if (t->o.type != SEL4C_CAPDL_PAGE_TABLE || t->o.level != h->o.level + 1)
                problem(k, cap->line, "%s `%s` slot %u: `%s` is a %s, expected a %s",
                        cdl_type_to_name(h), h->name, slot, t->name, cdl_type_to_name(t),
                        h->o.level == 0   ? "pud"
                        : h->o.level == 1 ? "pd or 1G frame"
                                          : "pt or 2M/4k frame");
        }
    }
}

static int fill_cmp(const void *a, const void *b)
{
    const cdl_fill_t *x = a, *y = b;
    return x->dest_offset < y->dest_offset ? -1 : x->dest_offset > y->dest_offset;
}

static void check_fills(checker_t *k, cdl_obj_t *o)
{
    if (o->o.type != SEL4C_CAPDL_FRAME && o->nfills) {
        problem(k, o->line, "`%s`: only frames have fills", o->name);
        return;
    }
    if (o->nfills > 1)
        qsort(o->fills, o->nfills, sizeof *o->fills, fill_cmp);
    uint64_t frame = UINT64_C(1) << o->o.size_bits;
    for (size_t i = 0; i < o->nfills; i++) {
        cdl_fill_t *f = &o->fills[i];
        if ((uint64_t)f->dest_offset + f->length > frame)
            problem(k, f->line, "frame `%s`: fill [%u, %llu) extends past its end", o->name,
                    f->dest_offset, (unsigned long long)f->dest_offset + f->length);
        if (i && f->dest_offset < (uint64_t)o->fills[i - 1].dest_offset + o->fills[i - 1].length)
            problem(k, f->line, "frame `%s`: fills overlap", o->name);
        if (f->source != CDL_FILL_FILE || !k->opts->files_dir)
            continue;
        if (strchr(f->file, '/') || !strcmp(f->file, "..")) {
            problem(k, f->line, "fill file `%s`: a name in the files directory, not a path",
                    f->file);
            continue;
        }
        strbuf_t path = STRBUF_INIT;
        sb_printf(&path, "%s/%s", k->opts->files_dir, f->file);
        struct stat st;
        if (stat(sb_str(&path), &st) != 0 || !S_ISREG(st.st_mode))
            problem(k, f->line, "fill file `%s` not found in %s", f->file, k->opts->files_dir);
        else if (f->file_offset + f->length > (uint64_t)st.st_size)
            problem(k, f->line, "fill reads [%llu, %llu) of `%s`, which has %lld bytes",
                    (unsigned long long)f->file_offset,
                    (unsigned long long)(f->file_offset + f->length), f->file,
                    (long long)st.st_size);
        sb_free(&path);
    }
}

/* What the plan's callback needs to describe each retype. */
typedef struct plan_log {
    const cdl_spec_t *s;
    const sel4c_capdl_object_t *objs; /* in allocation order */
    const size_t *order;              /* allocation order -> model index */
    uint64_t *used;                   /* per spec untyped: bytes its children take so far */
    strbuf_t *out;
} plan_log_t;

static int log_place(void *ctx, const sel4c_capdl_retype_t *r, uint64_t *new_id)
{
    plan_log_t *l = ctx;
    uint64_t size = UINT64_C(1) << r->bits, at;
    if (new_id)
        *new_id = 0;
    if (!l->out)
        return 0;
    const sel4c_capdl_object_t *o = r->object == SEL4C_CAPDL_PADDING ? 0 : &l->objs[r->object];
    if (r->from) {
        at = r->from->paddr + r->from->used;
        at = o ? (at + size - 1) & ~(size - 1) : at;
        sb_printf(l->out, "0x%llx", (unsigned long long)at);
    } else {
        const sel4c_capdl_object_t *u = &l->objs[r->parent];
        uint64_t *used = &l->used[r->parent];
        if (o && (o->flags & SEL4C_CAPDL_OBJ_PADDR))
            *used = o->paddr - u->paddr;
        at = o ? (*used + size - 1) & ~(size - 1) : *used;
        *used = at + size * r->count;
        if (u->flags & SEL4C_CAPDL_OBJ_PADDR)
            sb_printf(l->out, "0x%llx", (unsigned long long)(u->paddr + at));
        else
            sb_printf(l->out, "%s+0x%llx", l->s->objs[l->order[r->parent]].name,
                      (unsigned long long)at);
    }
    if (o)
        sb_printf(l->out, " %s %s\n", cdl_type_to_name(&l->s->objs[l->order[r->object]]),
                  l->s->objs[l->order[r->object]].name);
    else
        sb_printf(l->out, " padding %u x 2^%u\n", r->count, r->bits);
    return 0;
}

/* Whether the objects fit the given untypeds, by running the initializer's own plan. */
static void check_fit(checker_t *k)
{
    cdl_spec_t *s = k->s;
    unsigned max = k->opts->nuntypeds + 4096, n = k->opts->nuntypeds;
    sel4c_capdl_untyped_t *pool = xcalloc(max, sizeof *pool);
    memcpy(pool, k->opts->untypeds, n * sizeof *pool);
    size_t m = s->nobjs, *order;
    sel4c_capdl_object_t *objs = cdl_ordered_objects(s, &k->opts->sizes, &order);
    plan_log_t log = {s, objs, order, xcalloc(m + 1, sizeof *log.used), k->opts->plan};
    sel4c_capdl_spec_t spec = {.objects = objs, .num_objects = (uint32_t)m};
    sel4c_capdl_error_t err = {0};
    if (sel4c_capdl_plan(&spec, &k->opts->sizes, pool, &n, max, log_place, &log, &err)) {
        const cdl_obj_t *o = &s->objs[order[err.index]];
        problem(k, o->line, "`%s` does not fit the given untypeds: %s", o->name, err.what);
    }
    free(log.used);
    free(order);
    free(objs);
    free(pool);
}

unsigned cdl_check(cdl_spec_t *s, const cdl_check_opts_t *opts)
{
    checker_t k = {.s = s, .opts = opts};
    size_untypeds(&k);
    for (size_t i = 0; i < s->nobjs; i++)
        check_object(&k, &s->objs[i]);
    for (size_t i = 0; i < s->nobjs; i++)
        check_parent(&k, i);
    if (!k.errors)
        check_children(&k);
    resolve_tables(&k);
    for (size_t i = 0; i < s->nobjs; i++) {
        check_caps(&k, i);
        check_fills(&k, &s->objs[i]);
    }
    if (opts->untypeds && !k.errors)
        check_fit(&k);
    return k.errors;
}
