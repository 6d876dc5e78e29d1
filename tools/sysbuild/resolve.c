/*
 * Completing the model from files besides program images: prefill files (found in the
 * search path, read, and sizing the regions that gave no size), then the page size of each
 * region that did not choose one.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/diag.h"
#include "../common/file_io.h"
#include "../common/strbuf.h"
#include "errors.h"
#include "search.h"
#include "system.h"

static void load_prefill(sb_errors_t *err, sb_mr_t *m, const char *const *search, size_t n)
{
    strbuf_t searched = STRBUF_INIT;
    m->prefill_resolved = sb_search(m->prefill, search, n, &searched);
    if (!m->prefill_resolved) {
        sb_err(err, m->prefill_loc, "prefill file '%s' not found (searched: %s)", m->prefill,
               sb_str(&searched));
        sb_free(&searched);
        return;
    }
    sb_free(&searched);
    size_t size;
    m->prefill_data = read_file_all(m->prefill_resolved, &size); /* reports why not */
    if (!m->prefill_data)
        return;
    m->prefill_size = size;
    if (size == 0) {
        sb_err(err, m->prefill_loc, "prefill file '%s' is empty", m->prefill);
    } else if (!m->has_size) {
        m->size = (size + m->page_size - 1) / m->page_size * m->page_size;
    } else if (size > m->size) {
        sb_err(err, m->prefill_loc,
               "prefill file '%s' (0x%zx bytes) is larger than the region (0x%llx bytes)",
               m->prefill, size, (unsigned long long)m->size);
    }
}

/* Microkit's choice: the large page when the size, the physical address and every mapping
 * allow it. */
static void choose_page_size(sb_system_t *sys, size_t mr)
{
    sb_mr_t *m = &sys->mrs[mr];
    if (m->page_size_explicit || m->size == 0 || m->size % SB_PAGE_LARGE ||
        (m->has_paddr && m->paddr % SB_PAGE_LARGE))
        return;
    for (size_t i = 0; i < sys->npds; i++)
        for (size_t j = 0; j < sys->pds[i].nmaps; j++)
            if (sys->pds[i].maps[j].mr == mr && sys->pds[i].maps[j].vaddr % SB_PAGE_LARGE)
                return;
    m->page_size = SB_PAGE_LARGE;
}

unsigned sb_resolve(sb_system_t *sys, const char *const *search, size_t nsearch)
{
    sb_errors_t err = {.path = sys->path};
    int before = diag_count();
    for (size_t i = 0; i < sys->nmrs; i++) {
        if (sys->mrs[i].prefill && sys->mrs[i].prefill[0])
            load_prefill(&err, &sys->mrs[i], search, nsearch);
        choose_page_size(sys, i);
    }
    sb_errors_flush(&err);
    return (unsigned)(diag_count() - before);
}
