/* Growable, NUL-terminated byte buffer for host tools that build text in memory. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *data; /* owned; always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} strbuf_t;

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        0                                                                                          \
    }

/* Append; on allocation failure the process exits with a message (host tools only). */
void sb_put(strbuf_t *sb, const char *s);
void sb_putn(strbuf_t *sb, const char *s, size_t n);
void sb_putc(strbuf_t *sb, char c);
void sb_printf(strbuf_t *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf_t *sb, const char *fmt, va_list ap);
/* The contents ("" when empty); the buffer keeps ownership. */
const char *sb_str(const strbuf_t *sb);
void sb_reset(strbuf_t *sb);
void sb_free(strbuf_t *sb);
/* Returns a malloc'ed copy of s (exits on allocation failure). */
char *xstrdup(const char *s);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
