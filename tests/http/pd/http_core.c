/*
 * The HTTP core in a Microkit PD: pipelined requests answered from an in-memory site through
 * a sink that takes 5 bytes per call, and a traversal refused; the responses are compared
 * byte for byte. Success (http.system): the console shows
 *   http_core: PASS 3 pipelined responses
 *   http_core: PASS traversal refused
 */
#include <sel4c/http.h>
#include <string.h>

#include <microkit.h>

static const char page[] = "<p>seL4</p>\n";

static sel4c_http_err_t site_open(void *ctx, const char *path, void **file, sel4c_http_stat_t *st)
{
    (void)ctx;
    bool root = strcmp(path, "/") == 0;
    if (!root && strcmp(path, "/index.html") != 0) {
        return SEL4C_HTTP_ENOENT;
    }
    *file = (void *)page;
    st->size = root ? 0 : sizeof page - 1;
    st->mtime = 1000000000;
    st->is_dir = root;
    return SEL4C_HTTP_OK;
}

static long site_read(void *ctx, void *file, uint64_t off, void *buf, size_t len)
{
    (void)ctx;
    (void)file;
    size_t n = sizeof page - 1 - off < len ? sizeof page - 1 - off : len;
    memcpy(buf, page + off, n);
    return (long)n;
}

static void site_close(void *ctx, void *file)
{
    (void)ctx;
    (void)file;
}

static uint64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 0;
}

static int64_t fixed_wall(void *ctx)
{
    (void)ctx;
    return 784111777;
}

static char out[2048];
static size_t out_len;
static size_t sink_write(void *ctx, const void *data, size_t len)
{
    (void)ctx;
    len = len > 5 ? 5 : len;
    len = len > sizeof out - 1 - out_len ? sizeof out - 1 - out_len : len;
    memcpy(out + out_len, data, len);
    out_len += len;
    return len;
}

static const sel4c_http_server_t server = {
    .files = {site_open, site_read, site_close, NULL},
    .wall_time = fixed_wall,
    .clock_ms = fixed_clock,
};

#define HEAD_200                                                                                   \
    "HTTP/1.1 200 OK\r\nServer: sel4c\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"                  \
    "Content-Type: text/html; charset=utf-8\r\nAccept-Ranges: bytes\r\n"                           \
    "Last-Modified: Sun, 09 Sep 2001 01:46:40 GMT\r\n"

/* Feeds `req` and drives output until the connection wants input or is done. */
static bool run(const char *req, const char *want)
{
    static sel4c_http_conn_storage_t mem;
    sel4c_http_conn_t *c;
    sel4c_http_sink_t sink = {sink_write, NULL};
    out_len = 0;
    if (sel4c_http_conn_init(&mem, &server, &sink, &c) != SEL4C_HTTP_OK) {
        return false;
    }
    size_t len = strlen(req), pos = 0;
    for (int rounds = 0; pos < len && !sel4c_http_conn_done(c) && rounds < 100000; rounds++) {
        pos += sel4c_http_conn_input(c, req + pos, len - pos);
        sel4c_http_conn_output(c);
    }
    sel4c_http_conn_fini(c);
    out[out_len] = '\0';
    return strcmp(out, want) == 0;
}

void init(void)
{
    bool ok =
        run("GET / HTTP/1.1\r\nHost: sel4\r\n\r\nHEAD /index.html HTTP/1.1\r\nHost: sel4\r\n\r\n"
            "GET /index.html HTTP/1.0\r\n\r\n",
            HEAD_200 "Content-Length: 12\r\n\r\n<p>seL4</p>\n" HEAD_200
                     "Content-Length: 12\r\n\r\n" HEAD_200
                     "Content-Length: 12\r\nConnection: close\r\n\r\n<p>seL4</p>\n");
    microkit_dbg_puts(ok ? "http_core: PASS 3 pipelined responses\n"
                         : "http_core: FAIL pipelined responses\n");
    if (!ok) {
        microkit_dbg_puts(out);
    }
    ok = run("GET /%2e%2e/secret HTTP/1.1\r\nHost: sel4\r\n\r\n",
             "HTTP/1.1 400 Bad Request\r\nServer: sel4c\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
             "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 16\r\n"
             "Connection: close\r\n\r\n400 Bad Request\n");
    microkit_dbg_puts(ok ? "http_core: PASS traversal refused\n" : "http_core: FAIL traversal\n");
    if (!ok) {
        microkit_dbg_puts(out);
    }
}

void notified(microkit_channel ch)
{
    (void)ch;
}
