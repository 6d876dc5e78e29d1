/*
 * libFuzzer on the HTTP core's request path: the input is fed to a connection over an
 * in-memory site in pieces whose sizes the first bytes choose, through a sink that takes a
 * few bytes at a time. The helpers (path, date, range, Accept-Encoding) get the same bytes.
 * Checks: no sanitizer report, every response starts with a status line, the connection
 * makes progress, every file opened is closed, normalised paths keep their promises.
 */
#include <sel4c/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/http/http_internal.h"

static const char bin[300];
typedef struct file {
    const char *path, *data;
    size_t size;
    bool is_dir;
} file_t;
static const file_t site[] = {
    {"/", NULL, 0, true},
    {"/index.html", "home\n", 5, false},
    {"/dir", NULL, 0, true},
    {"/dir/index.html", "d\n", 2, false},
    {"/style.css", "b{}", 3, false},
    {"/style.css.gz", "GZ", 2, false},
    {"/data.bin", bin, sizeof bin, false},
};
static int open_files;

static sel4c_http_err_t f_open(void *ctx, const char *path, void **f, sel4c_http_stat_t *st)
{
    (void)ctx;
    size_t len = strlen(path);
    /* The file source's side of the contract. */
    if (path[0] != '/' || strstr(path, "//") || strstr(path, "/./") || strstr(path, "/../") ||
        (len >= 3 && strcmp(path + len - 3, "/..") == 0) || strchr(path, '\\')) {
        fprintf(stderr, "bad path given to the file source: %s\n", path);
        abort();
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)path[i] < 0x20 || path[i] == 0x7f) {
            abort();
        }
    }
    for (size_t i = 0; i < sizeof site / sizeof site[0]; i++) {
        if (strcmp(site[i].path, path) == 0) {
            *f = (void *)&site[i];
            st->size = site[i].size;
            st->mtime = 1000000000;
            st->is_dir = site[i].is_dir;
            open_files++;
            return SEL4C_HTTP_OK;
        }
    }
    return SEL4C_HTTP_ENOENT;
}

static long f_read(void *ctx, void *f, uint64_t off, void *buf, size_t len)
{
    (void)ctx;
    const file_t *file = f;
    if (off >= file->size) {
        abort(); /* the core reads only within the size it was given */
    }
    size_t n = file->size - off < len ? file->size - off : len;
    memcpy(buf, file->data + off, n);
    return (long)n;
}

static void f_close(void *ctx, void *f)
{
    (void)ctx;
    (void)f;
    open_files--;
}

static uint64_t clock_now;
static uint64_t f_clock(void *ctx)
{
    (void)ctx;
    return clock_now;
}
static int64_t f_wall(void *ctx)
{
    (void)ctx;
    return 1700000000;
}

/* The first bytes of the response stream. */
static char start[9];
static size_t out_len, per_call;
static size_t f_write(void *ctx, const void *data, size_t len)
{
    (void)ctx;
    if (len > per_call) {
        len = per_call;
    }
    for (size_t i = 0; i < len && out_len + i < sizeof start; i++) {
        start[out_len + i] = ((const char *)data)[i];
    }
    out_len += len;
    return len;
}

static const sel4c_http_server_t server = {
    .files = {f_open, f_read, f_close, NULL},
    .wall_time = f_wall,
    .clock_ms = f_clock,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel4c_http_conn_storage_t mem;
    if (size < 2) {
        return 0;
    }
    size_t piece = data[0] % 64 + 1;
    per_call = data[1] % 128 + 1;
    data += 2;
    size -= 2;

    /* The helpers on the raw bytes. */
    char path[HTTP_PATH_MAX];
    size_t plen, n = size < SEL4C_HTTP_URI_MAX ? size : SEL4C_HTTP_URI_MAX;
    const char *why = NULL;
    int status = http_path_normalise((const char *)data, n, path, sizeof path, &plen, &why);
    if (status != 0 && why == NULL) {
        abort(); /* every refusal says why */
    }
    if (status == 0 &&
        (path[0] != '/' || strlen(path) != plen || strstr(path, "//") || strstr(path, "/../"))) {
        abort();
    }
    int64_t t;
    (void)http_date_parse((const char *)data, size, &t);
    uint64_t first, count;
    if (http_range_parse((const char *)data, size, 1000, &first, &count) == HTTP_RANGE_OK &&
        (count == 0 || first + count > 1000)) {
        abort();
    }
    (void)http_accepts_gzip((const char *)data, size);

    sel4c_http_conn_t *c;
    sel4c_http_sink_t sink = {f_write, NULL};
    out_len = 0;
    clock_now = 0;
    if (sel4c_http_conn_init(&mem, &server, &sink, &c) != SEL4C_HTTP_OK) {
        abort();
    }
    size_t pos = 0, rounds = 0;
    while (pos < size && !sel4c_http_conn_done(c)) {
        size_t k = size - pos < piece ? size - pos : piece;
        pos += sel4c_http_conn_input(c, data + pos, k);
        while (!sel4c_http_conn_wants_input(c) && !sel4c_http_conn_done(c)) {
            sel4c_http_conn_output(c);
            if (++rounds > 10000000) {
                abort(); /* no progress */
            }
        }
    }
    sel4c_http_conn_input_end(c);
    while (!sel4c_http_conn_done(c)) {
        sel4c_http_conn_output(c);
        if (++rounds > 10000000) {
            abort();
        }
    }
    if (out_len > 0 && (out_len < sizeof start || memcmp(start, "HTTP/1.1 ", 9) != 0)) {
        abort();
    }
    sel4c_http_conn_fini(c);
    if (open_files != 0) {
        abort();
    }
    return 0;
}
