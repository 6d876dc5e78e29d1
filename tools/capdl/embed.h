/* Embedding a spec into the CapDL initializer's ELF: the step shared by `sel4c-capdl embed`
 * and sel4c-sysbuild. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "binary.h"
#include "model.h"

typedef struct cdl_embed_opts {
    const char *initializer; /* path of the initializer ELF (for reading and messages) */
    const char *files_dir;   /* where fill files are */
    sel4c_capdl_sizes_t sizes;
    bool zero_copy, compress;
    uint32_t log_level; /* the initializer's: SEL4C_LOG_ERROR (0) to SEL4C_LOG_DEBUG */
} cdl_embed_opts_t;

typedef struct cdl_embed_result {
    uint8_t *image; /* the initializer with the spec: malloc'ed, owned by the caller */
    uint64_t size;
    uint64_t spec_vaddr, spec_size;
    cdl_write_stats_t stats;
} cdl_embed_result_t;

/*
 * Writes the checked spec `s` in binary form and appends it, with its zero-copy pages, to
 * the initializer, patching the symbols through which the initializer finds the spec and its
 * log level. Nothing is written to disk. Returns false (reported, naming the file and the
 * reason) on error, with `r->image` NULL.
 */
bool cdl_embed(const cdl_spec_t *s, const cdl_embed_opts_t *o, cdl_embed_result_t *r);
