/* Diagnostics of one stage, printed in file order. */
#include "errors.h"

#include <stdarg.h>
#include <stdlib.h>

#include "../common/diag.h"
#include "../common/strbuf.h"

void sb_err(sb_errors_t *e, sb_loc_t loc, const char *fmt, ...)
{
    strbuf_t msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 16;
        e->v = xrealloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->n++] = (sb_error_t){loc, msg.data ? msg.data : xstrdup("")};
}

static int before(const sb_error_t *a, const sb_error_t *b)
{
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line;
    return a->loc.col < b->loc.col;
}

unsigned sb_errors_flush(sb_errors_t *e)
{
    /* insertion sort: stable, and the lists are short */
    for (size_t i = 1; i < e->n; i++) {
        sb_error_t x = e->v[i];
        size_t j = i;
        for (; j > 0 && before(&x, &e->v[j - 1]); j--)
            e->v[j] = e->v[j - 1];
        e->v[j] = x;
    }
    for (size_t i = 0; i < e->n; i++) {
        diag_error_at(e->path, e->v[i].loc.line, e->v[i].loc.col, "%s", e->v[i].msg);
        free(e->v[i].msg);
    }
    unsigned n = (unsigned)e->n;
    free(e->v);
    e->v = NULL;
    e->n = e->cap = 0;
    return n;
}
