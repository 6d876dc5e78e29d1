/* The request fields the server acts on: Accept-Encoding and Range. */
#include "http_internal.h"

static bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* A qvalue ("0", "0.5", "1.000") is zero when it has no non-zero digit. */
static bool q_is_zero(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '1' && s[i] <= '9') {
            return false;
        }
    }
    return true;
}

bool http_accepts_gzip(const char *s, size_t len)
{
    int gzip = -1, star = -1; /* -1 not named, 0 refused, 1 accepted */
    size_t i = 0;
    while (i < len) {
        while (i < len && (is_ows(s[i]) || s[i] == ',')) {
            i++;
        }
        size_t tok = i;
        while (i < len && !is_ows(s[i]) && s[i] != ',' && s[i] != ';') {
            i++;
        }
        size_t tok_len = i - tok;
        int accepted = 1;
        /* Parameters: only q matters. */
        while (i < len && s[i] != ',') {
            while (i < len && (is_ows(s[i]) || s[i] == ';')) {
                i++;
            }
            if (i + 1 < len && (s[i] == 'q' || s[i] == 'Q') && s[i + 1] == '=') {
                size_t v = i + 2, e = v;
                while (e < len && !is_ows(s[e]) && s[e] != ',' && s[e] != ';') {
                    e++;
                }
                accepted = !q_is_zero(s + v, e - v);
                i = e;
            } else {
                while (i < len && s[i] != ',' && s[i] != ';') {
                    i++;
                }
            }
        }
        if (http_token_eq(s + tok, tok_len, "gzip") || http_token_eq(s + tok, tok_len, "x-gzip")) {
            gzip = accepted;
        } else if (http_token_eq(s + tok, tok_len, "*")) {
            star = accepted;
        }
    }
    return gzip == 1 || (gzip == -1 && star == 1);
}

/* Decimal digits into *v, saturating at 2^63 (larger than any file); false without a digit. */
static bool number(const char *s, size_t len, size_t *i, uint64_t *v)
{
    const uint64_t max = UINT64_MAX >> 1;
    size_t start = *i;
    *v = 0;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
        uint64_t d = (uint64_t)(s[(*i)++] - '0');
        *v = *v > (max - d) / 10 ? max : *v * 10 + d;
    }
    return *i > start;
}

http_range_result_t http_range_parse(const char *s, size_t len, uint64_t size, uint64_t *first,
                                     uint64_t *count)
{
    size_t i = 0;
    if (len < 6 || !http_token_eq(s, 6, "bytes=") || size == 0) {
        return HTTP_RANGE_NONE;
    }
    i = 6;
    while (i < len && is_ows(s[i])) {
        i++;
    }
    uint64_t a = 0, b = 0;
    bool has_first = number(s, len, &i, &a);
    if (i >= len || s[i] != '-') {
        return HTTP_RANGE_NONE;
    }
    i++;
    bool has_last = number(s, len, &i, &b);
    while (i < len && is_ows(s[i])) {
        i++;
    }
    if (i != len || (!has_first && !has_last)) {
        return HTTP_RANGE_NONE; /* several ranges, or not a byte range */
    }
    if (!has_first) {
        /* suffix: the last b bytes */
        if (b == 0) {
            return HTTP_RANGE_UNSATISFIABLE;
        }
        *count = b < size ? b : size;
        *first = size - *count;
        return HTTP_RANGE_OK;
    }
    if (has_last && b < a) {
        return HTTP_RANGE_NONE;
    }
    if (a >= size) {
        return HTTP_RANGE_UNSATISFIABLE;
    }
    uint64_t last = has_last && b < size - 1 ? b : size - 1;
    *first = a;
    *count = last - a + 1;
    return HTTP_RANGE_OK;
}
