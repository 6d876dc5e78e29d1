/*
 * Reader of the JSON form of a spec (docs/capdl.md): the same model as the text language,
 * for tools that generate specs. Numbers are JSON integers up to 2^53, or strings ("0x...")
 * for anything larger. Errors name the object (JSON has no line numbers in cJSON).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"
#include "model.h"

typedef struct jreader {
    cdl_spec_t *s;
    char where[300]; /* "objects[3] `name`" */
    bool failed;
} jreader_t;

static bool jfail(jreader_t *r, const char *fmt, const char *arg)
{
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg);
    diag_error(r->s->path, 0, "%s: %s", r->where, msg);
    r->failed = true;
    return false;
}

/* A number value `v` (named `key` in messages): at most `max`. */
static bool jvalue(jreader_t *r, const cJSON *v, const char *key, uint64_t max, uint64_t *out)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d < 0 || d != floor(d) || d > 9007199254740992.0)
            return jfail(r, "`%s` is not an integer from 0 to 2^53 (use a \"0x...\" string)", key);
        *out = (uint64_t)d;
    } else if (cJSON_IsString(v)) {
        char *end;
        errno = 0;
        *out = strtoull(v->valuestring, &end, 0);
        if (!v->valuestring[0] || *end || errno || v->valuestring[0] == '-')
            return jfail(r, "`%s` is not a number", key);
    } else {
        return jfail(r, "`%s` is not a number", key);
    }
    if (*out > max)
        return jfail(r, "`%s` out of range", key);
    return true;
}

/* An optional unsigned number field; false (reported) if present but not a number <= max. */
static bool jnum(jreader_t *r, const cJSON *obj, const char *key, uint64_t max, uint64_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return !v || jvalue(r, v, key, max, out);
}

static bool jnum8(jreader_t *r, const cJSON *o, const char *key, uint8_t *out)
{
    uint64_t v = *out;
    bool ok = jnum(r, o, key, 255, &v);
    *out = (uint8_t)v;
    return ok;
}

static const char *jstr(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool read_fills(jreader_t *r, const cJSON *arr, cdl_obj_t *o)
{
    const cJSON *f;
    if (!cJSON_IsArray(arr))
        return jfail(r, "`fill` is not an array%s", "");
    cJSON_ArrayForEach(f, arr)
    {
        uint64_t off = 0, len = 0, foff = 0;
        if (!jnum(r, f, "offset", UINT32_MAX, &off) || !jnum(r, f, "length", UINT32_MAX, &len) ||
            !jnum(r, f, "file_offset", UINT64_MAX, &foff))
            return false;
        o->fills = xrealloc(o->fills, (o->nfills + 1) * sizeof *o->fills);
        cdl_fill_t *cf = &o->fills[o->nfills++];
        *cf = (cdl_fill_t){.dest_offset = (uint32_t)off, .length = (uint32_t)len};
        const char *file = jstr(f, "file"), *bi = jstr(f, "bootinfo");
        if (file && !bi) {
            cf->source = CDL_FILL_FILE;
            cf->file = xstrdup(file);
            cf->file_offset = foff;
        } else if (bi && !file && !strcmp(bi, "fdt")) {
            cf->source = CDL_FILL_FDT;
        } else {
            return jfail(r, "a fill has either `file` or `\"bootinfo\": \"fdt\"`%s", "");
        }
    }
    return true;
}

static bool read_object(jreader_t *r, const cJSON *j, cdl_obj_t *o)
{
    const char *size = jstr(j, "size");
    uint64_t v = o->o.size_bits;
    if (!jnum(r, j, "size_bits", 63, &v))
        return false;
    o->o.size_bits = (uint8_t)v;
    if (size) {
        if (o->o.type != SEL4C_CAPDL_FRAME)
            return jfail(r, "`size` applies to frames (others use size_bits)%s", "");
        o->o.size_bits = !strcmp(size, "4k")   ? 12
                         : !strcmp(size, "2M") ? 21
                         : !strcmp(size, "1G") ? 30
                                               : 0;
        if (!o->o.size_bits)
            return jfail(r, "frame size `%s` does not exist on AArch64 (4k, 2M or 1G)", size);
    }
    if (cJSON_GetObjectItemCaseSensitive(j, "paddr")) {
        if (!jnum(r, j, "paddr", UINT64_MAX, &o->o.paddr))
            return false;
        o->o.flags |= SEL4C_CAPDL_OBJ_PADDR;
    }
    const cJSON *fill = cJSON_GetObjectItemCaseSensitive(j, "fill");
    if (fill && !read_fills(r, fill, o))
        return false;
    sel4c_capdl_tcb_t *t = &o->tcb;
    if (!jnum(r, j, "ipc_buffer_addr", UINT64_MAX, &t->ipc_buffer_addr) ||
        !jnum(r, j, "ip", UINT64_MAX, &t->ip) || !jnum(r, j, "sp", UINT64_MAX, &t->sp) ||
        !jnum(r, j, "fault_ep", UINT64_MAX, &t->fault_ep) || !jnum8(r, j, "prio", &t->priority) ||
        !jnum8(r, j, "max_prio", &t->max_priority) || !jnum8(r, j, "affinity", &t->affinity) ||
        !jnum8(r, j, "dom", &t->domain))
        return false;
    const cJSON *resume = cJSON_GetObjectItemCaseSensitive(j, "resume");
    if (resume)
        t->flags = cJSON_IsTrue(resume) ? SEL4C_CAPDL_TCB_RESUME : 0;
    const cJSON *init = cJSON_GetObjectItemCaseSensitive(j, "init"), *e;
    if (init) {
        if (!cJSON_IsArray(init))
            return jfail(r, "`init` is not an array%s", "");
        cJSON_ArrayForEach(e, init)
        {
            o->regs = xrealloc(o->regs, (o->nregs + 1) * sizeof *o->regs);
            if (!jvalue(r, e, "init", UINT64_MAX, &o->regs[o->nregs++]))
                return false;
        }
    }
    uint64_t refills = 0, irq = 0;
    if (!jnum(r, j, "period", UINT64_MAX, &o->sc.period) ||
        !jnum(r, j, "budget", UINT64_MAX, &o->sc.budget) ||
        !jnum(r, j, "data", UINT64_MAX, &o->sc.badge) ||
        !jnum(r, j, "extra_refills", UINT32_MAX, &refills) ||
        !jnum8(r, j, "target", &o->irq.target))
        return false;
    o->sc.extra_refills = (uint32_t)refills;
    if (cJSON_GetObjectItemCaseSensitive(j, "irq")) {
        if (!jnum(r, j, "irq", UINT32_MAX, &irq))
            return false;
        o->irq.irq = (uint32_t)irq;
        o->irq_mapped = true;
    }
    const char *trig = jstr(j, "trigger");
    if (trig && strcmp(trig, "level") && strcmp(trig, "edge"))
        return jfail(r, "trigger is \"level\" or \"edge\", not `%s`", trig);
    o->irq.trigger = trig && !strcmp(trig, "edge");
    return true;
}

static bool read_caps(jreader_t *r, const cJSON *arr, size_t holder)
{
    const cJSON *c;
    if (!cJSON_IsArray(arr))
        return jfail(r, "`caps` is not an array%s", "");
    cJSON_ArrayForEach(c, arr)
    {
        const char *target = jstr(c, "object"), *rights = jstr(c, "rights");
        const cJSON *slot = cJSON_GetObjectItemCaseSensitive(c, "slot");
        uint64_t v = 0, gs = 0;
        if (!target)
            return jfail(r, "a cap without `object`%s", "");
        long t = cdl_find(r->s, target);
        if (t < 0)
            return jfail(r, "cap to `%s`, which is not an object", target);
        if (cJSON_IsString(slot) && cdl_tcb_slot_from_name(slot->valuestring) >= 0)
            v = (uint64_t)cdl_tcb_slot_from_name(slot->valuestring);
        else if (!slot || !jnum(r, c, "slot", UINT32_MAX, &v))
            return r->failed ? false : jfail(r, "a cap without a valid `slot`%s", "");
        cdl_cap_t *cap = cdl_add_cap(r->s, holder, 0);
        cap->c.slot = (uint32_t)v;
        cap->c.object = (uint32_t)t;
        if (!jnum(r, c, "badge", UINT64_MAX, &cap->c.badge) ||
            !jnum(r, c, "guard", UINT64_MAX, &cap->c.badge) || !jnum(r, c, "guard_size", 64, &gs))
            return false;
        cap->c.guard_size = (uint8_t)gs;
        if (rights) {
            if (strspn(rights, "RWXGP") != strlen(rights))
                return jfail(r, "rights `%s` are not a combination of R, W, X, G and P", rights);
            for (const char *k = rights; *k; k++)
                switch (*k) {
                case 'R': cap->c.rights |= SEL4C_CAPDL_RIGHT_READ; break;
                case 'W': cap->c.rights |= SEL4C_CAPDL_RIGHT_WRITE; break;
                case 'G': cap->c.rights |= SEL4C_CAPDL_RIGHT_GRANT; break;
                case 'P': cap->c.rights |= SEL4C_CAPDL_RIGHT_GRANT_REPLY; break;
                case 'X': cap->c.flags |= SEL4C_CAPDL_CAP_EXECUTABLE; break;
                }
        }
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c, "uncached")))
            cap->c.flags |= SEL4C_CAPDL_CAP_UNCACHED;
    }
    return true;
}

bool cdl_read_json(cdl_spec_t *s, const char *path, const char *text)
{
    jreader_t r = {.s = s};
    s->path = path;
    snprintf(r.where, sizeof r.where, "spec");
    cJSON *root = cJSON_Parse(text);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        int line = 1;
        for (const char *p = text; at && p < at; p++)
            line += *p == '\n';
        diag_error(path, line, "malformed JSON");
        return false;
    }
    const char *arch = jstr(root, "arch");
    const cJSON *objects = cJSON_GetObjectItemCaseSensitive(root, "objects"), *j;
    if (!arch || strcmp(arch, "aarch64"))
        jfail(&r, "`arch` must be \"aarch64\"%s", "");
    else if (!cJSON_IsArray(objects))
        jfail(&r, "`objects` is missing or not an array%s", "");
    size_t first = s->nobjs, i = 0;
    if (!r.failed)
        cJSON_ArrayForEach(j, objects)
        {
            const char *name = jstr(j, "name"), *type = jstr(j, "type");
            snprintf(r.where, sizeof r.where, "objects[%zu] `%s`", i++, name ? name : "?");
            unsigned level = 0, t = type ? cdl_type_from_name(type, &level) : 0;
            if (!name || !t) {
                jfail(&r, "needs a `name` and a known `type`%s", "");
                break;
            }
            long k = cdl_add_object(s, name, 0);
            if (k < 0) {
                r.failed = true;
                break;
            }
            cdl_obj_t *o = &s->objs[k];
            o->o.type = (uint8_t)t;
            o->o.level = (uint8_t)level;
            o->o.size_bits = t == SEL4C_CAPDL_FRAME ? 12 : t == SEL4C_CAPDL_SCHED_CONTEXT ? 8 : 0;
            if (!read_object(&r, j, o))
                break;
        }
    i = 0;
    if (!r.failed)
        cJSON_ArrayForEach(j, objects)
        {
            const cJSON *caps = cJSON_GetObjectItemCaseSensitive(j, "caps");
            const char *parent = jstr(j, "parent");
            snprintf(r.where, sizeof r.where, "objects[%zu] `%s`", i, s->objs[first + i].name);
            if (caps && !read_caps(&r, caps, first + i))
                break;
            if (parent) { /* the untyped it is made from (nested in the text form) */
                long p = cdl_find(s, parent);
                if (p < 0 || s->objs[p].o.type != SEL4C_CAPDL_UNTYPED) {
                    jfail(&r, "`parent` `%s` is not an untyped object", parent);
                    break;
                }
                s->objs[first + i].o.parent = (uint32_t)p + 1;
            }
            i++;
        }
    const cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domain_schedule");
    if (!r.failed && doms) {
        snprintf(r.where, sizeof r.where, "domain_schedule");
        cJSON_ArrayForEach(j, doms)
        {
            uint64_t d = 0, len = 0;
            if (!jnum(&r, j, "domain", 255, &d) || !jnum(&r, j, "duration", UINT64_MAX, &len))
                break;
            s->domains = xrealloc(s->domains, (s->ndomains + 1) * sizeof *s->domains);
            s->domains[s->ndomains++] =
                (sel4c_capdl_domain_entry_t){.domain = (uint32_t)d, .duration = len};
        }
    }
    cJSON_Delete(root);
    return !r.failed;
}
