/*
 * Diagnostics of one stage of sel4c-sysbuild, printed in file order: each stage finds errors
 * rule by rule, but the user reads them top to bottom. Messages are kept until
 * sb_errors_flush(), which prints them sorted by place (stable for equal places) through
 * tools/common/diag and frees them.
 */
#pragma once

#include <stddef.h>

#include "system.h"

typedef struct sb_error {
    sb_loc_t loc;
    char *msg;
} sb_error_t;

typedef struct sb_errors {
    const char *path;
    sb_error_t *v;
    size_t n, cap;
} sb_errors_t;

void sb_err(sb_errors_t *e, sb_loc_t loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints and frees the collected errors; returns how many there were. */
unsigned sb_errors_flush(sb_errors_t *e);
