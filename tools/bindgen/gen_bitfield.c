/*
 * Bitfield generator. Every block B gets B_new, B_ptr_new and, per field f, B_get_f, B_set_f,
 * B_ptr_get_f, B_ptr_set_f; a tagged union U with tag field t gets U_get_t, U_t_equals,
 * U_ptr_get_t and, per member block B, U_B_new, U_B_ptr_new and U_B_{,ptr_}{get,set}_f.
 * Setters mask the value to the field; seL4_DebugAssert reports bits that did not fit.
 */
#include <inttypes.h>
#include <string.h>

#include "gen.h"

static const char *word_type(unsigned base)
{
    switch (base) {
    case 8: return "seL4_Uint8";
    case 16: return "seL4_Uint16";
    case 32: return "seL4_Uint32";
    default: return "seL4_Uint64";
    }
}

static const char *suffix(unsigned base)
{
    return base == 64 ? "ull" : "u";
}

static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

typedef struct layout {
    unsigned base, base_bits;
    bool sign_extend;
} layout_t;

/* Where a field's value sits in its word, and how it maps to the value seen by callers. */
typedef struct place {
    unsigned index;      /* word */
    uint64_t mask;       /* bits of the word */
    int shift;           /* word bits -> value: right shift by `shift` (left when negative) */
    uint64_t value_mask; /* bits of the value that fit */
    bool sign_extend;
    uint64_t high_bits; /* set in the value when sign-extending */
    unsigned sign_bit;
} place_t;

static place_t place_of(const layout_t *l, const pbf_field_t *f)
{
    place_t p = {.index = f->offset / l->base};
    unsigned o = f->offset % l->base;
    p.mask = (ones(f->size) << o) & ones(l->base);
    if (f->high) {
        unsigned pos = l->base_bits - f->size;
        p.shift = (int)o - (int)pos;
        p.value_mask = ones(f->size) << pos;
        p.sign_extend = l->sign_extend;
        p.high_bits = ones(l->base) & ~ones(l->base_bits);
        p.sign_bit = l->base_bits - 1;
    } else {
        p.shift = (int)o;
        p.value_mask = ones(f->size);
    }
    return p;
}

static void shift_expr(strbuf_t *out, int shift, bool to_value)
{
    if (shift == 0)
        return;
    bool right = (shift > 0) == to_value;
    sb_printf(out, " %s %d", right ? ">>" : "<<", shift > 0 ? shift : -shift);
}

/* Statements reading field `f` of `words` (an expression like "x.words") into `ret`. */
static void emit_read(strbuf_t *out, const layout_t *l, const pbf_field_t *f, const char *words)
{
    place_t p = place_of(l, f);
    const char *sfx = suffix(l->base);
    sb_printf(out, "    %s ret = (%s[%u] & 0x%" PRIx64 "%s)", word_type(l->base), words, p.index,
              p.mask, sfx);
    shift_expr(out, p.shift, true);
    sb_put(out, ";\n");
    if (p.sign_extend)
        sb_printf(out, "    if (ret & (1%s << %u))\n        ret |= 0x%" PRIx64 "%s;\n", sfx,
                  p.sign_bit, p.high_bits, sfx);
    sb_put(out, "    return ret;\n");
}

/* The debug check that `v` fits the field; nothing when every value fits. */
static void emit_fit_assert(strbuf_t *out, const layout_t *l, const pbf_field_t *f, const char *v)
{
    place_t p = place_of(l, f);
    const char *sfx = suffix(l->base);
    uint64_t outside = ~p.value_mask & ones(l->base);
    if (!outside)
        return;
    if (p.sign_extend)
        sb_printf(out,
                  "    seL4_DebugAssert((%s & 0x%" PRIx64 "%s) == ((%s & (1%s << %u)) ? 0x%" PRIx64
                  "%s : 0));\n",
                  v, outside, sfx, v, sfx, p.sign_bit, p.high_bits, sfx);
    else
        sb_printf(out, "    seL4_DebugAssert((%s & ~0x%" PRIx64 "%s) == 0);\n", v, p.value_mask,
                  sfx);
}

/* `(value shifted into place) & mask`, the bits a field contributes to its word. */
static void emit_placed(strbuf_t *out, const layout_t *l, const pbf_field_t *f, const char *v)
{
    place_t p = place_of(l, f);
    sb_printf(out, "((%s", v);
    shift_expr(out, p.shift, false);
    sb_printf(out, ") & 0x%" PRIx64 "%s)", p.mask, suffix(l->base));
}

static void emit_write(strbuf_t *out, const layout_t *l, const pbf_field_t *f, const char *words)
{
    place_t p = place_of(l, f);
    emit_fit_assert(out, l, f, "v");
    sb_printf(out, "    %s[%u] = (%s[%u] & ~0x%" PRIx64 "%s) | ", words, p.index, words, p.index,
              p.mask, suffix(l->base));
    emit_placed(out, l, f, "v");
    sb_put(out, ";\n");
}

static void emit_struct(strbuf_t *out, const char *name, unsigned base, unsigned words)
{
    sb_printf(out, "struct %s {\n    %s words[%u];\n};\ntypedef struct %s %s_t;\n\n", name,
              word_type(base), words, name, name);
}

/*
 * The statements of a constructor: fit checks of every parameter, then each word built from
 * its fields. `words` reaches the struct's words ("bf.words" or "bf_ptr->words"); when `tag`
 * is given that field is set to `tag_value` instead of a parameter.
 */
static void emit_init(strbuf_t *out, const pbf_block_t *b, const layout_t *l, const char *tag,
                      const char *tag_value, const char *words)
{
    for (unsigned i = 0; i < b->nfields; i++) {
        const pbf_field_t *f = &b->fields[i];
        if (f->name && !(tag && strcmp(f->name, tag) == 0))
            emit_fit_assert(out, l, f, f->name);
    }
    for (unsigned w = 0; w < b->size / l->base; w++) {
        sb_printf(out, "    %s[%u] = 0", words, w);
        for (unsigned i = 0; i < b->nfields; i++) {
            const pbf_field_t *f = &b->fields[i];
            if (!f->name || f->offset / l->base != w)
                continue;
            sb_put(out, "\n        | ");
            emit_placed(out, l, f, tag && strcmp(f->name, tag) == 0 ? tag_value : f->name);
        }
        sb_put(out, ";\n");
    }
}

/* B_new and B_ptr_new. `fn` is the function name prefix, `type` the struct. */
static void emit_constructors(strbuf_t *out, const char *fn, const char *type, const pbf_block_t *b,
                              const layout_t *l, const char *tag, const char *tag_value)
{
    strbuf_t params = STRBUF_INIT;
    for (unsigned i = 0; i < b->nvisible; i++) {
        if (tag && strcmp(b->visible[i], tag) == 0)
            continue;
        sb_printf(&params, "%s%s %s", params.len ? ", " : "", word_type(l->base), b->visible[i]);
    }
    sb_printf(out, "LIBSEL4_INLINE_FUNC %s_t CONST\n%s_new(%s)\n{\n    %s_t bf;\n", type, fn,
              params.len ? sb_str(&params) : "void", type);
    emit_init(out, b, l, tag, tag_value, "bf.words");
    sb_printf(out,
              "    return bf;\n}\n\nLIBSEL4_INLINE_FUNC void\n%s_ptr_new(%s_t *bf_ptr%s%s)\n{\n",
              fn, type, params.len ? ", " : "", sb_str(&params));
    emit_init(out, b, l, tag, tag_value, "bf_ptr->words");
    sb_put(out, "}\n\n");
    sb_free(&params);
}

/* The four accessors of one field; `check` is a statement run first (a tag assertion). */
static void emit_accessors(strbuf_t *out, const char *fn, const char *type, const pbf_field_t *f,
                           const layout_t *l, const char *check_value, const char *check_ptr)
{
    const char *wt = word_type(l->base);
    sb_printf(out, "LIBSEL4_INLINE_FUNC %s CONST\n%s_get_%s(%s_t bf)\n{\n%s", wt, fn, f->name, type,
              check_value);
    emit_read(out, l, f, "bf.words");
    sb_printf(out, "}\n\nLIBSEL4_INLINE_FUNC %s_t CONST\n%s_set_%s(%s_t bf, %s v)\n{\n%s", type, fn,
              f->name, type, wt, check_value);
    emit_write(out, l, f, "bf.words");
    sb_printf(
        out, "    return bf;\n}\n\nLIBSEL4_INLINE_FUNC %s PURE\n%s_ptr_get_%s(%s_t *bf_ptr)\n{\n%s",
        wt, fn, f->name, type, check_ptr);
    emit_read(out, l, f, "bf_ptr->words");
    sb_printf(out, "}\n\nLIBSEL4_INLINE_FUNC void\n%s_ptr_set_%s(%s_t *bf_ptr, %s v)\n{\n%s", fn,
              f->name, type, wt, check_ptr);
    emit_write(out, l, f, "bf_ptr->words");
    sb_put(out, "}\n\n");
}

static layout_t layout_of(const pbf_block_t *b)
{
    return (layout_t){b->base, b->base_bits, b->sign_extend};
}

static void gen_block(const pbf_block_t *b, strbuf_t *out)
{
    layout_t l = layout_of(b);
    emit_struct(out, b->name, b->base, b->size / b->base);
    emit_constructors(out, b->name, b->name, b, &l, NULL, NULL);
    for (unsigned i = 0; i < b->nfields; i++)
        if (b->fields[i].name)
            emit_accessors(out, b->name, b->name, &b->fields[i], &l, "", "");
}

static void gen_union(const pbf_union_t *u, strbuf_t *out)
{
    const pbf_block_t *first = u->tags[0].block;
    layout_t l = layout_of(first);
    const pbf_field_t *tagf = pbf_block_field(first, u->tag_field);
    const char *wt = word_type(u->base);
    emit_struct(out, u->name, u->base, u->size / u->base);

    sb_printf(out, "enum %s_tag {\n", u->name);
    for (unsigned i = 0; i < u->ntags; i++)
        sb_printf(out, "    %s_%s = %" PRIu64 ",\n", u->name, u->tags[i].block_name,
                  u->tags[i].value);
    sb_printf(out, "};\ntypedef enum %s_tag %s_tag_t;\n\n", u->name, u->name);

    sb_printf(out, "LIBSEL4_INLINE_FUNC %s CONST\n%s_get_%s(%s_t bf)\n{\n", wt, u->name,
              u->tag_field, u->name);
    emit_read(out, &l, tagf, "bf.words");
    sb_printf(out,
              "}\n\nLIBSEL4_INLINE_FUNC int CONST\n%s_%s_equals(%s_t bf, %s tag)\n{\n"
              "    return %s_get_%s(bf) == tag;\n}\n\n",
              u->name, u->tag_field, u->name, wt, u->name, u->tag_field);
    sb_printf(out, "LIBSEL4_INLINE_FUNC %s PURE\n%s_ptr_get_%s(%s_t *bf_ptr)\n{\n", wt, u->name,
              u->tag_field, u->name);
    emit_read(out, &l, tagf, "bf_ptr->words");
    sb_put(out, "}\n\n");

    for (unsigned t = 0; t < u->ntags; t++) {
        const pbf_block_t *b = u->tags[t].block;
        layout_t bl = layout_of(b);
        strbuf_t fn = STRBUF_INIT, tag_value = STRBUF_INIT, cv = STRBUF_INIT, cp = STRBUF_INIT;
        sb_printf(&fn, "%s_%s", u->name, b->name);
        sb_printf(&tag_value, "(%s)%s_%s", wt, u->name, b->name);
        sb_printf(&cv, "    seL4_DebugAssert(%s_get_%s(bf) == %s_%s);\n", u->name, u->tag_field,
                  u->name, b->name);
        sb_printf(&cp, "    seL4_DebugAssert(%s_ptr_get_%s(bf_ptr) == %s_%s);\n", u->name,
                  u->tag_field, u->name, b->name);
        emit_constructors(out, sb_str(&fn), u->name, b, &bl, u->tag_field, sb_str(&tag_value));
        for (unsigned i = 0; i < b->nfields; i++) {
            const pbf_field_t *f = &b->fields[i];
            if (f->name && strcmp(f->name, u->tag_field) != 0)
                emit_accessors(out, sb_str(&fn), u->name, f, &bl, sb_str(&cv), sb_str(&cp));
        }
        sb_free(&fn);
        sb_free(&tag_value);
        sb_free(&cv);
        sb_free(&cp);
    }
}

void gen_bitfields(const pbf_file_t *f, strbuf_t *out)
{
    sb_put(out, "#pragma once\n\n#include <sel4/config.h>\n#include <sel4/simple_types.h>\n"
                "#include <sel4/debug_assert.h>\n#include <sel4/macros.h>\n\n");
    for (unsigned i = 0; i < f->nblocks; i++)
        if (!f->blocks[i].in_union)
            gen_block(&f->blocks[i], out);
    for (unsigned i = 0; i < f->nunions; i++)
        gen_union(&f->unions[i], out);
}
