/*
 * Request-target to file path: percent-decoding and normalisation, refusing anything that
 * could reach outside the site root or mean different files to different readers.
 */
#include "http_internal.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool http_token_eq(const char *s, size_t len, const char *lower)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (lower[i] == '\0' || c != lower[i]) {
            return false;
        }
    }
    return lower[len] == '\0';
}

/* Absolute-form ("http://host:port/path"): skips the scheme and authority. */
static size_t skip_authority(const char *t, size_t len)
{
    size_t scheme = 0;
    if (len >= 7 && http_token_eq(t, 7, "http://")) {
        scheme = 7;
    } else if (len >= 8 && http_token_eq(t, 8, "https://")) {
        scheme = 8;
    } else {
        return 0;
    }
    size_t i = scheme;
    while (i < len && t[i] != '/' && t[i] != '?' && t[i] != '#') {
        i++;
    }
    return i;
}

int http_path_normalise(const char *target, size_t len, char *out, size_t cap, size_t *out_len,
                        const char **why)
{
    size_t i = skip_authority(target, len);
    /* The path ends at the query or fragment; an absolute-form target may have no path. */
    size_t end = i;
    while (end < len && target[end] != '?' && target[end] != '#') {
        end++;
    }
    if (end == i && i > 0) {
        target = "/";
        i = 0;
        end = 1;
    }
    if (i >= end || target[i] != '/' || cap < 2) {
        *why = "request target: not a path (no leading '/')";
        return 400;
    }
    size_t o = 0;
    out[o++] = '/';
    while (i < end) {
        /* One segment: target[i] is '/'; decode what follows up to the next '/'. */
        i++;
        size_t seg = o;
        while (i < end && target[i] != '/') {
            unsigned char c = (unsigned char)target[i++];
            if (c == '%') {
                int hi = i < end ? hex_value(target[i]) : -1;
                int lo = i + 1 < end ? hex_value(target[i + 1]) : -1;
                if (hi < 0 || lo < 0) {
                    *why = "path: '%' without two hexadecimal digits";
                    return 400;
                }
                c = (unsigned char)(hi << 4 | lo);
                i += 2;
                /* An encoded '/' would make one segment two; NUL would cut the path. */
                if (c == '/' || c == '\0') {
                    *why = "path: an encoded '/' (%2f) or NUL (%00)";
                    return 400;
                }
            }
            if (c < 0x20 || c == 0x7f || c == '\\') {
                *why = "path: a backslash or a control character";
                return 400;
            }
            if (o + 2 > cap) {
                *why = "path: longer than its buffer";
                return 414;
            }
            out[o++] = (char)c;
        }
        size_t seg_len = o - seg;
        if (seg_len == 1 && out[seg] == '.') {
            o = seg; /* "." names the directory itself */
        } else if (seg_len == 2 && out[seg] == '.' && out[seg + 1] == '.') {
            /* ".." removes the previous segment, and may not climb above the root. */
            if (seg == 1) {
                *why = "path: '..' climbs above the site root";
                return 400;
            }
            o = seg - 1;
            while (out[o - 1] != '/') {
                o--;
            }
        } else if (seg_len > 0 && i < end) {
            out[o++] = '/';
        }
        /* An empty segment ("//") adds nothing: it names the same directory. */
    }
    out[o] = '\0';
    *out_len = o;
    return 0;
}

size_t http_path_encode(const char *path, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        for (const char *k = "-._~!$&'()*+,;=:@/"; !keep && *k; k++) {
            keep = c == (unsigned char)*k;
        }
        if (o + (keep ? 1 : 3) >= cap) {
            return 0;
        }
        if (keep) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return o;
}
