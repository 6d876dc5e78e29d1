/*
 * The .system reader: libxml2 checks the XML and builds the tree; this file checks it
 * against Microkit's schema (every element and attribute, their values and the names they
 * refer to) and builds the model. Rules between elements that need no kernel configuration
 * but are about the system as a whole (unique names, overlaps, ...) are in check.c.
 *
 * The reader reports every error it finds, in file order, each at the element or attribute
 * it is about. Elements that Microkit has but sel4c-sysbuild does not support are refused.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"
#include "errors.h"
#include "locate.h"
#include "system.h"

typedef struct rd {
    sb_system_t *sys;
    sb_src_t src;
    sb_errors_t err;
} rd_t;

#define PUSH(arr, n)                                                                               \
    ((arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)), memset(&(arr)[n], 0, sizeof *(arr)),      \
     &(arr)[(n)++])

static const char *tag(xmlNodePtr n)
{
    return (const char *)n->name;
}

static bool is(xmlNodePtr n, const char *name)
{
    return strcmp(tag(n), name) == 0;
}

static size_t tag_index(xmlNodePtr n)
{
    return (size_t)(uintptr_t)n->_private - 1;
}

static sb_loc_t loc_of(const rd_t *r, xmlNodePtr n)
{
    size_t t = tag_index(n);
    return t < r->src.ntags ? r->src.tags[t].loc : (sb_loc_t){0, 0};
}

static sb_loc_t attr_loc(const rd_t *r, xmlNodePtr n, const char *name)
{
    return sb_src_attr(&r->src, tag_index(n), name);
}

/* Element children only (comments and blank text are allowed anywhere). */
static xmlNodePtr first_elem(xmlNodePtr n)
{
    for (n = n ? n->children : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
    return n;
}

static xmlNodePtr next_elem(xmlNodePtr n)
{
    for (n = n->next; n && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
    return n;
}

#define FOR_ELEMS(c, parent) for (xmlNodePtr c = first_elem(parent); c; c = next_elem(c))

/* The attribute's value as a malloc'ed string, or NULL when absent. */
static char *get(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

/* Reports each attribute not in `allowed` (NULL-terminated). */
static void allow(rd_t *r, xmlNodePtr n, const char *const *allowed)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        bool ok = false;
        for (const char *const *p = allowed; !a->ns && *p && !ok; p++)
            ok = strcmp((const char *)a->name, *p) == 0;
        if (ok)
            continue;
        strbuf_t qname = STRBUF_INIT; /* as written, for its place */
        if (a->ns && a->ns->prefix)
            sb_printf(&qname, "%s:", (const char *)a->ns->prefix);
        sb_put(&qname, (const char *)a->name);
        sb_err(&r->err, attr_loc(r, n, sb_str(&qname)), "invalid attribute '%s' on element '%s'",
               sb_str(&qname), tag(n));
        sb_free(&qname);
    }
}

/* A required attribute: reports its absence. */
static char *need(rd_t *r, xmlNodePtr n, const char *name)
{
    char *v = get(n, name);
    if (!v)
        sb_err(&r->err, loc_of(r, n), "missing required attribute '%s' on element '%s'", name,
               tag(n));
    return v;
}

/*
 * Numbers as Microkit writes them: decimal, or hexadecimal after "0x", with any underscores
 * ignored. Returns false (reporting why) for anything else.
 */
static bool parse_number(rd_t *r, xmlNodePtr n, const char *name, const char *s, uint64_t *out)
{
    sb_loc_t at = attr_loc(r, n, name);
    const char *p = s;
    unsigned base = 10;
    if (p[0] == '-') {
        sb_err(&r->err, at, "%s must not be negative (got '%s')", name, s);
        return false;
    }
    if (p[0] == '0' && p[1] == 'x') {
        base = 16;
        p += 2;
    }
    uint64_t v = 0;
    bool digits = false;
    for (; *p; p++) {
        unsigned d;
        if (*p == '_')
            continue;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (base == 16 && *p >= 'a' && *p <= 'f')
            d = (unsigned)(*p - 'a' + 10);
        else if (base == 16 && *p >= 'A' && *p <= 'F')
            d = (unsigned)(*p - 'A' + 10);
        else {
            sb_err(&r->err, at, "%s: '%s' is not a number (decimal, or hexadecimal with 0x)", name,
                   s);
            return false;
        }
        if (v > (UINT64_MAX - d) / base) {
            sb_err(&r->err, at, "%s: '%s' does not fit in 64 bits", name, s);
            return false;
        }
        v = v * base + d;
        digits = true;
    }
    if (!digits) {
        sb_err(&r->err, at, "%s: '%s' is not a number (decimal, or hexadecimal with 0x)", name, s);
        return false;
    }
    *out = v;
    return true;
}

/* An optional numeric attribute: false when present but bad; *present says if given. */
static bool num(rd_t *r, xmlNodePtr n, const char *name, uint64_t *out, bool *present)
{
    char *s = get(n, name);
    *present = s != NULL;
    bool ok = !s || parse_number(r, n, name, s, out);
    free(s);
    return ok;
}

/* A required numeric attribute. */
static bool need_num(rd_t *r, xmlNodePtr n, const char *name, uint64_t *out)
{
    char *s = need(r, n, name);
    bool ok = s && parse_number(r, n, name, s, out);
    free(s);
    return ok;
}

/* An optional boolean attribute ("true" or "false"), `dflt` when absent. */
static bool boolean(rd_t *r, xmlNodePtr n, const char *name, bool dflt, bool *out)
{
    char *s = get(n, name);
    *out = dflt;
    bool ok = true;
    if (s && strcmp(s, "true") == 0)
        *out = true;
    else if (s && strcmp(s, "false") == 0)
        *out = false;
    else if (s) {
        sb_err(&r->err, attr_loc(r, n, name), "%s must be 'true' or 'false' (got '%s')", name, s);
        ok = false;
    }
    free(s);
    return ok;
}

static long find_mr(const sb_system_t *sys, const char *name)
{
    for (size_t i = 0; i < sys->nmrs; i++)
        if (strcmp(sys->mrs[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long find_pd(const sb_system_t *sys, const char *name)
{
    for (size_t i = 0; i < sys->npds; i++)
        if (sys->pds[i].name && strcmp(sys->pds[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* A required reference to a memory region by name. */
static bool mr_ref(rd_t *r, xmlNodePtr n, const char *attr, size_t *mr)
{
    char *name = need(r, n, attr);
    long i = name ? find_mr(r->sys, name) : -1;
    if (name && i < 0)
        sb_err(&r->err, attr_loc(r, n, attr), "unknown memory region '%s'", name);
    free(name);
    *mr = i < 0 ? 0 : (size_t)i;
    return i >= 0;
}

static void no_children(rd_t *r, xmlNodePtr n)
{
    FOR_ELEMS(c, n)
    sb_err(&r->err, loc_of(r, c), "invalid element '%s': '%s' has no child elements", tag(c),
           tag(n));
}

/* Records a symbol the builder patches in PD `pd`; each symbol may be set once per PD. */
static void add_patch(rd_t *r, size_t pd, xmlNodePtr n, const char *attr, sb_patch_kind_t kind,
                      size_t mr, uint64_t value)
{
    char *sym = get(n, attr);
    if (!sym)
        return;
    sb_loc_t at = attr_loc(r, n, attr);
    sb_pd_t *p = &r->sys->pds[pd];
    for (size_t i = 0; i < p->npatches; i++)
        if (strcmp(p->patches[i].symbol, sym) == 0) {
            sb_err(&r->err, at,
                   "setvar on symbol '%s' already exists in protection domain '%s' (set at "
                   "%d:%d)",
                   sym, p->name ? p->name : "", p->patches[i].loc.line, p->patches[i].loc.col);
            free(sym);
            return;
        }
    *PUSH(p->patches, p->npatches) = (sb_patch_t){sym, kind, mr, value, at};
}

static void read_map(rd_t *r, size_t pd, xmlNodePtr n)
{
    static const char *const attrs[] = {
        "mr", "vaddr", "perms", "cached", "setvar_vaddr", "setvar_size", "setvar_prefill_size",
        NULL};
    allow(r, n, attrs);
    sb_map_t m = {
        .loc = loc_of(r, n), .vaddr_loc = attr_loc(r, n, "vaddr"), .perms = SB_PERM_R | SB_PERM_W};
    bool ok = mr_ref(r, n, "mr", &m.mr);
    ok &= need_num(r, n, "vaddr", &m.vaddr);
    char *perms = get(n, "perms");
    if (perms) {
        sb_loc_t at = attr_loc(r, n, "perms");
        m.perms = 0;
        for (const char *p = perms; *p; p++) {
            unsigned bit = *p == 'r'   ? SB_PERM_R
                           : *p == 'w' ? SB_PERM_W
                           : *p == 'x' ? SB_PERM_X
                                       : 0;
            if (!bit) {
                sb_err(&r->err, at,
                       "perms must only be a combination of 'r', 'w' and 'x' (got '%s')", perms);
                ok = false;
                break;
            }
            m.perms |= bit;
        }
        if (ok && m.perms == 0) {
            sb_err(&r->err, at, "perms must not be empty");
            ok = false;
        } else if (ok && m.perms == SB_PERM_W) {
            sb_err(&r->err, at, "perms must not be 'w': write-only mappings are not allowed");
            ok = false;
        }
        free(perms);
    }
    ok &= boolean(r, n, "cached", true, &m.cached);
    m.setvar_vaddr = get(n, "setvar_vaddr");
    m.setvar_size = get(n, "setvar_size");
    m.setvar_prefill_size = get(n, "setvar_prefill_size");
    no_children(r, n);
    if (ok) {
        add_patch(r, pd, n, "setvar_vaddr", SB_PATCH_VADDR, m.mr, m.vaddr);
        add_patch(r, pd, n, "setvar_size", SB_PATCH_SIZE, m.mr, 0);
        add_patch(r, pd, n, "setvar_prefill_size", SB_PATCH_PREFILL_SIZE, m.mr, 0);
    }
    sb_pd_t *p = &r->sys->pds[pd];
    *PUSH(p->maps, p->nmaps) = m;
}

/* A channel id (irq or channel end): 0..SB_MAX_CHANNEL_ID. */
static bool channel_id(rd_t *r, xmlNodePtr n, uint64_t *id)
{
    if (!need_num(r, n, "id", id))
        return false;
    if (*id > SB_MAX_CHANNEL_ID) {
        sb_err(&r->err, attr_loc(r, n, "id"), "id must be at most %d (got %llu)", SB_MAX_CHANNEL_ID,
               (unsigned long long)*id);
        return false;
    }
    return true;
}

static void read_irq(rd_t *r, size_t pd, xmlNodePtr n)
{
    static const char *const attrs[] = {"irq", "id", "trigger", "setvar_id", NULL};
    if (xmlHasProp(n, (const xmlChar *)"pin")) {
        sb_err(&r->err, attr_loc(r, n, "pin"),
               "x86 I/O APIC interrupts (pin) are not supported on AArch64");
        return;
    }
    if (xmlHasProp(n, (const xmlChar *)"pcidev")) {
        sb_err(&r->err, attr_loc(r, n, "pcidev"),
               "x86 MSI interrupts (pcidev) are not supported on AArch64");
        return;
    }
    allow(r, n, attrs);
    sb_irq_t q = {
        .loc = loc_of(r, n), .irq_loc = attr_loc(r, n, "irq"), .id_loc = attr_loc(r, n, "id")};
    uint64_t id = 0;
    bool ok = need_num(r, n, "irq", &q.irq);
    ok &= channel_id(r, n, &id);
    q.id = (unsigned)id;
    char *trig = get(n, "trigger");
    if (trig && strcmp(trig, "edge") == 0)
        q.trigger = SB_TRIGGER_EDGE;
    else if (trig && strcmp(trig, "level") != 0) {
        sb_err(&r->err, attr_loc(r, n, "trigger"),
               "trigger must be either 'level' or 'edge' (got '%s')", trig);
        ok = false;
    }
    free(trig);
    q.setvar_id = get(n, "setvar_id");
    no_children(r, n);
    if (ok)
        add_patch(r, pd, n, "setvar_id", SB_PATCH_ID, 0, q.id);
    sb_pd_t *p = &r->sys->pds[pd];
    *PUSH(p->irqs, p->nirqs) = q;
}

static void read_setvar(rd_t *r, size_t pd, xmlNodePtr n)
{
    static const char *const attrs[] = {"symbol", "region_paddr", NULL};
    allow(r, n, attrs);
    sb_setvar_t v = {.loc = loc_of(r, n), .mr_loc = attr_loc(r, n, "region_paddr")};
    v.symbol = need(r, n, "symbol");
    bool ok = mr_ref(r, n, "region_paddr", &v.mr);
    no_children(r, n);
    if (ok && v.symbol)
        add_patch(r, pd, n, "symbol", SB_PATCH_PADDR, v.mr, 0);
    sb_pd_t *p = &r->sys->pds[pd];
    if (v.symbol)
        *PUSH(p->setvars, p->nsetvars) = v;
}

static void read_pd(rd_t *r, xmlNodePtr n, long parent);

static void read_program_image(rd_t *r, size_t pd, xmlNodePtr n, bool *seen)
{
    static const char *const attrs[] = {"path", "path_for_symbols", NULL};
    allow(r, n, attrs);
    no_children(r, n);
    sb_pd_t *p = &r->sys->pds[pd];
    if (*seen) {
        sb_err(&r->err, loc_of(r, n),
               "program_image must only be given once per protection domain (first at %d:%d)",
               p->program_image_loc.line, p->program_image_loc.col);
        return;
    }
    *seen = true;
    p->program_image = need(r, n, "path");
    p->path_for_symbols = get(n, "path_for_symbols");
    p->program_image_loc = attr_loc(r, n, "path");
}

/* The children of a protection_domain. */
static void read_pd_children(rd_t *r, size_t pd, xmlNodePtr n)
{
    bool seen_image = false;
    FOR_ELEMS(c, n)
    {
        if (is(c, "program_image"))
            read_program_image(r, pd, c, &seen_image);
        else if (is(c, "map"))
            read_map(r, pd, c);
        else if (is(c, "irq"))
            read_irq(r, pd, c);
        else if (is(c, "setvar"))
            read_setvar(r, pd, c);
        else if (is(c, "protection_domain"))
            read_pd(r, c, (long)pd);
        else if (is(c, "virtual_machine"))
            sb_err(&r->err, loc_of(r, c),
                   "'virtual_machine' is not supported by sel4c-sysbuild yet");
        else if (is(c, "cspace"))
            sb_err(&r->err, loc_of(r, c),
                   "'cspace' (extra capabilities) is not supported by sel4c-sysbuild yet");
        else if (is(c, "ioport"))
            sb_err(&r->err, loc_of(r, c), "'ioport': I/O ports are only available on x86");
        else
            sb_err(&r->err, loc_of(r, c), "invalid element '%s' in 'protection_domain'", tag(c));
    }
    sb_pd_t *p = &r->sys->pds[pd];
    if (!seen_image)
        sb_err(&r->err, p->loc, "missing 'program_image' element in protection_domain '%s'",
               p->name ? p->name : "");
}

/* The PD's domain: required when the system declares <domains>, refused otherwise. */
static void read_pd_domain(rd_t *r, sb_pd_t *p, xmlNodePtr n)
{
    sb_system_t *sys = r->sys;
    char *d = sys->has_domains ? need(r, n, "domain") : get(n, "domain");
    if (!d)
        return;
    if (!sys->has_domains) {
        sb_err(&r->err, p->domain_loc,
               "domain '%s' given, but the system declares no domains (<domains>)", d);
        free(d);
        return;
    }
    for (size_t i = 0; i < sys->ndomain_decls; i++)
        if (strcmp(sys->domain_decls[i].name, d) == 0) {
            p->has_domain = true;
            p->domain = d;
            p->domain_id = sys->domain_decls[i].id;
            return;
        }
    sb_err(&r->err, p->domain_loc, "domain '%s' is not declared in <domains>", d);
    free(d);
}

static void read_pd(rd_t *r, xmlNodePtr n, long parent)
{
    static const char *const attrs[] = {"name",    "priority",   "budget", "period",
                                        "passive", "stack_size", "smc",    "cpu",
                                        "domain",  "fpu",        NULL};
    static const char *const child_attrs[] = {
        "name", "priority", "budget", "period", "passive",   "stack_size", "smc",
        "cpu",  "domain",   "fpu",    "id",     "setvar_id", NULL};
    sb_system_t *sys = r->sys;
    allow(r, n, parent < 0 ? attrs : child_attrs);
    size_t pd = sys->npds;
    sb_pd_t *p = PUSH(sys->pds, sys->npds);
    p->loc = loc_of(r, n);
    p->parent = parent;
    p->name = need(r, n, "name");
    p->priority_loc = attr_loc(r, n, "priority");
    p->budget_loc = attr_loc(r, n, "budget");
    p->period_loc = attr_loc(r, n, "period");
    p->passive_loc = attr_loc(r, n, "passive");
    p->stack_size_loc = attr_loc(r, n, "stack_size");
    p->cpu_loc = attr_loc(r, n, "cpu");
    p->smc_loc = attr_loc(r, n, "smc");
    p->domain_loc = attr_loc(r, n, "domain");
    p->id_loc = attr_loc(r, n, "id");

    uint64_t v;
    bool given;
    if (num(r, n, "priority", &v, &given) && given) {
        if (v > SB_MAX_PRIORITY)
            sb_err(&r->err, p->priority_loc, "priority must be between 0 and %d (got %llu)",
                   SB_MAX_PRIORITY, (unsigned long long)v);
        else
            p->priority = (unsigned)v;
    }
    p->budget = SB_DEFAULT_BUDGET;
    if (num(r, n, "budget", &p->budget, &p->has_budget) && p->has_budget && p->budget == 0)
        sb_err(&r->err, p->budget_loc, "budget must be at least 1 microsecond");
    p->period = p->budget;
    if (num(r, n, "period", &p->period, &p->has_period) && p->budget > p->period)
        sb_err(&r->err, p->has_period ? p->period_loc : p->budget_loc,
               "budget (%llu) must be less than, or equal to, period (%llu)",
               (unsigned long long)p->budget, (unsigned long long)p->period);
    boolean(r, n, "passive", false, &p->passive);
    p->stack_size = SB_DEFAULT_STACK;
    if (num(r, n, "stack_size", &p->stack_size, &given) && given) {
        if (p->stack_size < SB_MIN_STACK_SIZE || p->stack_size > SB_MAX_STACK_SIZE)
            sb_err(&r->err, p->stack_size_loc,
                   "stack size must be between 0x%x and 0x%x bytes (got 0x%llx)", SB_MIN_STACK_SIZE,
                   SB_MAX_STACK_SIZE, (unsigned long long)p->stack_size);
        else if (p->stack_size % SB_PAGE_SMALL)
            sb_err(&r->err, p->stack_size_loc,
                   "stack size must be a multiple of the page size, 0x%x bytes (got 0x%llx)",
                   SB_PAGE_SMALL, (unsigned long long)p->stack_size);
    }
    if (num(r, n, "cpu", &v, &given) && given) {
        if (v > 255)
            sb_err(&r->err, p->cpu_loc, "cpu must be between 0 and 255 (got %llu)",
                   (unsigned long long)v);
        else
            p->cpu = (unsigned)v;
    }
    boolean(r, n, "smc", false, &p->smc);
    boolean(r, n, "fpu", true, &p->fpu);
    read_pd_domain(r, p, n);
    if (parent >= 0 && need_num(r, n, "id", &v)) {
        if (v > SB_MAX_CHILD_ID)
            sb_err(&r->err, p->id_loc, "child id must be at most %d (got %llu)", SB_MAX_CHILD_ID,
                   (unsigned long long)v);
        else
            p->child_id = (unsigned)v;
        p->setvar_id = get(n, "setvar_id");
        /* the parent's image gets the child's id */
        add_patch(r, (size_t)parent, n, "setvar_id", SB_PATCH_ID, 0, p->child_id);
        sb_pd_t *pp = &sys->pds[parent];
        for (size_t i = (size_t)parent + 1; i < pd; i++)
            if (sys->pds[i].parent == parent && sys->pds[i].child_id == v) {
                sb_err(&r->err, sys->pds[pd].id_loc,
                       "duplicate child id %llu in protection domain '%s' (also used at %d:%d)",
                       (unsigned long long)v, pp->name ? pp->name : "", sys->pds[i].id_loc.line,
                       sys->pds[i].id_loc.col);
                break;
            }
    }
    read_pd_children(r, pd, n);
}

static void read_mr(rd_t *r, xmlNodePtr n)
{
    static const char *const attrs[] = {
        "name", "size", "page_size", "phys_addr", "prefill_path", "prefill_bootinfo", NULL};
    static const char *const bootinfo[] = {
        "x86_vbe", "x86_mbmmap", "x86_acpi_rsdp", "x86_framebuffer", "x86_tsc_freq", "fdt", NULL};
    allow(r, n, attrs);
    no_children(r, n);
    sb_mr_t *m = PUSH(r->sys->mrs, r->sys->nmrs);
    m->loc = loc_of(r, n);
    m->size_loc = attr_loc(r, n, "size");
    m->page_size_loc = attr_loc(r, n, "page_size");
    m->paddr_loc = attr_loc(r, n, "phys_addr");
    m->prefill_loc = attr_loc(r, n, "prefill_path");
    m->name = need(r, n, "name");
    if (!m->name)
        m->name = xstrdup("");
    m->page_size = SB_PAGE_SMALL;
    bool ok = num(r, n, "page_size", &m->page_size, &m->page_size_explicit);
    if (ok && m->page_size != SB_PAGE_SMALL && m->page_size != SB_PAGE_LARGE) {
        sb_err(&r->err, m->page_size_loc,
               "page size 0x%llx not supported (AArch64 has 0x1000 and 0x200000)",
               (unsigned long long)m->page_size);
        ok = false;
    }
    m->prefill = get(n, "prefill_path");
    char *bi = get(n, "prefill_bootinfo");
    bool bi_given = bi != NULL; /* sizes its region (one page), though refused for now */
    if (bi) {
        sb_loc_t at = attr_loc(r, n, "prefill_bootinfo");
        const char *const *k = bootinfo;
        while (*k && strcmp(*k, bi) != 0)
            k++;
        if (!*k)
            sb_err(&r->err, at, "prefill_bootinfo type '%s' is not supported", bi);
        else if (m->prefill)
            sb_err(&r->err, at, "prefill_path and prefill_bootinfo cannot both be given");
        else
            sb_err(&r->err, at,
                   "prefill_bootinfo is not supported by sel4c-sysbuild yet (region '%s')",
                   m->name);
        free(bi);
    }
    if (m->prefill && !*m->prefill)
        sb_err(&r->err, m->prefill_loc, "prefill_path must not be empty");
    if (num(r, n, "size", &m->size, &m->has_size) && ok && m->has_size) {
        if (m->size == 0)
            sb_err(&r->err, m->size_loc, "size must not be zero");
        else if (m->size % m->page_size)
            sb_err(&r->err, m->size_loc, "size 0x%llx is not a multiple of the page size 0x%llx",
                   (unsigned long long)m->size, (unsigned long long)m->page_size);
    } else if (!m->has_size && !m->prefill && !bi_given &&
               !xmlHasProp(n, (const xmlChar *)"size")) {
        sb_err(&r->err, m->loc,
               "missing required attribute 'size' on element 'memory_region' (only a region "
               "with a prefill_path may leave it out)");
    }
    if (num(r, n, "phys_addr", &m->paddr, &m->has_paddr) && ok && m->has_paddr &&
        m->paddr % m->page_size)
        sb_err(&r->err, m->paddr_loc, "phys_addr 0x%llx is not aligned to the page size 0x%llx",
               (unsigned long long)m->paddr, (unsigned long long)m->page_size);
}

static void read_end(rd_t *r, sb_end_t *e, xmlNodePtr n, bool *ok)
{
    static const char *const attrs[] = {"pd", "id", "pp", "notify", "setvar_id", NULL};
    allow(r, n, attrs);
    no_children(r, n);
    e->loc = loc_of(r, n);
    e->id_loc = attr_loc(r, n, "id");
    e->pp_loc = attr_loc(r, n, "pp");
    char *pd = need(r, n, "pd");
    long i = pd ? find_pd(r->sys, pd) : -1;
    if (pd && i < 0)
        sb_err(&r->err, attr_loc(r, n, "pd"), "unknown protection domain '%s'", pd);
    free(pd);
    *ok &= i >= 0;
    e->pd = i < 0 ? 0 : (size_t)i;
    uint64_t id = 0;
    *ok &= channel_id(r, n, &id);
    e->id = (unsigned)id;
    *ok &= boolean(r, n, "pp", false, &e->pp);
    *ok &= boolean(r, n, "notify", true, &e->notify);
    e->setvar_id = get(n, "setvar_id");
}

static void read_channel(rd_t *r, xmlNodePtr n)
{
    allow(r, n, (const char *const[]){NULL});
    sb_channel_t ch = {.loc = loc_of(r, n)};
    size_t ends = 0;
    bool ok = true;
    FOR_ELEMS(c, n)
    {
        if (!is(c, "end")) {
            sb_err(&r->err, loc_of(r, c), "invalid element '%s' in 'channel' (only 'end')", tag(c));
            ok = false;
        } else if (ends < 2) {
            read_end(r, &ch.end[ends++], c, &ok);
        } else {
            ends++;
        }
    }
    if (ends != 2) {
        sb_err(&r->err, ch.loc, "a channel must have exactly two 'end' elements (found %zu)", ends);
        ok = false;
    }
    if (ok && ch.end[0].pp && ch.end[1].pp) {
        sb_err(&r->err, ch.end[1].pp_loc,
               "pp cannot be true on both ends: protected procedure calls go one way");
        ok = false;
    }
    if (ok && ch.end[0].pd == ch.end[1].pd) {
        sb_err(&r->err, ch.end[1].loc,
               "a channel must connect two different protection domains (both ends are '%s')",
               r->sys->pds[ch.end[0].pd].name);
        ok = false;
    }
    if (!ok) {
        for (size_t i = 0; i < 2; i++)
            free(ch.end[i].setvar_id);
        return;
    }
    xmlNodePtr c = first_elem(n);
    for (size_t i = 0; i < 2; i++, c = next_elem(c))
        add_patch(r, ch.end[i].pd, c, "setvar_id", SB_PATCH_ID, 0, ch.end[i].id);
    *PUSH(r->sys->channels, r->sys->nchannels) = ch;
}

static bool read_domain_decl(rd_t *r, xmlNodePtr n)
{
    static const char *const attrs[] = {"name", "id", NULL};
    sb_system_t *sys = r->sys;
    allow(r, n, attrs);
    no_children(r, n);
    char *name = need(r, n, "name");
    uint64_t id = 0;
    bool has_id;
    if (!num(r, n, "id", &id, &has_id) || !name) {
        free(name);
        return false;
    }
    for (size_t i = 0; i < sys->ndomain_decls; i++) {
        const sb_domain_decl_t *d = &sys->domain_decls[i];
        if (strcmp(d->name, name) == 0) {
            sb_err(&r->err, attr_loc(r, n, "name"),
                   "duplicate domain name '%s' (declared at %d:%d)", name, d->loc.line, d->loc.col);
            free(name);
            return false;
        }
        if (has_id && d->has_id && d->id == id) {
            sb_err(&r->err, attr_loc(r, n, "id"), "duplicate domain id %llu (domain '%s' has it)",
                   (unsigned long long)id, d->name);
            free(name);
            return false;
        }
    }
    if (has_id && id > UINT32_MAX) {
        sb_err(&r->err, attr_loc(r, n, "id"), "domain id %llu is too large",
               (unsigned long long)id);
        free(name);
        return false;
    }
    *PUSH(sys->domain_decls, sys->ndomain_decls) =
        (sb_domain_decl_t){name, (unsigned)id, has_id, loc_of(r, n), attr_loc(r, n, "id")};
    return true;
}

static void read_schedule_entry(rd_t *r, xmlNodePtr n)
{
    static const char *const attrs[] = {"domain", "duration", NULL};
    sb_system_t *sys = r->sys;
    allow(r, n, attrs);
    no_children(r, n);
    sb_domain_t e = {.loc = loc_of(r, n)};
    char *name = need(r, n, "domain");
    char *dur = need(r, n, "duration");
    bool ok = name && dur;
    if (name) {
        size_t i = 0;
        while (i < sys->ndomain_decls && strcmp(sys->domain_decls[i].name, name) != 0)
            i++;
        if (i == sys->ndomain_decls) {
            sb_err(&r->err, attr_loc(r, n, "domain"), "domain '%s' is not declared in <domains>",
                   name);
            ok = false;
        } else {
            e.id = sys->domain_decls[i].id;
        }
    }
    if (dur) {
        sb_loc_t at = attr_loc(r, n, "duration");
        char *sp = strchr(dur, ' ');
        if (!sp) {
            sb_err(&r->err, at, "the duration '%s' must be a value and a unit, e.g. '1000 us'",
                   dur);
            ok = false;
        } else {
            *sp = '\0';
            const char *unit = sp + 1;
            if (strcmp(unit, "us") != 0 && strcmp(unit, "ticks") != 0) {
                sb_err(&r->err, at, "the duration's unit must be 'us' or 'ticks' (got '%s')", unit);
                ok = false;
            } else if (!parse_number(r, n, "duration", dur, &e.length)) {
                ok = false;
            } else if (e.length == 0) {
                sb_err(&r->err, at, "the duration must not be zero");
                ok = false;
            }
            e.us = strcmp(unit, "us") == 0;
        }
    }
    free(dur);
    if (!ok) {
        free(name);
        return;
    }
    e.name = name;
    *PUSH(sys->domains, sys->ndomains) = e;
}

static void read_schedule(rd_t *r, xmlNodePtr n)
{
    static const char *const attrs[] = {"start_index", "index_shift", NULL};
    sb_system_t *sys = r->sys;
    allow(r, n, attrs);
    sys->schedule_loc = loc_of(r, n);
    sys->start_loc = attr_loc(r, n, "start_index");
    sys->shift_loc = attr_loc(r, n, "index_shift");
    bool given, ok = num(r, n, "start_index", &sys->schedule_start, &given);
    ok &= num(r, n, "index_shift", &sys->index_shift, &sys->has_index_shift);
    FOR_ELEMS(c, n)
    {
        if (is(c, "schedule_entry")) {
            read_schedule_entry(r, c);
        } else if (is(c, "schedule_end_marker")) {
            allow(r, c, (const char *const[]){NULL});
            no_children(r, c);
            *PUSH(sys->domains, sys->ndomains) =
                (sb_domain_t){.end_marker = true, .loc = loc_of(r, c)};
        } else {
            sb_err(&r->err, loc_of(r, c),
                   "invalid element '%s' in 'domain_schedule' (only 'schedule_entry' and "
                   "'schedule_end_marker')",
                   tag(c));
        }
    }
    if (ok && given && sys->schedule_start >= sys->ndomains)
        sb_err(&r->err, sys->start_loc,
               "start_index %llu is beyond the schedule, which has %zu entries",
               (unsigned long long)sys->schedule_start, sys->ndomains);
}

/* Ids for domains declared without one: the lowest unused, in file order. */
static void assign_domain_ids(sb_system_t *sys)
{
    unsigned next = 0;
    for (size_t i = 0; i < sys->ndomain_decls; i++) {
        if (sys->domain_decls[i].has_id)
            continue;
        for (bool used = true; used; next++) {
            used = false;
            for (size_t j = 0; j < sys->ndomain_decls && !used; j++)
                used = (sys->domain_decls[j].has_id || j < i) && sys->domain_decls[j].id == next;
        }
        sys->domain_decls[i].id = next - 1;
    }
}

static void read_domains(rd_t *r, xmlNodePtr n)
{
    sb_system_t *sys = r->sys;
    if (sys->has_domains) {
        sb_err(&r->err, loc_of(r, n), "'domains' must only be given once (first at %d:%d)",
               sys->domains_loc.line, sys->domains_loc.col);
        return;
    }
    sys->has_domains = true;
    sys->domains_loc = loc_of(r, n);
    allow(r, n, (const char *const[]){NULL});
    FOR_ELEMS(c, n)
    if (is(c, "domain"))
        read_domain_decl(r, c);
    assign_domain_ids(sys);
    xmlNodePtr schedule = NULL;
    FOR_ELEMS(c, n)
    {
        if (is(c, "domain"))
            continue;
        if (!is(c, "domain_schedule")) {
            sb_err(&r->err, loc_of(r, c),
                   "invalid element '%s' in 'domains' (only 'domain' and 'domain_schedule')",
                   tag(c));
        } else if (schedule) {
            sb_err(&r->err, loc_of(r, c), "'domain_schedule' must only be given once");
        } else {
            schedule = c;
            read_schedule(r, c);
        }
    }
    if (!schedule)
        sb_err(&r->err, sys->domains_loc, "'domains' needs a 'domain_schedule' element");
    if (sys->ndomain_decls == 0)
        sb_err(&r->err, sys->domains_loc, "'domains' declares no 'domain'");
}

/* Non-blank text is not part of the schema (Microkit refuses it too). */
static void check_text(rd_t *r, xmlNodePtr n)
{
    bool reported = false;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            check_text(r, c);
            continue;
        }
        if (reported || (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE &&
                         c->type != XML_ENTITY_REF_NODE))
            continue;
        const char *s = (const char *)c->content;
        bool text = c->type == XML_ENTITY_REF_NODE;
        for (; s && *s && !text; s++)
            text = !(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r');
        if (text) {
            size_t t = tag_index(n);
            sb_loc_t at =
                t < r->src.ntags && r->src.tags[t].text.line ? r->src.tags[t].text : loc_of(r, n);
            sb_err(&r->err, at, "unexpected text in element '%s'", tag(n));
            reported = true;
        }
    }
}

/* Numbers the elements in document order, matching them to the scanned start tags. */
static void number_elements(xmlNodePtr n, size_t *k)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        n->_private = (void *)(uintptr_t)(++*k);
        number_elements(n->children, k);
    }
}

static void read_system(rd_t *r, xmlNodePtr root)
{
    sb_system_t *sys = r->sys;
    sys->loc = loc_of(r, root);
    if (!is(root, "system") || root->ns) {
        sb_err(&r->err, sys->loc, "the root element must be 'system', not '%s'", tag(root));
        return;
    }
    allow(r, root, (const char *const[]){NULL});
    check_text(r, root);
    /* Declarations first, so that references may come before what they name. */
    FOR_ELEMS(c, root)
    if (is(c, "domains"))
        read_domains(r, c);
    FOR_ELEMS(c, root)
    if (is(c, "memory_region"))
        read_mr(r, c);
    FOR_ELEMS(c, root)
    if (is(c, "protection_domain"))
        read_pd(r, c, -1);
    FOR_ELEMS(c, root)
    {
        if (is(c, "channel"))
            read_channel(r, c);
        else if (is(c, "virtual_machine"))
            sb_err(&r->err, loc_of(r, c),
                   "'virtual_machine' is not supported by sel4c-sysbuild yet (and belongs "
                   "inside a protection_domain)");
        else if (is(c, "io_address_space"))
            sb_err(&r->err, loc_of(r, c),
                   "'io_address_space' is not supported on AArch64 (IOMMU address spaces are "
                   "x86-64 only)");
        else if (!is(c, "domains") && !is(c, "memory_region") && !is(c, "protection_domain"))
            sb_err(&r->err, loc_of(r, c), "invalid element '%s' in 'system'", tag(c));
    }
}

/* libxml2's syntax errors, with their line and column. */
static void xml_error(void *ctx, xmlErrorPtr e)
{
    rd_t *r = ctx;
    if (e->level < XML_ERR_ERROR)
        return;
    strbuf_t msg = STRBUF_INIT;
    sb_put(&msg, e->message ? e->message : "malformed XML");
    while (msg.len && (msg.data[msg.len - 1] == '\n' || msg.data[msg.len - 1] == ' '))
        msg.data[--msg.len] = '\0';
    sb_err(&r->err, (sb_loc_t){e->line, e->int2}, "%s", sb_str(&msg));
    sb_free(&msg);
}

bool sb_read(sb_system_t *sys, const char *path, const char *text, size_t size)
{
    *sys = (sb_system_t){.path = path};
    rd_t r = {.sys = sys, .err = {.path = path}};
    if (size > INT32_MAX) {
        diag_error(path, 0, "too large");
        return false;
    }
    xmlSetStructuredErrorFunc(&r, xml_error);
    xmlDocPtr doc = xmlReadMemory(text, (int)size, path, NULL,
                                  XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc && doc->intSubset) {
        sb_src_scan(&r.src, text, size);
        sb_err(&r.err, r.src.doctype, "a DOCTYPE is not allowed in a system description");
        sb_src_free(&r.src);
    } else if (doc && r.err.n == 0) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        size_t k = 0;
        sb_src_scan(&r.src, text, size);
        number_elements(root, &k);
        if (root)
            read_system(&r, root);
        sb_src_free(&r.src);
    } else if (r.err.n == 0) {
        sb_err(&r.err, (sb_loc_t){1, 1}, "not an XML document");
    }
    xmlFreeDoc(doc);
    return sb_errors_flush(&r.err) == 0;
}

void sb_system_free(sb_system_t *sys)
{
    for (size_t i = 0; i < sys->npds; i++) {
        sb_pd_t *p = &sys->pds[i];
        free(p->name);
        free(p->domain);
        free(p->program_image);
        free(p->path_for_symbols);
        free(p->setvar_id);
        for (size_t j = 0; j < p->nmaps; j++) {
            free(p->maps[j].setvar_vaddr);
            free(p->maps[j].setvar_size);
            free(p->maps[j].setvar_prefill_size);
        }
        free(p->maps);
        for (size_t j = 0; j < p->nirqs; j++)
            free(p->irqs[j].setvar_id);
        free(p->irqs);
        for (size_t j = 0; j < p->nsetvars; j++)
            free(p->setvars[j].symbol);
        free(p->setvars);
        for (size_t j = 0; j < p->npatches; j++)
            free(p->patches[j].symbol);
        free(p->patches);
        free(p->image.path);
        free(p->image.data);
        free(p->image.symbols_path);
        free(p->image.symbols_data);
    }
    free(sys->pds);
    for (size_t i = 0; i < sys->nmrs; i++) {
        free(sys->mrs[i].name);
        free(sys->mrs[i].prefill);
        free(sys->mrs[i].prefill_resolved);
        free(sys->mrs[i].prefill_data);
    }
    free(sys->mrs);
    for (size_t i = 0; i < sys->nchannels; i++)
        for (size_t j = 0; j < 2; j++)
            free(sys->channels[i].end[j].setvar_id);
    free(sys->channels);
    for (size_t i = 0; i < sys->ndomains; i++)
        free(sys->domains[i].name);
    free(sys->domains);
    for (size_t i = 0; i < sys->ndomain_decls; i++)
        free(sys->domain_decls[i].name);
    free(sys->domain_decls);
    *sys = (sb_system_t){0};
}
