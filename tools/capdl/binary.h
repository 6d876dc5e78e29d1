/* The binary form of a spec (formats/capdl/capdl.h), from and to the model. */
#pragma once

#include "../common/strbuf.h"
#include "model.h"

typedef struct cdl_write_opts {
    const char *files_dir; /* where fill files are */
    sel4c_capdl_sizes_t sizes;
    bool compress; /* LZ4-compress fill data where that makes it smaller */
    /* Zero copy: when nonzero, every 4 KiB frame whose fills all come from files becomes a
     * page of `pages` (appended, page by page) to be loaded at virtual address
     * zero_copy_base + 4096 * k in the initializer. */
    uint64_t zero_copy_base;
} cdl_write_opts_t;

typedef struct cdl_write_stats {
    uint64_t fill_bytes;       /* bytes the fills put into frames */
    uint64_t stored_bytes;     /* bytes of fill data in the spec (after compression) */
    uint64_t zero_copy_frames; /* frames placed in the initializer's image */
} cdl_write_stats_t;

/*
 * Writes the checked spec `s` (cdl_check() passed) as a blob into `out`, and the zero-copy
 * pages into `pages`. Returns false (reported) if a fill file cannot be read.
 */
bool cdl_write_binary(const cdl_spec_t *s, const cdl_write_opts_t *opts, strbuf_t *out,
                      strbuf_t *pages, cdl_write_stats_t *stats);

/* Reads a blob back into an empty model. False (reported, naming the record) if invalid. */
bool cdl_read_binary(cdl_spec_t *s, const char *path, const void *blob, size_t size);
