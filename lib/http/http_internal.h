/* The HTTP core's parts shared between its files (not a public interface). */
#pragma once

#include <sel4c/http.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Normalised path room: the longest target, plus "index.html" and ".gz" appended. */
#define HTTP_PATH_MAX (SEL4C_HTTP_URI_MAX + 16)

/*
 * Turns a request-target (origin-form "/a/b?q", or absolute-form "http://host/a/b") into a
 * normalised path in `out` (NUL-terminated). Returns 0, or the status to answer, with the
 * reason in *why: 400 for a target that is not a path, a bad or forbidden escape (%2f, %5c,
 * %00, controls), a backslash, or ".." climbing above the root.
 */
int http_path_normalise(const char *target, size_t len, char *out, size_t cap, size_t *out_len,
                        const char **why);

/* Writes `path` percent-encoded for a Location field (only unreserved, sub-delims, ':', '@'
 * and '/' stay). Returns the length, or 0 when it does not fit in `cap` (NUL included). */
size_t http_path_encode(const char *path, char *out, size_t cap);

/* IMF-fixdate of `t` ("Sun, 06 Nov 1994 08:49:37 GMT", 29 characters) into out[30]. */
void http_date_format(int64_t t, char out[30]);
/* Parses an HTTP-date in any of its three forms (IMF-fixdate, RFC 850, asctime). */
bool http_date_parse(const char *s, size_t len, int64_t *t);

/* Whether an Accept-Encoding value accepts gzip. */
bool http_accepts_gzip(const char *s, size_t len);

typedef enum http_range_result {
    HTTP_RANGE_NONE,          /* no usable range: send the whole representation */
    HTTP_RANGE_OK,            /* send [*first, *first + *count) */
    HTTP_RANGE_UNSATISFIABLE, /* 416 */
} http_range_result_t;
/* Reads a Range value against a representation of `size` bytes. One byte range is served;
 * several ranges, other units and invalid syntax get the whole representation. */
http_range_result_t http_range_parse(const char *s, size_t len, uint64_t size, uint64_t *first,
                                     uint64_t *count);

/* ASCII case-insensitive equality of s[0..len) and the NUL-terminated lower-case `lower`. */
bool http_token_eq(const char *s, size_t len, const char *lower);
