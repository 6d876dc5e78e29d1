/* Diagnostics for host tools. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int errors;
static int quiet;

void diag_set_quiet(int on)
{
    quiet = on;
}

static void report(const char *file, int line, int col, const char *fmt, va_list ap)
{
    errors++;
    if (quiet)
        return;
    if (line > 0 && col > 0)
        fprintf(stderr, "%s:%d:%d: error: ", file, line, col);
    else if (line > 0)
        fprintf(stderr, "%s:%d: error: ", file, line);
    else
        fprintf(stderr, "%s: error: ", file);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void diag_error(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(file, line, 0, fmt, ap);
    va_end(ap);
}

void diag_error_at(const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(file, line, col, fmt, ap);
    va_end(ap);
}

int diag_count(void)
{
    return errors;
}
