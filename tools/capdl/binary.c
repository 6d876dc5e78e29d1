/*
 * Model <-> binary spec. The writer lays objects out in allocation order, flattens caps,
 * TCBs, IRQs, scheduling contexts, fills and registers into their tables, stores fill data
 * (LZ4-compressed when smaller), and checks its own output with sel4c_capdl_open().
 */
#include "binary.h"

#include <lz4.h>
#include <lz4hc.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "check.h"

/* Fill files, each read once. */
typedef struct file_cache {
    const char *dir;
    struct {
        char *name;
        uint8_t *data;
        size_t size;
    } * files;
    size_t n;
} file_cache_t;

static const uint8_t *cached_file(file_cache_t *fc, const char *name, size_t *size)
{
    for (size_t i = 0; i < fc->n; i++)
        if (!strcmp(fc->files[i].name, name)) {
            *size = fc->files[i].size;
            return fc->files[i].data;
        }
    strbuf_t path = STRBUF_INIT;
    sb_printf(&path, "%s/%s", fc->dir ? fc->dir : ".", name);
    uint8_t *data = read_file_all(sb_str(&path), size);
    sb_free(&path);
    if (!data)
        return NULL;
    fc->files = xrealloc(fc->files, (fc->n + 1) * sizeof *fc->files);
    fc->files[fc->n].name = xstrdup(name);
    fc->files[fc->n].data = data;
    fc->files[fc->n].size = *size;
    fc->n++;
    return data;
}

static void free_cache(file_cache_t *fc)
{
    for (size_t i = 0; i < fc->n; i++) {
        free(fc->files[i].name);
        free(fc->files[i].data);
    }
    free(fc->files);
}

/* The bytes of a file fill, or NULL (reported). */
static const uint8_t *fill_bytes(file_cache_t *fc, const char *path, const cdl_fill_t *f)
{
    size_t size;
    const uint8_t *d = cached_file(fc, f->file, &size);
    if (!d)
        return NULL;
    if (f->file_offset > size || f->length > size - f->file_offset) {
        diag_error(path, f->line, "fill reads past the end of `%s` (%zu bytes)", f->file, size);
        return NULL;
    }
    return d + f->file_offset;
}

/* Tables are built in strbufs and copied into the blob at 8-byte aligned offsets. */
static void put(strbuf_t *sb, const void *rec, size_t n)
{
    if (n) /* rec may be NULL then (a TCB without registers) */
        sb_putn(sb, rec, n);
}

static uint32_t add_string(strbuf_t *strings, const char *s)
{
    uint32_t off = (uint32_t)strings->len;
    sb_putn(strings, s, strlen(s) + 1);
    return off;
}

static bool zero_copy_eligible(const cdl_obj_t *o)
{
    if (o->o.type != SEL4C_CAPDL_FRAME || o->o.size_bits != 12 ||
        (o->o.flags & SEL4C_CAPDL_OBJ_PADDR) || o->o.parent || !o->nfills)
        return false;
    for (size_t i = 0; i < o->nfills; i++)
        if (o->fills[i].source != CDL_FILL_FILE)
            return false;
    return true;
}

bool cdl_write_binary(const cdl_spec_t *s, const cdl_write_opts_t *opts, strbuf_t *out,
                      strbuf_t *pages, cdl_write_stats_t *stats)
{
    size_t *order = cdl_allocation_order(s, &opts->sizes);
    uint32_t *new_index = xcalloc(s->nobjs + 1, sizeof *new_index);
    for (size_t i = 0; i < s->nobjs; i++)
        new_index[order[i]] = (uint32_t)i;
    strbuf_t objs = STRBUF_INIT, caps = STRBUF_INIT, tcbs = STRBUF_INIT, irqs = STRBUF_INIT,
             scs = STRBUF_INIT, fills = STRBUF_INIT, regs = STRBUF_INIT, doms = STRBUF_INIT,
             strings = STRBUF_INIT, data = STRBUF_INIT;
    file_cache_t fc = {.dir = opts->files_dir};
    uint32_t ncaps = 0, ntcbs = 0, nirqs = 0, nscs = 0, nfills = 0, nregs = 0;
    bool ok = true;
    memset(stats, 0, sizeof *stats);
    sb_putc(&strings, '\0'); /* offset 0: the empty name */
    uint8_t *scratch = NULL;

    for (size_t k = 0; k < s->nobjs && ok; k++) {
        const cdl_obj_t *m = &s->objs[order[k]];
        sel4c_capdl_object_t o = m->o;
        o.name = add_string(&strings, m->name);
        o.caps_first = ncaps;
        o.caps_count = (uint32_t)m->ncaps;
        if (o.parent)
            o.parent = new_index[o.parent - 1] + 1;
        for (size_t c = 0; c < m->ncaps; c++) {
            sel4c_capdl_cap_t cap = m->caps[c].c;
            cap.object = new_index[cap.object];
            put(&caps, &cap, sizeof cap);
        }
        ncaps += (uint32_t)m->ncaps;
        switch (m->o.type) {
        case SEL4C_CAPDL_TCB: {
            sel4c_capdl_tcb_t t = m->tcb;
            t.regs_first = nregs;
            t.regs_count = (uint32_t)m->nregs;
            put(&regs, m->regs, m->nregs * sizeof *m->regs);
            nregs += (uint32_t)m->nregs;
            o.extra = ntcbs++;
            put(&tcbs, &t, sizeof t);
            break;
        }
        case SEL4C_CAPDL_IRQ:
            o.extra = nirqs++;
            put(&irqs, &m->irq, sizeof m->irq);
            break;
        case SEL4C_CAPDL_SCHED_CONTEXT:
            o.extra = nscs++;
            put(&scs, &m->sc, sizeof m->sc);
            break;
        case SEL4C_CAPDL_PAGE_TABLE:
            if (o.extra != SEL4C_CAPDL_UNMAPPED)
                o.extra = new_index[o.extra];
            break;
        case SEL4C_CAPDL_FRAME: {
            bool zc = opts->zero_copy_base && zero_copy_eligible(m);
            uint8_t page[4096];
            if (zc) {
                memset(page, 0, sizeof page);
                o.flags |= SEL4C_CAPDL_OBJ_ZERO_COPY;
                o.paddr = opts->zero_copy_base + 4096 * stats->zero_copy_frames++;
            }
            o.extra = nfills;
            o.extra_count = (uint32_t)m->nfills;
            for (size_t i = 0; i < m->nfills && ok; i++) {
                const cdl_fill_t *mf = &m->fills[i];
                sel4c_capdl_fill_t f = {.dest_offset = mf->dest_offset,
                                        .length = mf->length,
                                        .kind = SEL4C_CAPDL_FILL_FDT,
                                        .file = SEL4C_CAPDL_NO_FILE};
                if (mf->source == CDL_FILL_FILE) {
                    f.file = add_string(&strings, mf->file);
                    f.file_offset = mf->file_offset;
                    const uint8_t *bytes = fill_bytes(&fc, s->path, mf);
                    ok = bytes != NULL;
                    if (!ok)
                        break;
                    stats->fill_bytes += mf->length;
                    if (zc) {
                        memcpy(page + mf->dest_offset, bytes, mf->length);
                        f.kind = SEL4C_CAPDL_FILL_DATA;
                        put(&fills, &f, sizeof f);
                        continue;
                    }
                    int bound = LZ4_compressBound((int)mf->length), z = 0;
                    if (opts->compress && bound > 0) {
                        scratch = xrealloc(scratch, (size_t)bound);
                        z = LZ4_compress_HC((const char *)bytes, (char *)scratch, (int)mf->length,
                                            bound, LZ4HC_CLEVEL_MAX);
                    }
                    f.data_offset = (uint32_t)data.len;
                    if (z > 0 && (uint32_t)z < mf->length) {
                        f.kind = SEL4C_CAPDL_FILL_LZ4;
                        f.data_length = (uint32_t)z;
                        sb_putn(&data, (const char *)scratch, (size_t)z);
                    } else {
                        f.kind = SEL4C_CAPDL_FILL_DATA;
                        f.data_length = mf->length;
                        sb_putn(&data, (const char *)bytes, mf->length);
                    }
                    stats->stored_bytes += f.data_length;
                }
                put(&fills, &f, sizeof f);
            }
            nfills += (uint32_t)m->nfills;
            if (zc)
                sb_putn(pages, (const char *)page, sizeof page);
            break;
        }
        }
        put(&objs, &o, sizeof o);
    }
    for (size_t i = 0; i < s->ndomains; i++)
        put(&doms, &s->domains[i], sizeof s->domains[i]);

    if (ok) {
        sel4c_capdl_header_t h = {.magic = SEL4C_CAPDL_MAGIC,
                                  .version = SEL4C_CAPDL_VERSION,
                                  .arch = SEL4C_CAPDL_ARCH_AARCH64,
                                  .root_level = (uint8_t)cdl_root_level(s),
                                  .sizes = opts->sizes};
        struct {
            sel4c_capdl_table_t *t;
            strbuf_t *sb;
            uint32_t count;
        } parts[] = {
            {&h.objects, &objs, (uint32_t)s->nobjs},
            {&h.caps, &caps, ncaps},
            {&h.tcbs, &tcbs, ntcbs},
            {&h.irqs, &irqs, nirqs},
            {&h.sched_contexts, &scs, nscs},
            {&h.fills, &fills, nfills},
            {&h.registers, &regs, nregs},
            {&h.domain_schedule, &doms, (uint32_t)s->ndomains},
            {&h.strings, &strings, (uint32_t)strings.len},
            {&h.data, &data, (uint32_t)data.len},
        };
        size_t base = out->len;
        sb_putn(out, (const char *)&h, sizeof h);
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
            while ((out->len - base) % 8)
                sb_putc(out, '\0');
            parts[i].t->offset = (uint32_t)(out->len - base);
            parts[i].t->count = parts[i].count;
            sb_putn(out, parts[i].sb->data ? parts[i].sb->data : "", parts[i].sb->len);
        }
        while ((out->len - base) % 8)
            sb_putc(out, '\0');
        h.size = (uint32_t)(out->len - base);
        memcpy(out->data + base, &h, sizeof h);
        sel4c_capdl_spec_t spec;
        sel4c_capdl_error_t err = {0};
        if (sel4c_capdl_open(&spec, out->data + base, out->len - base, &err)) {
            diag_error(s->path, 0, "internal error: the written spec fails its check: %s %u: %s",
                       err.table, err.index, err.what);
            ok = false;
        }
    }
    strbuf_t *all[] = {&objs, &caps, &tcbs, &irqs, &scs, &fills, &regs, &doms, &strings, &data};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        sb_free(all[i]);
    free_cache(&fc);
    free(scratch);
    free(order);
    free(new_index);
    return ok;
}

bool cdl_read_binary(cdl_spec_t *s, const char *path, const void *blob, size_t size)
{
    sel4c_capdl_spec_t b;
    sel4c_capdl_error_t err = {0};
    s->path = path;
    if (sel4c_capdl_open(&b, blob, size, &err)) {
        diag_error(path, 0, "invalid spec: %s %u: %s", err.table, err.index, err.what);
        return false;
    }
    for (uint32_t i = 0; i < b.num_objects; i++) {
        const sel4c_capdl_object_t *bo = &b.objects[i];
        long k = cdl_add_object(s, sel4c_capdl_name(&b, i), 0);
        if (k < 0)
            return false;
        cdl_obj_t *o = &s->objs[k];
        o->o = *bo;
        o->o.flags &= (uint8_t)~SEL4C_CAPDL_OBJ_ZERO_COPY;
        if (bo->flags & SEL4C_CAPDL_OBJ_ZERO_COPY)
            o->o.paddr = 0;
        for (uint32_t c = 0; c < bo->caps_count; c++)
            cdl_add_cap(s, (size_t)k, 0)->c = b.caps[bo->caps_first + c];
        switch (bo->type) {
        case SEL4C_CAPDL_TCB:
            o->tcb = b.tcbs[bo->extra];
            o->nregs = o->tcb.regs_count;
            o->regs = xcalloc(o->nregs + 1, sizeof *o->regs);
            memcpy(o->regs, b.registers + o->tcb.regs_first, o->nregs * sizeof *o->regs);
            break;
        case SEL4C_CAPDL_IRQ:
            o->irq = b.irqs[bo->extra];
            o->irq_mapped = true;
            break;
        case SEL4C_CAPDL_SCHED_CONTEXT: o->sc = b.sched_contexts[bo->extra]; break;
        case SEL4C_CAPDL_FRAME:
            o->nfills = bo->extra_count;
            o->fills = xcalloc(o->nfills + 1, sizeof *o->fills);
            for (uint32_t f = 0; f < bo->extra_count; f++) {
                const sel4c_capdl_fill_t *bf = &b.fills[bo->extra + f];
                cdl_fill_t *mf = &o->fills[f];
                mf->dest_offset = bf->dest_offset;
                mf->length = bf->length;
                mf->source = bf->kind == SEL4C_CAPDL_FILL_FDT ? CDL_FILL_FDT : CDL_FILL_FILE;
                if (mf->source == CDL_FILL_FILE)
                    mf->file = xstrdup(bf->file == SEL4C_CAPDL_NO_FILE ? "(embedded)"
                                                                       : b.strings + bf->file);
                mf->file_offset = bf->file_offset;
            }
            break;
        }
    }
    s->ndomains = b.num_domain_entries;
    s->domains = xcalloc(s->ndomains + 1, sizeof *s->domains);
    memcpy(s->domains, b.domain_schedule, s->ndomains * sizeof *s->domains);
    return true;
}
