/* Source positions of start tags, attributes and text, for the .system reader. */
#include "locate.h"

#include <stdlib.h>
#include <string.h>

#include "../common/strbuf.h"

typedef struct cursor {
    const char *s;
    size_t i, n;
    int line, col;
} cursor_t;

static void step(cursor_t *c)
{
    if (c->i >= c->n)
        return;
    unsigned char b = (unsigned char)c->s[c->i++];
    if (b == '\n') {
        c->line++;
        c->col = 1;
    } else if (c->i >= c->n || ((unsigned char)c->s[c->i] & 0xc0) != 0x80) {
        c->col++; /* the last byte of a character moves the column */
    }
}

static bool at(const cursor_t *c, const char *lit)
{
    size_t l = strlen(lit);
    return c->n - c->i >= l && memcmp(c->s + c->i, lit, l) == 0;
}

/* Moves past the next occurrence of `end` (or to the end of the text). */
static void skip_past(cursor_t *c, const char *end)
{
    while (c->i < c->n && !at(c, end))
        step(c);
    for (size_t k = strlen(end); k > 0 && c->i < c->n; k--)
        step(c);
}

static bool blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static sb_loc_t here(const cursor_t *c)
{
    return (sb_loc_t){c->line, c->col};
}

static void start_tag(sb_src_t *src, cursor_t *c, size_t **stack, size_t *depth, size_t *cap)
{
    if (src->ntags % 64 == 0)
        src->tags = xrealloc(src->tags, (src->ntags + 64) * sizeof *src->tags);
    size_t t = src->ntags++;
    src->tags[t] = (sb_src_tag_t){.loc = here(c), .first_attr = src->nattrs};
    step(c); /* '<' */
    while (c->i < c->n && !blank(c->s[c->i]) && c->s[c->i] != '>' && c->s[c->i] != '/')
        step(c);
    for (;;) {
        while (c->i < c->n && blank(c->s[c->i]))
            step(c);
        if (c->i >= c->n)
            return;
        if (at(c, "/>")) {
            step(c);
            step(c);
            return;
        }
        if (c->s[c->i] == '>') {
            step(c);
            if (*depth == *cap) {
                *cap = *cap ? 2 * *cap : 16;
                *stack = xrealloc(*stack, *cap * sizeof **stack);
            }
            (*stack)[(*depth)++] = t;
            return;
        }
        if (src->nattrs % 64 == 0)
            src->attrs = xrealloc(src->attrs, (src->nattrs + 64) * sizeof *src->attrs);
        sb_src_attr_t *a = &src->attrs[src->nattrs++];
        src->tags[t].nattrs++;
        *a = (sb_src_attr_t){.name = c->s + c->i, .loc = here(c)};
        while (c->i < c->n && !blank(c->s[c->i]) && c->s[c->i] != '=' && c->s[c->i] != '>')
            step(c);
        a->len = (size_t)(c->s + c->i - a->name);
        while (c->i < c->n && (blank(c->s[c->i]) || c->s[c->i] == '='))
            step(c);
        if (c->i < c->n && (c->s[c->i] == '"' || c->s[c->i] == '\'')) {
            char q[2] = {c->s[c->i], 0};
            step(c);
            skip_past(c, q);
        } else if (c->i < c->n && c->s[c->i] != '>' && c->s[c->i] != '/') {
            step(c); /* not well-formed; libxml2 has refused it already */
        }
    }
}

void sb_src_scan(sb_src_t *src, const char *text, size_t size)
{
    cursor_t c = {text, 0, size, 1, 1};
    size_t *stack = NULL, depth = 0, cap = 0;
    *src = (sb_src_t){0};
    while (c.i < c.n) {
        if (at(&c, "<!--")) {
            skip_past(&c, "-->");
        } else if (at(&c, "<?")) {
            skip_past(&c, "?>");
        } else if (at(&c, "<![CDATA[")) {
            if (depth && src->tags[stack[depth - 1]].text.line == 0)
                src->tags[stack[depth - 1]].text = here(&c);
            skip_past(&c, "]]>");
        } else if (at(&c, "<!")) {
            int nest = 0; /* a DOCTYPE, with its internal subset in brackets */
            src->doctype = here(&c);
            while (c.i < c.n && !(c.s[c.i] == '>' && nest == 0)) {
                nest += c.s[c.i] == '[' ? 1 : c.s[c.i] == ']' ? -1 : 0;
                step(&c);
            }
            step(&c);
        } else if (at(&c, "</")) {
            if (depth)
                depth--;
            skip_past(&c, ">");
        } else if (c.s[c.i] == '<') {
            start_tag(src, &c, &stack, &depth, &cap);
        } else {
            if (!blank(c.s[c.i]) && depth && src->tags[stack[depth - 1]].text.line == 0)
                src->tags[stack[depth - 1]].text = here(&c);
            step(&c);
        }
    }
    free(stack);
}

sb_loc_t sb_src_attr(const sb_src_t *src, size_t tag, const char *name)
{
    if (tag >= src->ntags)
        return (sb_loc_t){0, 0};
    const sb_src_tag_t *t = &src->tags[tag];
    size_t l = strlen(name);
    for (size_t i = t->first_attr; i < t->first_attr + t->nattrs; i++)
        if (src->attrs[i].len == l && memcmp(src->attrs[i].name, name, l) == 0)
            return src->attrs[i].loc;
    return t->loc;
}

void sb_src_free(sb_src_t *src)
{
    free(src->tags);
    free(src->attrs);
    *src = (sb_src_t){0};
}
