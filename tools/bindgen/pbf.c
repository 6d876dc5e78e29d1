/* Parser and checker for the .pbf bitfield language. */
#include "pbf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/strbuf.h"

typedef enum { T_EOF, T_IDENT, T_INT, T_PUNCT } tok_kind_t;

typedef struct lexer {
    const char *path;
    const char *p;
    int line;
    /* current token */
    tok_kind_t kind;
    char text[128];
    uint64_t value;
    int tok_line;
    bool failed;
} lexer_t;

static void lex_error(lexer_t *lx, const char *msg, const char *what)
{
    if (!lx->failed)
        diag_error(lx->path, lx->tok_line, "%s%s%s", msg, what ? " " : "", what ? what : "");
    lx->failed = true;
    lx->kind = T_EOF;
}

static void next(lexer_t *lx)
{
    if (lx->failed)
        return;
    for (;;) {
        while (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r' || *lx->p == '\n') {
            if (*lx->p == '\n')
                lx->line++;
            lx->p++;
        }
        /* `--` comments, and `#` lines left over by the C preprocessor */
        if ((lx->p[0] == '-' && lx->p[1] == '-') || lx->p[0] == '#') {
            while (*lx->p && *lx->p != '\n')
                lx->p++;
            continue;
        }
        break;
    }
    lx->tok_line = lx->line;
    const char *s = lx->p;
    if (!*s) {
        lx->kind = T_EOF;
        strcpy(lx->text, "end of file");
        return;
    }
    if (isalpha((unsigned char)*s) || *s == '_') {
        size_t n = 0;
        while (isalnum((unsigned char)s[n]) || s[n] == '_')
            n++;
        if (n >= sizeof lx->text) {
            lex_error(lx, "identifier too long", NULL);
            return;
        }
        memcpy(lx->text, s, n);
        lx->text[n] = '\0';
        lx->p += n;
        lx->kind = T_IDENT;
        return;
    }
    if (isdigit((unsigned char)*s)) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 0);
        if (errno || isalnum((unsigned char)*end) || *end == '_') {
            lx->tok_line = lx->line;
            lex_error(lx, "malformed integer", NULL);
            return;
        }
        size_t n = (size_t)(end - s);
        if (n >= sizeof lx->text)
            n = sizeof lx->text - 1;
        memcpy(lx->text, s, n);
        lx->text[n] = '\0';
        lx->value = v;
        lx->p = end;
        lx->kind = T_INT;
        return;
    }
    if (strchr("{}(),+-*/%", *s)) {
        lx->text[0] = *s;
        lx->text[1] = '\0';
        lx->p++;
        lx->kind = T_PUNCT;
        return;
    }
    char what[16];
    snprintf(what, sizeof what, "'%c'", isprint((unsigned char)*s) ? *s : '?');
    lex_error(lx, "unexpected character", what);
}

static bool is_punct(const lexer_t *lx, char c)
{
    return lx->kind == T_PUNCT && lx->text[0] == c;
}

static bool is_word(const lexer_t *lx, const char *w)
{
    return lx->kind == T_IDENT && strcmp(lx->text, w) == 0;
}

static bool expect_punct(lexer_t *lx, char c)
{
    if (!is_punct(lx, c)) {
        char what[160];
        snprintf(what, sizeof what, "'%c', found '%s'", c, lx->text);
        lex_error(lx, "expected", what);
        return false;
    }
    next(lx);
    return true;
}

static char *expect_ident(lexer_t *lx, const char *role)
{
    if (lx->kind != T_IDENT) {
        char what[200];
        snprintf(what, sizeof what, "%s, found '%s'", role, lx->text);
        lex_error(lx, "expected", what);
        return NULL;
    }
    char *s = xstrdup(lx->text);
    next(lx);
    return s;
}

/* Integer expressions: + - * / % with parentheses and unary minus, as sizes may be written. */
typedef struct consts {
    unsigned base, base_bits;
} consts_t;

static bool expr(lexer_t *lx, const consts_t *c, int64_t *out);

static bool primary(lexer_t *lx, const consts_t *c, int64_t *out)
{
    if (lx->kind == T_INT) {
        if (lx->value > INT64_MAX) {
            lex_error(lx, "integer out of range:", lx->text);
            return false;
        }
        *out = (int64_t)lx->value;
        next(lx);
        return true;
    }
    if (is_punct(lx, '(')) {
        next(lx);
        return expr(lx, c, out) && expect_punct(lx, ')');
    }
    if (is_punct(lx, '-')) {
        next(lx);
        if (!primary(lx, c, out))
            return false;
        *out = -*out;
        return true;
    }
    if (is_word(lx, "word_size") || is_word(lx, "canonical_size")) {
        *out = is_word(lx, "word_size") ? c->base : c->base_bits;
        next(lx);
        return true;
    }
    char what[160];
    snprintf(what, sizeof what, "an integer, found '%s'", lx->text);
    lex_error(lx, "expected", what);
    return false;
}

static bool term(lexer_t *lx, const consts_t *c, int64_t *out)
{
    if (!primary(lx, c, out))
        return false;
    while (is_punct(lx, '*') || is_punct(lx, '/') || is_punct(lx, '%')) {
        char op = lx->text[0];
        int64_t r;
        next(lx);
        if (!primary(lx, c, &r))
            return false;
        if ((op == '/' || op == '%') && r == 0) {
            lex_error(lx, "division by zero", NULL);
            return false;
        }
        *out = op == '*' ? *out * r : op == '/' ? *out / r : *out % r;
    }
    return true;
}

static bool expr(lexer_t *lx, const consts_t *c, int64_t *out)
{
    if (!term(lx, c, out))
        return false;
    while (is_punct(lx, '+') || (is_punct(lx, '-'))) {
        char op = lx->text[0];
        int64_t r;
        next(lx);
        if (!term(lx, c, &r))
            return false;
        *out = op == '+' ? *out + r : *out - r;
    }
    return true;
}

static bool size_expr(lexer_t *lx, const consts_t *c, unsigned *out)
{
    int line = lx->tok_line;
    int64_t v;
    if (!expr(lx, c, &v))
        return false;
    if (v <= 0 || v > 1 << 16) {
        lx->tok_line = line;
        lex_error(lx, "size out of range", NULL);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

#define GROW(arr, n) ((arr) = xrealloc((arr), sizeof *(arr) * ((n) + 1)), &(arr)[(n)++])

static bool parse_block(lexer_t *lx, const consts_t *c, bool sign_extend, pbf_file_t *f)
{
    pbf_block_t b = {.line = lx->tok_line,
                     .base = c->base,
                     .base_bits = c->base_bits,
                     .sign_extend = sign_extend};
    next(lx);
    if (!(b.name = expect_ident(lx, "a block name")))
        return false;
    if (is_punct(lx, '(')) {
        next(lx);
        while (!is_punct(lx, ')')) {
            char *name = expect_ident(lx, "a field name");
            if (!name)
                return false;
            *GROW(b.visible, b.nvisible) = name;
            if (!is_punct(lx, ')') && !expect_punct(lx, ','))
                return false;
        }
        next(lx);
    }
    if (!expect_punct(lx, '{'))
        return false;
    while (!is_punct(lx, '}')) {
        pbf_field_t fld = {.line = lx->tok_line};
        if (is_word(lx, "padding")) {
            next(lx);
        } else if (is_word(lx, "field") || is_word(lx, "field_high")) {
            fld.high = is_word(lx, "field_high");
            next(lx);
            if (!(fld.name = expect_ident(lx, "a field name")))
                return false;
        } else if (is_word(lx, "field_ptr")) {
            lex_error(lx, "field_ptr is kernel-only and not supported in libsel4 interface files",
                      NULL);
            return false;
        } else {
            char what[200];
            snprintf(what, sizeof what, "'field', 'field_high', 'padding' or '}', found '%s'",
                     lx->text);
            lex_error(lx, "expected", what);
            return false;
        }
        if (!size_expr(lx, c, &fld.size))
            return false;
        *GROW(b.fields, b.nfields) = fld;
    }
    next(lx);
    *GROW(f->blocks, f->nblocks) = b;
    return true;
}

static bool parse_union(lexer_t *lx, const consts_t *c, pbf_file_t *f)
{
    pbf_union_t u = {.line = lx->tok_line, .base = c->base};
    next(lx);
    if (!(u.name = expect_ident(lx, "a tagged_union name")) ||
        !(u.tag_field = expect_ident(lx, "the tag field name")) || !expect_punct(lx, '{'))
        return false;
    while (!is_punct(lx, '}')) {
        if (is_word(lx, "mask")) {
            lex_error(lx, "tag masks (variable-width tags) are not supported", NULL);
            return false;
        }
        if (!is_word(lx, "tag")) {
            char what[160];
            snprintf(what, sizeof what, "'tag' or '}', found '%s'", lx->text);
            lex_error(lx, "expected", what);
            return false;
        }
        pbf_tag_t t = {.line = lx->tok_line};
        next(lx);
        if (!(t.block_name = expect_ident(lx, "a block name")))
            return false;
        if (lx->kind != T_INT) {
            char what[160];
            snprintf(what, sizeof what, "a tag value, found '%s'", lx->text);
            lex_error(lx, "expected", what);
            return false;
        }
        t.value = lx->value;
        next(lx);
        *GROW(u.tags, u.ntags) = t;
    }
    next(lx);
    *GROW(f->unions, f->nunions) = u;
    return true;
}

pbf_field_t *pbf_block_field(const pbf_block_t *b, const char *name)
{
    for (unsigned i = 0; i < b->nfields; i++)
        if (b->fields[i].name && strcmp(b->fields[i].name, name) == 0)
            return &b->fields[i];
    return NULL;
}

static pbf_block_t *find_block(pbf_file_t *f, const char *name)
{
    for (unsigned i = 0; i < f->nblocks; i++)
        if (strcmp(f->blocks[i].name, name) == 0)
            return &f->blocks[i];
    return NULL;
}

/* Lays out fields from bit 0 upwards (last declared first) and checks the block. */
static bool layout_block(const char *path, pbf_block_t *b)
{
    bool ok = true;
    unsigned offset = 0;
    for (unsigned i = b->nfields; i-- > 0;) {
        pbf_field_t *fld = &b->fields[i];
        fld->offset = offset;
        if (fld->name && fld->offset / b->base != (fld->offset + fld->size - 1) / b->base) {
            diag_error(path, fld->line, "field '%s' of block '%s' crosses a %u-bit word boundary",
                       fld->name, b->name, b->base);
            ok = false;
        }
        if (fld->high && fld->size > b->base_bits) {
            diag_error(path, fld->line, "field_high '%s' is wider than the %u significant bits",
                       fld->name, b->base_bits);
            ok = false;
        }
        offset += fld->size;
        static const char *const reserved[] = {"bf", "bf_ptr", "ret", "v", "tag"};
        for (unsigned r = 0; fld->name && r < sizeof reserved / sizeof *reserved; r++) {
            if (strcmp(fld->name, reserved[r]) == 0) {
                diag_error(path, fld->line, "field name '%s' is reserved by the generator",
                           fld->name);
                ok = false;
            }
        }
        for (unsigned j = i + 1; fld->name && j < b->nfields; j++) {
            if (b->fields[j].name && strcmp(b->fields[j].name, fld->name) == 0) {
                diag_error(path, fld->line, "field '%s' appears twice in block '%s'", fld->name,
                           b->name);
                ok = false;
            }
        }
    }
    b->size = offset;
    if (offset == 0 || offset % b->base != 0) {
        diag_error(path, b->line, "block '%s' is %u bits, not a multiple of the %u-bit base",
                   b->name, offset, b->base);
        ok = false;
    }
    if (b->nvisible == 0) {
        for (unsigned i = 0; i < b->nfields; i++)
            if (b->fields[i].name)
                *GROW(b->visible, b->nvisible) = xstrdup(b->fields[i].name);
    } else {
        unsigned named = 0;
        for (unsigned i = 0; i < b->nfields; i++)
            named += b->fields[i].name != NULL;
        for (unsigned i = 0; i < b->nvisible; i++) {
            if (!pbf_block_field(b, b->visible[i])) {
                diag_error(path, b->line, "visible order of '%s' names unknown field '%s'", b->name,
                           b->visible[i]);
                ok = false;
            }
        }
        if (ok && named != b->nvisible) {
            diag_error(path, b->line, "visible order of '%s' must list each of its %u fields",
                       b->name, named);
            ok = false;
        }
    }
    return ok;
}

static bool resolve_union(const char *path, pbf_file_t *f, pbf_union_t *u)
{
    bool ok = true;
    if (u->ntags == 0) {
        diag_error(path, u->line, "tagged_union '%s' has no tags", u->name);
        return false;
    }
    for (unsigned i = 0; i < u->ntags; i++) {
        pbf_tag_t *t = &u->tags[i];
        t->block = find_block(f, t->block_name);
        if (!t->block) {
            diag_error(path, t->line, "tag '%s' of '%s' names no block", t->block_name, u->name);
            ok = false;
            continue;
        }
        t->block->in_union = true;
        pbf_field_t *tf = pbf_block_field(t->block, u->tag_field);
        if (!tf) {
            diag_error(path, t->line, "block '%s' has no tag field '%s'", t->block_name,
                       u->tag_field);
            ok = false;
            continue;
        }
        if (i == 0) {
            u->size = t->block->size;
            u->base = t->block->base;
            u->tag_offset = tf->offset;
            u->tag_size = tf->size;
        } else if (t->block->size != u->size) {
            diag_error(path, t->line, "block '%s' is %u bits, other members of '%s' are %u",
                       t->block_name, t->block->size, u->name, u->size);
            ok = false;
        } else if (tf->offset != u->tag_offset || tf->size != u->tag_size) {
            diag_error(path, t->line,
                       "tag field of block '%s' is not where the other members "
                       "of '%s' have it",
                       t->block_name, u->name);
            ok = false;
        }
        if (tf->size < 64 && t->value >> tf->size) {
            diag_error(path, t->line, "tag value %llu does not fit in %u bits",
                       (unsigned long long)t->value, tf->size);
            ok = false;
        }
        for (unsigned j = 0; j < i; j++) {
            if (u->tags[j].value == t->value || strcmp(u->tags[j].block_name, t->block_name) == 0) {
                diag_error(path, t->line, "tag '%s' repeats a block or value of '%s'",
                           t->block_name, u->name);
                ok = false;
            }
        }
    }
    return ok;
}

bool pbf_parse(const char *path, const char *text, pbf_file_t *out)
{
    lexer_t lx = {.path = path, .p = text, .line = 1};
    pbf_file_t f = {.path = path};
    consts_t c = {64, 64};
    bool sign_extend = false, have_base = false;
    int errors_before = diag_count();

    next(&lx);
    while (lx.kind != T_EOF) {
        if (is_word(&lx, "base")) {
            next(&lx);
            if (lx.kind != T_INT ||
                (lx.value != 8 && lx.value != 16 && lx.value != 32 && lx.value != 64)) {
                lex_error(&lx, "base must be 8, 16, 32 or 64, found", lx.text);
                break;
            }
            c.base = c.base_bits = (unsigned)lx.value;
            sign_extend = false;
            have_base = true;
            next(&lx);
            if (is_punct(&lx, '(')) {
                next(&lx);
                if (lx.kind != T_INT || lx.value == 0 || lx.value > c.base) {
                    lex_error(&lx, "significant bits must be between 1 and the base, found",
                              lx.text);
                    break;
                }
                c.base_bits = (unsigned)lx.value;
                next(&lx);
                if (!expect_punct(&lx, ','))
                    break;
                if (lx.kind != T_INT || lx.value > 1) {
                    lex_error(&lx, "sign extension must be 0 or 1, found", lx.text);
                    break;
                }
                sign_extend = lx.value == 1;
                next(&lx);
                if (!expect_punct(&lx, ')'))
                    break;
            }
        } else if (is_word(&lx, "block") || is_word(&lx, "tagged_union")) {
            if (!have_base) {
                lex_error(&lx, "a 'base' declaration must come before", lx.text);
                break;
            }
            if (is_word(&lx, "block") ? !parse_block(&lx, &c, sign_extend, &f)
                                      : !parse_union(&lx, &c, &f))
                break;
        } else {
            char what[200];
            snprintf(what, sizeof what, "'base', 'block' or 'tagged_union', found '%s'", lx.text);
            lex_error(&lx, "expected", what);
            break;
        }
    }
    if (!lx.failed) {
        for (unsigned i = 0; i < f.nblocks; i++) {
            layout_block(path, &f.blocks[i]);
            for (unsigned j = 0; j < i; j++)
                if (strcmp(f.blocks[i].name, f.blocks[j].name) == 0)
                    diag_error(path, f.blocks[i].line, "block '%s' defined twice",
                               f.blocks[i].name);
        }
        for (unsigned i = 0; i < f.nunions; i++)
            resolve_union(path, &f, &f.unions[i]);
    }
    *out = f;
    if (diag_count() != errors_before) {
        pbf_free(out);
        return false;
    }
    return true;
}

void pbf_free(pbf_file_t *f)
{
    for (unsigned i = 0; i < f->nblocks; i++) {
        pbf_block_t *b = &f->blocks[i];
        for (unsigned j = 0; j < b->nfields; j++)
            free(b->fields[j].name);
        for (unsigned j = 0; j < b->nvisible; j++)
            free(b->visible[j]);
        free(b->fields);
        free(b->visible);
        free(b->name);
    }
    for (unsigned i = 0; i < f->nunions; i++) {
        for (unsigned j = 0; j < f->unions[i].ntags; j++)
            free(f->unions[i].tags[j].block_name);
        free(f->unions[i].tags);
        free(f->unions[i].name);
        free(f->unions[i].tag_field);
    }
    free(f->blocks);
    free(f->unions);
    *f = (pbf_file_t){0};
}
