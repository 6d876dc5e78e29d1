/*
 * Reader of the CapDL text language, the subset CAmkES and capDL-tool write for AArch64
 * (docs/capdl.md lists it): `arch`, `objects`, `caps`, `irq maps`, plus sel4c's
 * `domain_schedule`. Everything else is an error naming the line and the construct.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"
#include "model.h"

typedef enum { T_END, T_WORD, T_STRING, T_PUNCT } tok_kind_t;

/* `child` named inside untyped `parent`'s braces without a declaration: resolved at the end,
 * as it may be declared later. */
typedef struct range range_t;
typedef struct child_ref {
    size_t parent;
    char *name; /* with ranges: an array's name, and the elements they select */
    int line;
    range_t *ranges;
    size_t nranges;
} child_ref_t;

typedef struct parser {
    cdl_spec_t *s;
    const char *p;
    int line;
    tok_kind_t kind;
    char tok[256];
    int tok_line;
    bool failed;
    child_ref_t *refs;
    size_t nrefs;
    size_t *implicit; /* untypeds known only from paths so far, which a declaration may give */
    size_t nimplicit;
} parser_t;

static bool fail(parser_t *ps, const char *fmt, const char *arg)
{
    if (!ps->failed)
        diag_error(ps->s->path, ps->tok_line, fmt, arg);
    ps->failed = true;
    return false;
}

static void skip_space(parser_t *ps)
{
    for (;;) {
        const char *p = ps->p;
        if (*p == '\n') {
            ps->line++;
            ps->p++;
        } else if (isspace((unsigned char)*p)) {
            ps->p++;
        } else if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '/')) {
            ps->p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            for (const char *q = p; q < (e ? e : p + strlen(p)); q++)
                ps->line += *q == '\n';
            ps->p = e ? e + 2 : p + strlen(p);
        } else {
            return;
        }
    }
}

static bool next(parser_t *ps)
{
    skip_space(ps);
    ps->tok_line = ps->line;
    const char *p = ps->p;
    size_t n = 0;
    if (!*p) {
        ps->kind = T_END;
        strcpy(ps->tok, "end of file");
        return true;
    }
    if (isalnum((unsigned char)*p) || *p == '_' || *p == '.') {
        /* a '/' inside a name is a path (`a/b`); two slashes or a star after it start comments */
        while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '.' || p[n] == '-' ||
               (p[n] == '/' && (isalnum((unsigned char)p[n + 1]) || p[n + 1] == '_')))
            n++;
        ps->kind = T_WORD;
    } else if (*p == '"') {
        n = 1 + strcspn(p + 1, "\"\n");
        if (p[n] != '"')
            return fail(ps, "unterminated string%s", "");
        ps->kind = T_STRING;
        p++;
        n--;
        ps->p += 2;
    } else if (strchr("{}()[]:,=;", *p)) {
        n = 1;
        ps->kind = T_PUNCT;
    } else {
        char c[2] = {*p, 0};
        return fail(ps, "unexpected character `%s`", c);
    }
    if (n >= sizeof ps->tok)
        return fail(ps, "token too long%s", "");
    memcpy(ps->tok, p, n);
    ps->tok[n] = '\0';
    ps->p += n;
    return true;
}

static bool is(parser_t *ps, const char *punct_or_word)
{
    return ps->kind != T_END && ps->kind != T_STRING && !strcmp(ps->tok, punct_or_word);
}

static bool expect(parser_t *ps, const char *what)
{
    if (!is(ps, what)) {
        char msg[64];
        snprintf(msg, sizeof msg, "expected `%s`, found `%%s`", what);
        return fail(ps, msg, ps->tok);
    }
    return next(ps);
}

static bool word(parser_t *ps, char *out, size_t size)
{
    if (ps->kind != T_WORD)
        return fail(ps, "expected a name or number, found `%s`", ps->tok);
    if ((size_t)snprintf(out, size, "%s", ps->tok) >= size)
        return fail(ps, "`%s` is too long", ps->tok);
    return next(ps);
}

/* Numbers as capDL-tool reads them: 0x hexadecimal, 0o octal, else decimal (so `010` is
 * ten, as slot numbers are often written). */
static bool parse_number(const char *text, uint64_t *v)
{
    const char *digits = text;
    int base = 10;
    if (!isdigit((unsigned char)text[0]))
        return false;
    if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X' || digits[1] == 'o')) {
        base = digits[1] == 'o' ? 8 : 16;
        digits += 2;
    }
    char *end;
    errno = 0;
    *v = strtoull(digits, &end, base);
    return !*end && !errno && isalnum((unsigned char)digits[0]);
}

static bool number(parser_t *ps, uint64_t *v)
{
    if (ps->kind != T_WORD || !isdigit((unsigned char)ps->tok[0]))
        return fail(ps, "expected a number, found `%s`", ps->tok);
    if (!parse_number(ps->tok, v))
        return fail(ps, "bad number `%s`", ps->tok);
    return next(ps);
}

static bool number_max(parser_t *ps, uint64_t *v, uint64_t max, const char *what)
{
    if (!number(ps, v))
        return false;
    if (*v > max)
        return fail(ps, "%s out of range", what);
    return true;
}

/* `{dest len CDL_FrameFill_FileData "file" offset}` or `{dest len CDL_FrameFill_BootInfo
 * CDL_FrameFill_BootInfo_FDT offset}` */
static bool fill_entry(parser_t *ps, cdl_obj_t *o)
{
    uint64_t dest, len, off;
    char kind[64];
    int line = ps->tok_line;
    if (!expect(ps, "{") || !number_max(ps, &dest, UINT32_MAX, "fill offset") ||
        !number_max(ps, &len, UINT32_MAX, "fill length") || !word(ps, kind, sizeof kind))
        return false;
    o->fills = xrealloc(o->fills, (o->nfills + 1) * sizeof *o->fills);
    cdl_fill_t *f = &o->fills[o->nfills++];
    *f = (cdl_fill_t){.dest_offset = (uint32_t)dest, .length = (uint32_t)len, .line = line};
    if (!strcmp(kind, "CDL_FrameFill_FileData")) {
        if (ps->kind != T_STRING)
            return fail(ps, "expected a file name in quotes, found `%s`", ps->tok);
        f->source = CDL_FILL_FILE;
        f->file = xstrdup(ps->tok);
        if (!next(ps) || !number(ps, &off))
            return false;
        f->file_offset = off;
    } else if (!strcmp(kind, "CDL_FrameFill_BootInfo")) {
        char what[64];
        if (!word(ps, what, sizeof what))
            return false;
        if (strcmp(what, "CDL_FrameFill_BootInfo_FDT"))
            return fail(ps, "boot info fill `%s` not supported (only the FDT)", what);
        f->source = CDL_FILL_FDT;
        if (!number(ps, &off))
            return false;
        if (off)
            return fail(ps, "FDT fills start at offset 0 of the device tree%s", "");
    } else {
        return fail(ps, "unknown fill kind `%s`", kind);
    }
    return expect(ps, "}");
}

static bool frame_size(parser_t *ps, const char *w, cdl_obj_t *o)
{
    static const struct {
        const char *name;
        unsigned bits;
    } sizes[] = {{"4k", 12}, {"2M", 21}, {"1G", 30}};
    for (size_t i = 0; i < 3; i++)
        if (!strcmp(w, sizes[i].name)) {
            o->o.size_bits = (uint8_t)sizes[i].bits;
            return true;
        }
    return fail(ps, "frame size `%s` does not exist on AArch64 (4k, 2M or 1G)", w);
}

/* One `key: value` or bare parameter of an object declaration. */
static bool object_param(parser_t *ps, cdl_obj_t *o)
{
    char key[64];
    uint64_t v;
    unsigned t = o->o.type;
    if (ps->kind == T_WORD && isdigit((unsigned char)ps->tok[0])) {
        char w[sizeof ps->tok];
        snprintf(w, sizeof w, "%s", ps->tok);
        if (t == SEL4C_CAPDL_FRAME && !isdigit((unsigned char)w[strlen(w) - 1]))
            return frame_size(ps, w, o) && next(ps);
        if (!number_max(ps, &v, 63, "size in bits"))
            return false;
        if (t != SEL4C_CAPDL_UNTYPED && t != SEL4C_CAPDL_CNODE && t != SEL4C_CAPDL_SCHED_CONTEXT &&
            t != SEL4C_CAPDL_FRAME)
            return fail(ps, "a size is not a parameter of %s objects", cdl_type_to_name(o));
        o->o.size_bits = (uint8_t)v;
        return expect(ps, "bits");
    }
    if (!word(ps, key, sizeof key) || !expect(ps, ":"))
        return false;
    sel4c_capdl_tcb_t *tcb = &o->tcb;
    if (!strcmp(key, "paddr") && (t == SEL4C_CAPDL_UNTYPED || t == SEL4C_CAPDL_FRAME)) {
        o->o.flags |= SEL4C_CAPDL_OBJ_PADDR;
        return number(ps, &o->o.paddr);
    }
    if (!strcmp(key, "fill") && t == SEL4C_CAPDL_FRAME) {
        if (!expect(ps, "["))
            return false;
        while (!is(ps, "]")) {
            if (!fill_entry(ps, o) || (!is(ps, "]") && !expect(ps, ",")))
                return false;
        }
        return next(ps);
    }
    if (t == SEL4C_CAPDL_TCB) {
        if (!strcmp(key, "addr"))
            return number(ps, &tcb->ipc_buffer_addr);
        if (!strcmp(key, "ip"))
            return number(ps, &tcb->ip);
        if (!strcmp(key, "sp"))
            return number(ps, &tcb->sp);
        if (!strcmp(key, "fault_ep"))
            return number(ps, &tcb->fault_ep);
        if (!strcmp(key, "prio") || !strcmp(key, "max_prio") || !strcmp(key, "affinity") ||
            !strcmp(key, "dom")) {
            if (!number_max(ps, &v, 255, key))
                return false;
            uint8_t *f = key[0] == 'p'   ? &tcb->priority
                         : key[0] == 'm' ? &tcb->max_priority
                         : key[0] == 'a' ? &tcb->affinity
                                         : &tcb->domain;
            *f = (uint8_t)v;
            return true;
        }
        if (!strcmp(key, "resume")) {
            char b[16];
            if (!word(ps, b, sizeof b))
                return false;
            if (strcmp(b, "true") && strcmp(b, "false") && strcmp(b, "True") && strcmp(b, "False"))
                return fail(ps, "resume is true or false, not `%s`", b);
            tcb->flags = (b[0] == 't' || b[0] == 'T') ? SEL4C_CAPDL_TCB_RESUME : 0;
            return true;
        }
        if (!strcmp(key, "init")) {
            if (!expect(ps, "["))
                return false;
            while (!is(ps, "]")) {
                if (!number(ps, &v) || (!is(ps, "]") && !expect(ps, ",")))
                    return false;
                o->regs = xrealloc(o->regs, (o->nregs + 1) * sizeof *o->regs);
                o->regs[o->nregs++] = v;
            }
            return next(ps);
        }
    }
    if (t == SEL4C_CAPDL_SCHED_CONTEXT) {
        if (!strcmp(key, "period"))
            return number(ps, &o->sc.period);
        if (!strcmp(key, "budget"))
            return number(ps, &o->sc.budget);
        if (!strcmp(key, "data"))
            return number(ps, &o->sc.badge);
        if (!strcmp(key, "extra_refills")) {
            if (!number_max(ps, &v, UINT32_MAX, key))
                return false;
            o->sc.extra_refills = (uint32_t)v;
            return true;
        }
    }
    if (t == SEL4C_CAPDL_IRQ) {
        if (!strcmp(key, "trigger")) {
            char w[16];
            if (!word(ps, w, sizeof w))
                return false;
            if (!strcmp(w, "level") || !strcmp(w, "0"))
                o->irq.trigger = 0;
            else if (!strcmp(w, "edge") || !strcmp(w, "1"))
                o->irq.trigger = 1;
            else
                return fail(ps, "IRQ trigger is level or edge, not `%s`", w);
            return true;
        }
        if (!strcmp(key, "target")) {
            if (!number_max(ps, &v, 255, key))
                return false;
            o->irq.target = (uint8_t)v;
            return true;
        }
    }
    char msg[128];
    snprintf(msg, sizeof msg, "`%%s` is not a parameter of %s objects", cdl_type_to_name(o));
    return fail(ps, msg, key);
}

/* Makes `child` one of untyped `parent`'s objects, unless it is another's already. */
static bool set_parent(parser_t *ps, size_t child, long parent, int line)
{
    cdl_obj_t *c = &ps->s->objs[child];
    if (parent < 0 || c->o.parent == (uint32_t)parent + 1)
        return true;
    if (c->o.parent) {
        ps->failed = true;
        diag_error(ps->s->path, line, "`%s` is inside untyped `%s` and `%s`", c->name,
                   ps->s->objs[c->o.parent - 1].name, ps->s->objs[parent].name);
        return false;
    }
    c->o.parent = (uint32_t)parent + 1;
    return true;
}

/* Whether `obj` was so far only named in a path; if so it is not any more. */
static bool take_implicit(parser_t *ps, size_t obj)
{
    for (size_t i = 0; i < ps->nimplicit; i++)
        if (ps->implicit[i] == obj) {
            ps->implicit[i] = ps->implicit[--ps->nimplicit];
            return true;
        }
    return false;
}

/* Object arrays: `name[N] = ...` declares objects `name[0]` to `name[N-1]`. */
#define MAX_ARRAY 65536

static size_t array_length(const cdl_spec_t *s, const char *base)
{
    char name[300];
    size_t n = 0;
    while (snprintf(name, sizeof name, "%s[%zu]", base, n), cdl_find(s, name) >= 0)
        n++;
    return n;
}

/* Indices `lo` to `hi` of an array (to its end with `to_end`). */
typedef struct range {
    uint64_t lo, hi;
    bool to_end;
} range_t;

/*
 * An array selector, at `[`: `[]` (all), or a comma-separated list of `i`, `a..b` (both
 * included), `a..` (to the end) and `..b` (from 0).
 */
static bool parse_selector(parser_t *ps, range_t **out, size_t *n)
{
    if (!next(ps))
        return false;
    if (is(ps, "]")) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = (range_t){0, 0, true};
    }
    while (!is(ps, "]")) {
        char w[sizeof ps->tok], *dots;
        range_t r = {0, 0, false};
        snprintf(w, sizeof w, "%s", ps->tok);
        if (ps->kind != T_WORD)
            return fail(ps, "expected an index or range, found `%s`", ps->tok);
        if ((dots = strstr(w, ".."))) {
            *dots = '\0';
            r.to_end = !dots[2];
            if ((w[0] && !parse_number(w, &r.lo)) || (dots[2] && !parse_number(dots + 2, &r.hi)))
                return fail(ps, "bad index range `%s`", ps->tok);
        } else if (!parse_number(w, &r.lo)) {
            return fail(ps, "bad index `%s`", ps->tok);
        } else {
            r.hi = r.lo;
        }
        if (!r.to_end && r.lo > r.hi)
            return fail(ps, "empty index range `%s`", ps->tok);
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = r;
        if (!next(ps) || (!is(ps, "]") && !expect(ps, ",")))
            return false;
    }
    return next(ps);
}

/* The object indices of the elements of array `base` that `ranges` select, appended. */
static bool expand(parser_t *ps, const char *base, const range_t *ranges, size_t nranges,
                   size_t **out, size_t *n)
{
    size_t len = array_length(ps->s, base);
    if (!len)
        return fail(ps, "`%s` is not an array", base);
    for (size_t i = 0; i < nranges; i++) {
        uint64_t lo = ranges[i].lo, hi = ranges[i].to_end ? len - 1 : ranges[i].hi;
        if (lo > hi || hi >= len)
            return fail(ps, "index range outside array `%s`", base);
        *out = xrealloc(*out, (*n + hi - lo + 1) * sizeof **out);
        for (uint64_t k = lo; k <= hi; k++) {
            char name[300];
            snprintf(name, sizeof name, "%s[%llu]", base, (unsigned long long)k);
            (*out)[(*n)++] = (size_t)cdl_find(ps->s, name);
        }
    }
    return true;
}

static bool selector(parser_t *ps, const char *base, size_t **out, size_t *n)
{
    range_t *ranges = NULL;
    size_t nranges = 0;
    int line = ps->tok_line;
    bool ok = parse_selector(ps, &ranges, &nranges);
    if (ok) {
        int at = ps->tok_line;
        ps->tok_line = line;
        ok = expand(ps, base, ranges, nranges, out, n);
        ps->tok_line = at;
    }
    free(ranges);
    return ok;
}

/* The objects `name` or `name[selector]` names, at `name`'s end. */
static bool names(parser_t *ps, const char *name, size_t **out, size_t *n)
{
    if (is(ps, "["))
        return selector(ps, name, out, n);
    long i = cdl_find(ps->s, name);
    if (i < 0)
        return fail(ps, "`%s` is not an object", name);
    *out = xrealloc(*out, (*n + 1) * sizeof **out);
    (*out)[(*n)++] = (size_t)i;
    return true;
}

/* Element `dst` of an array gets the parameters parsed for its first element `src`. */
static void copy_params(cdl_obj_t *dst, const cdl_obj_t *src)
{
    dst->o = src->o;
    dst->tcb = src->tcb;
    dst->sc = src->sc;
    dst->irq = src->irq;
    dst->regs = xcalloc(src->nregs + 1, sizeof *dst->regs);
    if (src->nregs)
        memcpy(dst->regs, src->regs, src->nregs * sizeof *dst->regs);
    dst->nregs = src->nregs;
    dst->fills = xcalloc(src->nfills + 1, sizeof *dst->fills);
    for (size_t k = 0; k < src->nfills; k++) {
        dst->fills[k] = src->fills[k];
        if (src->fills[k].file)
            dst->fills[k].file = xstrdup(src->fills[k].file);
    }
    dst->nfills = src->nfills;
}

/*
 * `a/b/c = ...` declares c inside untyped b, itself inside untyped a (inside `parent` if
 * given), as capDL-tool writes it. Path components not declared yet become untypeds that a
 * declaration of their own, before or after, may give a size and place; if none does, the
 * objects inside size them. Rewrites `name` to its last component and returns its parent,
 * or -2 (reported).
 */
static long path_parent(parser_t *ps, char *name, long parent, int line)
{
    char *slash;
    while ((slash = strchr(name, '/'))) {
        *slash = '\0';
        long u = cdl_find(ps->s, name);
        if (u < 0) {
            if ((u = cdl_add_object(ps->s, name, line)) < 0)
                return ps->failed = true, -2;
            ps->s->objs[u].o.type = SEL4C_CAPDL_UNTYPED;
            ps->implicit = xrealloc(ps->implicit, (ps->nimplicit + 1) * sizeof *ps->implicit);
            ps->implicit[ps->nimplicit++] = (size_t)u;
        }
        if (!set_parent(ps, (size_t)u, parent, line))
            return -2;
        parent = u;
        memmove(name, slash + 1, strlen(slash + 1) + 1);
    }
    return parent;
}

/*
 * Declarations up to the closing `}`: `name = type (params)`, where an untyped may be
 * followed by `{ ... }` declaring the objects made from it (nested to any depth), and inside
 * such braces also bare names of objects declared elsewhere, optionally comma-separated.
 * `u = ut { ... }` for an untyped u declared before adds objects inside it.
 * `parent` is the enclosing untyped's index, or -1 at the top; `depth` its nesting level.
 */
static bool declarations(parser_t *ps, long parent, unsigned depth)
{
    if (depth > 64)
        return fail(ps, "untyped objects nested more than 64 deep%s", "");
    while (!is(ps, "}")) {
        char name[256], type[64];
        int line = ps->tok_line;
        if (!word(ps, name, sizeof name))
            return false;
        size_t count = 0; /* of an array being declared */
        if (is(ps, "[")) {
            /* `name[N] =` declares an array unless `name[N]` is an element already; else (in
             * an untyped's braces) the elements named are inside it */
            parser_t look = *ps;
            uint64_t v;
            char elem[300], path[sizeof ps->tok] = "";
            bool decl = next(&look) && look.kind == T_WORD && parse_number(look.tok, &v) &&
                        next(&look) && is(&look, "]");
            if (decl && look.p[0] == '/' &&
                (isalnum((unsigned char)look.p[1]) || look.p[1] == '_')) {
                look.p++; /* `a[0]/b = ...`: a path from an element */
                decl = next(&look) && look.kind == T_WORD &&
                       (size_t)snprintf(path, sizeof path, "/%s", look.tok) < sizeof path;
            }
            decl = decl && next(&look) && is(&look, "=");
            if (look.failed)
                return ps->failed = true, false;
            if (decl) {
                snprintf(elem, sizeof elem, "%s[%llu]", name, (unsigned long long)v);
                if (path[0] || cdl_find(ps->s, elem) >= 0) {
                    if ((size_t)snprintf(name, sizeof name, "%s%s", elem, path) >= sizeof name)
                        return fail(ps, "`%s` is too long", elem);
                } else if (v < 1 || v > MAX_ARRAY)
                    return fail(ps, "array size out of range (1 to 65536)%s", "");
                else
                    count = (size_t)v;
                *ps = look;
            } else if (parent >= 0) { /* resolved at the end: the array may come later */
                child_ref_t r = {(size_t)parent, xstrdup(name), line, NULL, 0};
                bool ok = parse_selector(ps, &r.ranges, &r.nranges);
                ps->refs = xrealloc(ps->refs, (ps->nrefs + 1) * sizeof *ps->refs);
                ps->refs[ps->nrefs++] = r;
                if (!ok || (is(ps, ",") && !next(ps)))
                    return false;
                continue;
            } else {
                return fail(ps, "expected `name[N] = type` after `%s`", name);
            }
        }
        if (count && strchr(name, '/'))
            return fail(ps, "an array (`%s[N]`) cannot be declared with a path", name);
        if (parent >= 0 && !is(ps, "=")) {
            if (strchr(name, '/'))
                return fail(ps, "a path (`%s`) names an object only where it is declared", name);
            ps->refs = xrealloc(ps->refs, (ps->nrefs + 1) * sizeof *ps->refs);
            ps->refs[ps->nrefs++] = (child_ref_t){(size_t)parent, xstrdup(name), line, NULL, 0};
            if (is(ps, ",") && !next(ps))
                return false;
            continue;
        }
        if (!expect(ps, "=") || !word(ps, type, sizeof type))
            return false;
        unsigned level = 0, t = cdl_type_from_name(type, &level);
        if (!t)
            return fail(ps, "unknown object type `%s`", type);
        char base[sizeof name];
        snprintf(base, sizeof base, "%s", name);
        if (count && (size_t)snprintf(name, sizeof name, "%s[0]", base) >= sizeof name)
            return fail(ps, "`%s` is too long", base);
        long up = path_parent(ps, name, parent, line), i = cdl_find(ps->s, name);
        if (up < -1)
            return false;
        bool reopen = i >= 0 && t == SEL4C_CAPDL_UNTYPED && ps->s->objs[i].o.type == t &&
                      is(ps, "{");                    /* `u = ut { more }`: more objects inside u */
        if (i >= 0 && take_implicit(ps, (size_t)i)) { /* named in a path before */
            if (t != SEL4C_CAPDL_UNTYPED)
                return fail(ps, "`%s` holds objects (a path names it), so it is an untyped", name);
            ps->s->objs[i].line = line;
        } else if (reopen) {
            if (!set_parent(ps, (size_t)i, up, line) || !next(ps) ||
                !declarations(ps, i, depth + 1) || !next(ps))
                return false;
            if (parent >= 0 && is(ps, ",") && !next(ps))
                return false;
            continue;
        } else if ((i = cdl_add_object(ps->s, name, line)) < 0) {
            return ps->failed = true, false;
        }
        if (!set_parent(ps, (size_t)i, up, line))
            return false;
        cdl_obj_t *o = &ps->s->objs[i];
        o->o.type = (uint8_t)t;
        o->o.level = (uint8_t)level;
        if (t == SEL4C_CAPDL_FRAME)
            o->o.size_bits = 12;
        if (t == SEL4C_CAPDL_SCHED_CONTEXT)
            o->o.size_bits = 8;
        if (is(ps, "(")) {
            if (!next(ps))
                return false;
            while (!is(ps, ")")) {
                if (!object_param(ps, o) || (!is(ps, ")") && !expect(ps, ",")))
                    return false;
            }
            if (!next(ps))
                return false;
        }
        for (size_t k = 1; k < count; k++) { /* the other elements, as the first */
            char elem[300];
            snprintf(elem, sizeof elem, "%s[%zu]", base, k);
            long e = cdl_add_object(ps->s, elem, line);
            if (e < 0)
                return ps->failed = true, false;
            copy_params(&ps->s->objs[e], &ps->s->objs[i]);
        }
        if (count && is(ps, "{"))
            return fail(ps, "an array (`%s[N]`) cannot hold declarations", base);
        if (is(ps, "{")) { /* o may move as objects are added: not used below */
            if (t != SEL4C_CAPDL_UNTYPED)
                return fail(ps, "only untyped objects hold other objects (`%s { ... }`)", name);
            if (!next(ps) || !declarations(ps, i, depth + 1) || !next(ps))
                return false;
        }
        if (parent >= 0 && is(ps, ",") && !next(ps))
            return false;
    }
    return true;
}

static bool objects_block(parser_t *ps)
{
    return expect(ps, "{") && declarations(ps, -1, 0) && next(ps);
}

/* Children named inside an untyped's braces: each an object, in one untyped only. */
static bool resolve_refs(parser_t *ps)
{
    cdl_spec_t *s = ps->s;
    for (size_t i = 0; i < ps->nrefs && !ps->failed; i++) {
        child_ref_t *r = &ps->refs[i];
        size_t *elems = NULL, n = 0;
        long c = cdl_find(s, r->name);
        ps->tok_line = r->line;
        if (r->nranges)
            expand(ps, r->name, r->ranges, r->nranges, &elems, &n);
        else if (c < 0)
            fail(ps, "`%s`, named inside an untyped, is not an object", r->name);
        else {
            elems = xcalloc(1, sizeof *elems);
            elems[n++] = (size_t)c;
        }
        for (size_t k = 0; k < n && set_parent(ps, elems[k], (long)r->parent, r->line); k++)
            ;
        free(elems);
    }
    for (size_t i = 0; i < ps->nrefs; i++) {
        free(ps->refs[i].name);
        free(ps->refs[i].ranges);
    }
    free(ps->refs);
    free(ps->implicit);
    return !ps->failed;
}

static bool cap_param(parser_t *ps, sel4c_capdl_cap_t *c, bool *rights_given)
{
    char key[64];
    uint64_t v;
    if (!word(ps, key, sizeof key))
        return false;
    if (strspn(key, "RWXGP") == strlen(key)) {
        *rights_given = true;
        for (const char *k = key; *k; k++)
            switch (*k) {
            case 'R': c->rights |= SEL4C_CAPDL_RIGHT_READ; break;
            case 'W': c->rights |= SEL4C_CAPDL_RIGHT_WRITE; break;
            case 'G': c->rights |= SEL4C_CAPDL_RIGHT_GRANT; break;
            case 'P': c->rights |= SEL4C_CAPDL_RIGHT_GRANT_REPLY; break;
            case 'X': c->flags |= SEL4C_CAPDL_CAP_EXECUTABLE; break;
            }
        return true;
    }
    if (!strcmp(key, "uncached")) {
        c->flags |= SEL4C_CAPDL_CAP_UNCACHED;
        return true;
    }
    if (!expect(ps, ":"))
        return false;
    if (!strcmp(key, "badge") || !strcmp(key, "guard"))
        return number(ps, &c->badge);
    if (!strcmp(key, "guard_size")) {
        if (!number_max(ps, &v, 64, key))
            return false;
        c->guard_size = (uint8_t)v;
        return true;
    }
    if (!strcmp(key, "cached")) {
        char b[16];
        if (!word(ps, b, sizeof b))
            return false;
        if (!strcmp(b, "false") || !strcmp(b, "False"))
            c->flags |= SEL4C_CAPDL_CAP_UNCACHED;
        else if (strcmp(b, "true") && strcmp(b, "True"))
            return fail(ps, "cached is true or false, not `%s`", b);
        return true;
    }
    return fail(ps, "cap parameter `%s` not supported", key);
}

/*
 * `holder { slot: target (params) ... }`. Holder and target may be array selections
 * (`cn[1..3] { 0x4: ep[] (RW) }`): each holder gets the caps, and a selection of targets
 * fills consecutive slots from the one given.
 */
static bool caps_block(parser_t *ps)
{
    if (!expect(ps, "{"))
        return false;
    while (!is(ps, "}")) {
        char holder[256];
        size_t *holders = NULL, nholders = 0, *targets = NULL, ntargets = 0;
        bool ok = word(ps, holder, sizeof holder) && names(ps, holder, &holders, &nholders) &&
                  expect(ps, "{");
        while (ok && !is(ps, "}")) {
            char slot[64], target[256];
            int line = ps->tok_line;
            uint64_t v = 0;
            if (ps->kind == T_WORD && isdigit((unsigned char)ps->tok[0])) {
                ok = number_max(ps, &v, UINT32_MAX, "slot");
            } else if ((ok = word(ps, slot, sizeof slot))) {
                int ts = cdl_tcb_slot_from_name(slot);
                if (ts < 0)
                    ok = fail(ps, "unknown slot name `%s`", slot);
                v = (uint64_t)ts;
            }
            ntargets = 0;
            if (!ok || !expect(ps, ":") || !word(ps, target, sizeof target)) {
                ok = false;
                break;
            }
            if (!is(ps, "[") && cdl_find(ps->s, target) < 0) {
                ps->tok_line = line;
                ok = fail(ps, "cap to `%s`, which is not an object", target);
                break;
            }
            if (!(ok = names(ps, target, &targets, &ntargets)))
                break;
            if (v + ntargets - 1 > UINT32_MAX) {
                ok = fail(ps, "slots past 2^32%s", "");
                break;
            }
            sel4c_capdl_cap_t c = {0};
            bool rights_given = false; /* capDL: no rights listed means none */
            if (is(ps, "(")) {
                ok = next(ps);
                while (ok && !is(ps, ")"))
                    ok = cap_param(ps, &c, &rights_given) && (is(ps, ")") || expect(ps, ","));
                ok = ok && next(ps);
            }
            if (ok && is(ps, ";")) /* capDL-tool allows one after a cap */
                ok = next(ps);
            for (size_t h = 0; ok && h < nholders; h++)
                for (size_t k = 0; k < ntargets; k++) {
                    cdl_cap_t *cap = cdl_add_cap(ps->s, holders[h], line);
                    cap->c = c;
                    cap->c.slot = (uint32_t)(v + k);
                    cap->c.object = (uint32_t)targets[k];
                }
        }
        free(holders);
        free(targets);
        if (!ok || !next(ps))
            return false;
    }
    return next(ps);
}

/* `irq maps { N: obj }` and `domain_schedule { domain: duration }` */
static bool pairs_block(parser_t *ps, bool irq)
{
    if (!expect(ps, "{"))
        return false;
    while (!is(ps, "}")) {
        uint64_t a, b = 0;
        char name[256];
        int line = ps->tok_line;
        if (!number_max(ps, &a, irq ? UINT32_MAX : 255, irq ? "IRQ number" : "domain") ||
            !expect(ps, ":"))
            return false;
        if (!irq) {
            if (!number(ps, &b))
                return false;
            ps->s->domains =
                xrealloc(ps->s->domains, (ps->s->ndomains + 1) * sizeof *ps->s->domains);
            ps->s->domains[ps->s->ndomains++] =
                (sel4c_capdl_domain_entry_t){.domain = (uint32_t)a, .duration = b};
            continue;
        }
        if (!word(ps, name, sizeof name))
            return false;
        long o = cdl_find(ps->s, name);
        if (is(ps, "[")) { /* one element of an array */
            size_t *elems = NULL, n = 0;
            bool ok = selector(ps, name, &elems, &n);
            o = ok && n == 1 ? (long)elems[0] : -1;
            free(elems);
            if (!ok)
                return false;
            if (o >= 0)
                snprintf(name, sizeof name, "%s", ps->s->objs[o].name);
        }
        if (o < 0 || ps->s->objs[o].o.type != SEL4C_CAPDL_IRQ) {
            ps->tok_line = line;
            return fail(ps, "IRQ mapped to `%s`, which is not an irq object", name);
        }
        if (ps->s->objs[o].irq_mapped) {
            ps->tok_line = line;
            return fail(ps, "irq object `%s` mapped twice", name);
        }
        ps->s->objs[o].irq.irq = (uint32_t)a;
        ps->s->objs[o].irq_mapped = true;
    }
    return next(ps);
}

bool cdl_read_text(cdl_spec_t *s, const char *path, const char *text)
{
    parser_t ps = {.s = s, .p = text, .line = 1};
    s->path = path;
    bool arch = false;
    if (!next(&ps))
        return false;
    while (ps.kind != T_END && !ps.failed) {
        if (is(&ps, "arch")) {
            char a[64];
            if (!next(&ps) || !word(&ps, a, sizeof a))
                break;
            if (strcmp(a, "aarch64"))
                fail(&ps, "architecture `%s` not supported (aarch64)", a);
            arch = true;
        } else if (is(&ps, "objects")) {
            if (next(&ps))
                objects_block(&ps);
        } else if (is(&ps, "caps")) {
            if (next(&ps))
                caps_block(&ps);
        } else if (is(&ps, "irq")) {
            if (next(&ps) && expect(&ps, "maps"))
                pairs_block(&ps, true);
        } else if (is(&ps, "domain_schedule")) {
            if (next(&ps))
                pairs_block(&ps, false);
        } else if (is(&ps, "cdt") || is(&ps, "untyped")) {
            fail(&ps, "`%s` sections are not supported", ps.tok);
        } else {
            fail(&ps,
                 "expected `arch`, `objects`, `caps`, `irq maps` or `domain_schedule`, "
                 "found `%s`",
                 ps.tok);
        }
    }
    if (!ps.failed && !arch)
        diag_error(path, 1, "the spec names no architecture (`arch aarch64`)"), ps.failed = true;
    return resolve_refs(&ps) && !ps.failed;
}
