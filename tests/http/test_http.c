/*
 * The HTTP core on the host: raw requests in, exact responses out, over an in-memory site.
 * Every request is also fed split at every byte boundary and one byte at a time, through a
 * sink that takes a few bytes per call, and must give the same bytes.
 */
#include <sel4c/http.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/http/http_internal.h"

static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

/* ---- an in-memory site ---- */

typedef struct file {
    const char *path;
    const char *data;
    size_t size;
    bool is_dir;
} file_t;

static char bin[100];
static file_t site[] = {
    {"/", NULL, 0, true},
    {"/index.html", "<h1>home</h1>\n", 14, false},
    {"/dir", NULL, 0, true},
    {"/dir/index.html", "dir index\n", 10, false},
    {"/empty", NULL, 0, true},
    {"/style.css", "body{}\n", 7, false},
    {"/style.css.gz", "GZDATA", 6, false},
    {"/data.bin", bin, sizeof bin, false},
    {"/a b.txt", "space\n", 6, false},
    {"/zero.txt", "", 0, false},
    {"/app.wasm", "\0asm", 4, false},
};
#define SITE_MTIME 1000000000 /* Sun, 09 Sep 2001 01:46:40 GMT */

static int open_files;
static bool read_blocked; /* reads say EAGAIN */
static bool read_short;   /* reads fail: the file shrank */
static char last_opened[HTTP_PATH_MAX];

static sel4c_http_err_t mem_open(void *ctx, const char *path, void **f, sel4c_http_stat_t *st)
{
    (void)ctx;
    snprintf(last_opened, sizeof last_opened, "%s", path);
    for (size_t i = 0; i < sizeof site / sizeof site[0]; i++) {
        if (strcmp(site[i].path, path) == 0) {
            *f = &site[i];
            st->size = site[i].size;
            st->mtime = SITE_MTIME;
            st->is_dir = site[i].is_dir;
            open_files++;
            return SEL4C_HTTP_OK;
        }
    }
    return strcmp(path, "/broken") == 0 ? SEL4C_HTTP_EIO : SEL4C_HTTP_ENOENT;
}

static long mem_read(void *ctx, void *f, uint64_t off, void *buf, size_t len)
{
    (void)ctx;
    file_t *file = f;
    if (read_blocked) {
        return -SEL4C_HTTP_EAGAIN;
    }
    if (read_short) {
        return 0;
    }
    if (off >= file->size) {
        return 0;
    }
    size_t n = file->size - off < len ? file->size - off : len;
    memcpy(buf, file->data + off, n);
    return (long)n;
}

static void mem_close(void *ctx, void *f)
{
    (void)ctx;
    (void)f;
    open_files--;
}

/* ---- time, log and sink ---- */

static uint64_t clock_now = 5000;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return clock_now;
}
static int64_t fake_wall(void *ctx)
{
    (void)ctx;
    return 784111777; /* Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example */
}

static char log_text[4096];
static char expect_log[4096]; /* the log of expect()'s first run */
static void log_entry(void *ctx, const sel4c_http_log_entry_t *e)
{
    (void)ctx;
    size_t n = strlen(log_text);
    snprintf(log_text + n, sizeof log_text - n, "%s %s %d %llu%s%s;", e->method, e->path, e->status,
             (unsigned long long)e->bytes, e->error ? " " : "", e->error ? e->error : "");
}

static const sel4c_http_server_t server = {
    .files = {mem_open, mem_read, mem_close, NULL},
    .wall_time = fake_wall,
    .clock_ms = fake_clock,
    .log = log_entry,
    .head_timeout_ms = 1000,
    .idle_timeout_ms = 2000,
    .send_timeout_ms = 3000,
};

typedef struct sink {
    char buf[1 << 16];
    size_t len;
    size_t per_call; /* most bytes taken per call (0: all) */
    bool refuse;     /* every other call takes nothing */
    bool refused_last;
} sink_t;

static size_t sink_write(void *ctx, const void *data, size_t len)
{
    sink_t *s = ctx;
    if (s->refuse && !s->refused_last) {
        s->refused_last = true;
        return 0;
    }
    s->refused_last = false;
    if (s->per_call != 0 && len > s->per_call) {
        len = s->per_call;
    }
    if (len > sizeof s->buf - 1 - s->len) {
        len = sizeof s->buf - 1 - s->len;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return len;
}

/*
 * A transport: offers `in` in pieces (first `split` bytes, then `step` at a time), keeps what
 * the connection did not take, and drives output until it takes more. Ends with input_end
 * when `eof`. Returns whether the connection is done.
 */
static bool drive(sink_t *out, const char *in, size_t len, size_t split, size_t step, bool eof)
{
    static sel4c_http_conn_storage_t mem;
    sel4c_http_conn_t *c;
    sel4c_http_sink_t sink = {sink_write, out};
    if (sel4c_http_conn_init(&mem, &server, &sink, &c) != SEL4C_HTTP_OK) {
        CHECK(0, "init failed");
        return true;
    }
    size_t pos = 0;
    int rounds = 0;
    while (pos < len && !sel4c_http_conn_done(c) && rounds++ < 1000000) {
        size_t n = pos < split ? split - pos : step;
        if (n > len - pos) {
            n = len - pos;
        }
        pos += sel4c_http_conn_input(c, in + pos, n);
        while (!sel4c_http_conn_wants_input(c) && !sel4c_http_conn_done(c) && rounds++ < 1000000) {
            sel4c_http_conn_output(c);
        }
    }
    if (eof && !sel4c_http_conn_done(c)) {
        sel4c_http_conn_input_end(c);
        while (!sel4c_http_conn_done(c) && !sel4c_http_conn_wants_input(c) && rounds++ < 1000000) {
            sel4c_http_conn_output(c);
        }
    }
    CHECK(rounds < 1000000, "the connection made no progress");
    bool done = sel4c_http_conn_done(c);
    sel4c_http_conn_fini(c);
    CHECK(open_files == 0, "%d files left open", open_files);
    open_files = 0;
    return done;
}

/* Feeds `req` whole, split at every byte boundary, and byte by byte into a sink that takes 3
 * bytes per call and refuses every other one; all must answer `want` exactly. */
static void expect(const char *name, const char *req, const char *want, bool want_done)
{
    static sink_t whole, part;
    size_t len = strlen(req);
    memset(&whole, 0, sizeof whole);
    log_text[0] = '\0';
    bool done = drive(&whole, req, len, len, len, false);
    snprintf(expect_log, sizeof expect_log, "%s", log_text);
    CHECK(strcmp(whole.buf, want) == 0, "%s: got\n%s\n--- want\n%s\n---", name, whole.buf, want);
    CHECK(done == want_done, "%s: done %d, want %d", name, done, want_done);
    for (size_t k = 1; k < len; k++) {
        memset(&part, 0, sizeof part);
        drive(&part, req, len, k, len, false);
        if (strcmp(part.buf, whole.buf) != 0) {
            CHECK(0, "%s: split at %zu gives\n%s", name, k, part.buf);
            break;
        }
    }
    memset(&part, 0, sizeof part);
    part.per_call = 3;
    part.refuse = true;
    drive(&part, req, len, 1, 1, false);
    CHECK(strcmp(part.buf, whole.buf) == 0, "%s: byte by byte gives\n%s", name, part.buf);
}

/* The same with the head of the response only compared (bodies checked separately). */
static const char *response(const char *req)
{
    static sink_t s;
    memset(&s, 0, sizeof s);
    log_text[0] = '\0';
    drive(&s, req, strlen(req), strlen(req), strlen(req), false);
    return s.buf;
}

#define DATE    "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
#define LASTMOD "Last-Modified: Sun, 09 Sep 2001 01:46:40 GMT\r\n"
#define TEXT    "Content-Type: text/plain; charset=utf-8\r\n"
static const char *error_response(int code)
{
    static char buf[512];
    const char *r = code == 400   ? "Bad Request"
                    : code == 404 ? "Not Found"
                    : code == 405 ? "Method Not Allowed"
                    : code == 413 ? "Content Too Large"
                    : code == 414 ? "URI Too Long"
                    : code == 431 ? "Request Header Fields Too Large"
                    : code == 500 ? "Internal Server Error"
                    : code == 505 ? "HTTP Version Not Supported"
                                  : "?";
    char body[64];
    snprintf(body, sizeof body, "%d %s\n", code, r);
    snprintf(buf, sizeof buf,
             "HTTP/1.1 %d %s\r\nServer: sel4c\r\n" DATE TEXT "%sContent-Length: %zu\r\n"
             "Connection: close\r\n\r\n%s",
             code, r, code == 405 ? "Allow: GET, HEAD\r\n" : "", strlen(body), body);
    return buf;
}

#define OK_HOME                                                                                    \
    "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"       \
    "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 14\r\n\r\n<h1>home</h1>\n"

static void test_basic(void)
{
    expect("GET /", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", OK_HOME, false);
    CHECK(strcmp(last_opened, "/index.html.gz") == 0, "probed %s", last_opened);
    expect("GET /index.html", "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n", OK_HOME, false);
    CHECK(strcmp(expect_log, "GET /index.html 200 14;") == 0, "log: %s", expect_log);
    expect("HEAD /", "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 14\r\n\r\n",
           false);
    expect("dir index", "GET /dir/ HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 10\r\n\r\ndir index\n",
           false);
    expect("dir redirect", "GET /dir?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 301 Moved Permanently\r\nServer: sel4c\r\n" DATE TEXT
           "Location: /dir/\r\nContent-Length: 22\r\n\r\n301 Moved Permanently\n",
           false);
    expect("dir without index", "GET /empty/ HTTP/1.1\r\nHost: x\r\n\r\n", error_response(404),
           true);
    expect("404", "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n", error_response(404), true);
    CHECK(strcmp(expect_log, "GET /nothing 404 14;") == 0, "log: %s", expect_log);
    expect("500", "GET /broken HTTP/1.1\r\nHost: x\r\n\r\n", error_response(500), true);
    expect("escaped name", "GET /a%20b.txt HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/plain; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 6\r\n\r\nspace\n",
           false);
    expect("empty file", "GET /zero.txt HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/plain; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 0\r\n\r\n",
           false);
    expect("absolute-form", "GET http://example.org/index.html HTTP/1.1\r\nHost: x\r\n\r\n",
           OK_HOME, false);
    expect("wasm type", "HEAD /app.wasm HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: application/wasm\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 4\r\n\r\n",
           false);
}

static void test_versions(void)
{
    expect("HTTP/1.0", "GET / HTTP/1.0\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD
           "Content-Length: 14\r\nConnection: close\r\n\r\n<h1>home</h1>\n",
           true);
    expect("HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD
           "Content-Length: 14\r\nConnection: keep-alive\r\n\r\n<h1>home</h1>\n",
           false);
    expect("HTTP/1.1 close", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD
           "Content-Length: 14\r\nConnection: close\r\n\r\n<h1>home</h1>\n",
           true);
    expect("Upgrade is not followed",
           "GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n"
           "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/html; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD
           "Content-Length: 14\r\nConnection: close\r\n\r\n<h1>home</h1>\n",
           true);
    expect("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", error_response(505), true);
    expect("HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", error_response(505), true);
    expect("HTTP/3.1", "GET / HTTP/3.1\r\nHost: x\r\n\r\n", error_response(505), true);
    expect("no Host", "GET / HTTP/1.1\r\n\r\n", error_response(400), true);
    expect("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", error_response(400), true);
    expect("bare LF", "GET / HTTP/1.1\nHost: x\n\n", error_response(400), true);
    expect("garbage", "\x01\x02\x03 / HTTP/1.1\r\n\r\n", error_response(400), true);
    expect("POST", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab", error_response(405),
           true);
    expect("DELETE", "DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", error_response(405), true);
    expect("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", error_response(405), true);
    CHECK(strcmp(expect_log, "OPTIONS * 405 23 request line: a method other than GET and HEAD;") ==
              0,
          "log: %s", expect_log);
}

static void test_pipelining(void)
{
    char want[2048];
    snprintf(want, sizeof want, "%s%s%s", OK_HOME,
             "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE
             "Content-Type: text/html; charset=utf-8\r\n"
             "Accept-Ranges: bytes\r\n" LASTMOD "Content-Length: 10\r\n\r\ndir index\n",
             error_response(404));
    expect("pipelined",
           "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /dir/ HTTP/1.1\r\nHost: x\r\n\r\n"
           "GET /none HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
           want, true);
    CHECK(strcmp(expect_log,
                 "GET /index.html 200 14;GET /dir/index.html 200 10;GET /none 404 14;") == 0,
          "log: %s", expect_log);
    /* A GET with a small body: read, discarded, and the next request answered. */
    snprintf(want, sizeof want, "%s%s", OK_HOME, OK_HOME);
    expect("GET with body",
           "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\nHost: "
           "x\r\n\r\n",
           want, false);
    expect("GET with chunked body",
           "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
           "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
           want, false);
    /* The peer closes after pipelining: both are answered, then the connection ends. */
    static sink_t s;
    memset(&s, 0, sizeof s);
    s.per_call = 7;
    const char *two = "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n";
    bool done = drive(&s, two, strlen(two), strlen(two), 1, true);
    CHECK(done && strcmp(s.buf, want) == 0, "pipelined then end: %s", s.buf);
}

static void test_smuggling_and_limits(void)
{
    expect("CL and TE",
           "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
           "0\r\n\r\n",
           error_response(400), true);
    expect("TE and CL",
           "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
           "0\r\n\r\n",
           error_response(400), true);
    CHECK(strcmp(expect_log,
                 "GET / 400 16 Content-Length can't be present with Transfer-Encoding;") == 0,
          "log: %s", expect_log);
    expect("two CL",
           "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
           error_response(400), true);
    expect("CL list", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\nab",
           error_response(400), true);
    expect("bad chunk", "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
           error_response(400), true);
    expect("TE not chunked last",
           "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
           error_response(400), true);
    expect("space before colon", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nhello",
           error_response(400), true);
    static const char *const bad_heads[] = {
        "GET / HTTP/1.1\r\nHost: x\r\nX-a: b\r\n c\r\n\r\n", /* obs-fold */
        "GET / HTTP/1.1\r\nHost: x\r\nX-a: b\r\n\tc\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n", /* not chunked */
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",          /* negative */
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n",          /* not a number */
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-a: b\x01c\r\n\r\n", /* control */
        "GET / HTTP/1.1\r\n Host: x\r\n\r\n",               /* leading space */
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;a=\"\x01\"\r\nhello\r\n0\r\n\r\n", /* chunk ext */
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX0\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof bad_heads / sizeof bad_heads[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "bad head %zu", i);
        expect(name, bad_heads[i], error_response(400), true);
    }
    expect("413 length", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n",
           error_response(413), true);
    char req[20000], chunked[3000];
    memset(chunked, 'a', 2000);
    chunked[2000] = '\0';
    snprintf(
        req, sizeof req,
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n%s\r\n0\r\n\r\n",
        chunked);
    CHECK(strcmp(response(req), error_response(413)) == 0, "413 chunked: %s", response(req));
    /* The longest target is taken; one byte more is 414. */
    char uri[SEL4C_HTTP_URI_MAX + 2];
    memset(uri, 'a', sizeof uri);
    uri[0] = '/';
    uri[SEL4C_HTTP_URI_MAX] = '\0';
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", uri);
    CHECK(strcmp(response(req), error_response(404)) == 0, "longest URI: %.40s", response(req));
    uri[SEL4C_HTTP_URI_MAX] = 'a';
    uri[SEL4C_HTTP_URI_MAX + 1] = '\0';
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", uri);
    expect("414", req, error_response(414), true);
    /* Header bytes: 8 KiB in all. */
    char big[SEL4C_HTTP_HEAD_MAX];
    memset(big, 'b', sizeof big);
    big[SEL4C_HTTP_HEAD_MAX - 100] = '\0';
    snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", big);
    CHECK(strncmp(response(req), "HTTP/1.1 200", 12) == 0, "just fits: %.40s", response(req));
    big[SEL4C_HTTP_HEAD_MAX - 100] = 'b';
    big[SEL4C_HTTP_HEAD_MAX - 1] = '\0';
    snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", big);
    CHECK(strcmp(response(req), error_response(431)) == 0, "431 bytes: %.40s", response(req));
    /* Number of fields. */
    size_t n = (size_t)snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < SEL4C_HTTP_HEADERS_MAX - 1; i++) {
        n += (size_t)snprintf(req + n, sizeof req - n, "X-%d: y\r\n", i);
    }
    snprintf(req + n, sizeof req - n, "\r\n");
    CHECK(strncmp(response(req), "HTTP/1.1 200", 12) == 0, "64 fields: %.40s", response(req));
    snprintf(req + n, sizeof req - n, "X-last: y\r\n\r\n");
    CHECK(strcmp(response(req), error_response(431)) == 0, "65 fields: %.40s", response(req));
    /* A field the server reads, longer than it keeps. */
    memset(big, 'r', 300);
    big[300] = '\0';
    snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: x\r\nRange: %s\r\n\r\n", big);
    CHECK(strcmp(response(req), error_response(431)) == 0, "long Range: %.40s", response(req));
}

static void test_paths(void)
{
    static const char *const bad[] = {
        "/../index.html",
        "/%2e%2e/index.html",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/dir/../../x",
        "/a%2fb",
        "/a%2Fb",
        "/index.html%00.txt",
        "/a%5cb",
        "/a\\b",
        "/%0aa",
        "/%7f",
        "/%zz",
        "/%2",
        "index.html",
        "/..",
        "/dir/%2e%2e/%2e%2e",
    };
    char req[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", bad[i]);
        const char *got = response(req);
        CHECK(strcmp(got, error_response(400)) == 0, "%s: %.30s", bad[i], got);
    }
    static const char *const good[] = {
        "//index.html",           "/./index.html",          "/dir/../index.html",
        "/%69ndex.html",          "/dir/%2e%2e/index.html", "///dir/./..//index.html",
        "/index.html?a=/../..#x",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", good[i]);
        const char *got = response(req);
        CHECK(strcmp(got, OK_HOME) == 0, "%s: %.30s", good[i], got);
    }
    /* The normaliser alone. */
    char out[HTTP_PATH_MAX];
    size_t len;
    const char *why = NULL;
    CHECK(http_path_normalise("/a/../..", 8, out, sizeof out, &len, &why) == 400 && why != NULL &&
              strcmp(why, "path: '..' climbs above the site root") == 0,
          "why: %s", why);
    CHECK(http_path_normalise("/a/./b//c/", 10, out, sizeof out, &len, &why) == 0 &&
              strcmp(out, "/a/b/c/") == 0 && len == 7,
          "normalise: %s", out);
    CHECK(http_path_normalise("/a/b/..", 7, out, sizeof out, &len, &why) == 0 &&
              strcmp(out, "/a/") == 0,
          "normalise ..: %s", out);
    CHECK(http_path_normalise("http://h", 8, out, sizeof out, &len, &why) == 0 &&
              strcmp(out, "/") == 0,
          "absolute without path: %s", out);
    CHECK(http_path_encode("/a b/%/\xc3\xa9/", out, sizeof out) > 0 &&
              strcmp(out, "/a%20b/%25/%C3%A9/") == 0,
          "encode: %s", out);
    /* A redirect's Location is encoded. */
    site[4].path = "/e mpty";
    const char *got = response("GET /e%20mpty HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(strstr(got, "\r\nLocation: /e%20mpty/\r\n") != NULL, "Location: %s", got);
    site[4].path = "/empty";
}

static void test_conditional_and_ranges(void)
{
    expect("304",
           "GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT\r\n\r\n",
           "HTTP/1.1 304 Not Modified\r\nServer: sel4c\r\n" DATE LASTMOD "\r\n", false);
    const char *r = response(
        "GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sunday, 09-Sep-01 01:46:41 GMT\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 304", 12) == 0, "304 (RFC 850): %.20s", r);
    r = response(
        "GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun Sep  9 01:46:40 2001\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 304", 12) == 0, "304 (asctime): %.20s", r);
    r = response(
        "GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 09 Sep 2001 01:46:39 GMT\r\n\r\n");
    CHECK(strcmp(r, OK_HOME) == 0, "modified since: %.20s", r);
    r = response("GET / HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: yesterday\r\n\r\n");
    CHECK(strcmp(r, OK_HOME) == 0, "bad date ignored: %.20s", r);
    r = response("GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"x\"\r\n"
                 "If-Modified-Since: Sun, 09 Sep 2001 01:46:40 GMT\r\n\r\n");
    CHECK(strcmp(r, OK_HOME) == 0, "If-None-Match wins: %.20s", r);

    expect("206", "GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=10-14\r\n\r\n",
           "HTTP/1.1 206 Partial Content\r\nServer: sel4c\r\n" DATE
           "Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\n" LASTMOD
           "Content-Range: bytes 10-14/100\r\nContent-Length: 5\r\n\r\n\x0a\x0b\x0c\x0d\x0e",
           false);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=-3\r\n\r\n");
    CHECK(strstr(r, "Content-Range: bytes 97-99/100\r\nContent-Length: 3\r\n\r\n\x61\x62\x63") !=
              NULL,
          "suffix: %s", r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=98-\r\n\r\n");
    CHECK(strstr(r, "Content-Range: bytes 98-99/100\r\nContent-Length: 2\r\n") != NULL, "open: %s",
          r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=90-1000\r\n\r\n");
    CHECK(strstr(r, "Content-Range: bytes 90-99/100\r\n") != NULL, "clamped: %s", r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=-1000\r\n\r\n");
    CHECK(strstr(r, "Content-Range: bytes 0-99/100\r\n") != NULL, "suffix over: %s", r);
    expect("416", "GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=100-\r\n\r\n",
           "HTTP/1.1 416 Range Not Satisfiable\r\nServer: sel4c\r\n" DATE TEXT
           "Content-Range: bytes */100\r\nContent-Length: 26\r\nConnection: close\r\n\r\n"
           "416 Range Not Satisfiable\n",
           true);
    r = response(
        "GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999999999999999999-\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 416", 12) == 0, "huge first: %.20s", r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=-0\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 416", 12) == 0, "-0: %.20s", r);
    static const char *const whole[] = {
        "bytes=0-1,5-6", "bytes=5-1", "items=0-1", "bytes=", "bytes=-", "bytes=a-b", "bytes=1-2x"};
    char req[256];
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        snprintf(req, sizeof req, "GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: %s\r\n\r\n",
                 whole[i]);
        r = response(req);
        CHECK(strstr(r, "HTTP/1.1 200 OK\r\n") == r && strstr(r, "Content-Length: 100\r\n"),
              "%s: %.20s", whole[i], r);
    }
    r = response("HEAD /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 200", 12) == 0, "HEAD ignores Range: %.20s", r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\n"
                 "If-Range: Sun, 09 Sep 2001 01:46:40 GMT\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 206", 12) == 0, "If-Range current: %.20s", r);
    r = response("GET /data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\n"
                 "If-Range: Sun, 09 Sep 2001 01:46:41 GMT\r\n\r\n");
    CHECK(strncmp(r, "HTTP/1.1 200", 12) == 0, "If-Range stale: %.20s", r);
}

static void test_gzip(void)
{
    expect("gzip", "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip;q=0.5\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/css; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
           "Content-Length: 6\r\n\r\nGZDATA",
           false);
    expect("no gzip", "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n",
           "HTTP/1.1 200 OK\r\nServer: sel4c\r\n" DATE "Content-Type: text/css; charset=utf-8\r\n"
           "Accept-Ranges: bytes\r\n" LASTMOD "Vary: Accept-Encoding\r\n"
           "Content-Length: 7\r\n\r\nbody{}\n",
           false);
    const char *r =
        response("GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0\r\n\r\n");
    CHECK(strstr(r, "Content-Encoding") == NULL, "q=0: %s", r);
    r = response("GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: *\r\n\r\n");
    CHECK(strstr(r, "Content-Encoding: gzip") != NULL, "*: %s", r);
    r = response("GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: *, gzip;q=0.000\r\n\r\n");
    CHECK(strstr(r, "Content-Encoding") == NULL, "* but not gzip: %s", r);
    r = response("GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: GZIP ; Q=1\r\n\r\n");
    CHECK(strstr(r, "Content-Encoding: gzip") != NULL, "case: %s", r);
    r = response(
        "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nRange: bytes=0-1\r\n\r\n");
    CHECK(strstr(r, "Content-Range: bytes 0-1/6\r\nContent-Length: 2\r\n\r\nGZ") != NULL,
          "range of gzip: %s", r);
    r = response("GET /style.css.gz HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(strstr(r, "Content-Type: application/gzip\r\n") != NULL, "the .gz itself: %s", r);
}

static void test_deadlines_and_failures(void)
{
    static sel4c_http_conn_storage_t mem;
    static sink_t s;
    sel4c_http_conn_t *c;
    sel4c_http_sink_t sink = {sink_write, &s};
    memset(&s, 0, sizeof s);
    clock_now = 5000;
    CHECK(sel4c_http_conn_init(&mem, &server, &sink, &c) == SEL4C_HTTP_OK, "init");
    CHECK(sel4c_http_conn_deadline(c) == 7000, "idle deadline %llu",
          (unsigned long long)sel4c_http_conn_deadline(c));
    /* Slowloris: a byte every 100 ms keeps nothing alive past the head deadline. */
    const char *slow = "GET / HTTP/1.1\r\nHost: x\r\nX-a: b\r\n";
    clock_now = 5500;
    log_text[0] = '\0';
    bool closed = false;
    for (size_t i = 0; slow[i] && !closed; i++) {
        CHECK(sel4c_http_conn_input(c, slow + i, 1) == 1, "byte taken");
        clock_now += 100;
        closed = sel4c_http_conn_tick(c, clock_now);
    }
    CHECK(closed && sel4c_http_conn_done(c) && s.len == 0, "slowloris closed at %llu, sent %zu",
          (unsigned long long)clock_now, s.len);
    CHECK(strcmp(log_text,
                 "GET / 408 0 deadline: the request did not arrive within head_timeout_ms;") == 0,
          "slowloris log: %s", log_text);
    CHECK(clock_now >= 6500 && clock_now < 6700, "closed at %llu", (unsigned long long)clock_now);
    sel4c_http_conn_fini(c);

    /* Idle keep-alive. */
    CHECK(sel4c_http_conn_init(&mem, &server, &sink, &c) == SEL4C_HTTP_OK, "init");
    const char *req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    CHECK(sel4c_http_conn_input(c, req, strlen(req)) == strlen(req), "taken");
    CHECK(!sel4c_http_conn_tick(c, clock_now + 1999), "idle early");
    CHECK(sel4c_http_conn_tick(c, clock_now + 2000), "idle timeout");
    sel4c_http_conn_fini(c);

    /* A sink that never takes: the send deadline. */
    memset(&s, 0, sizeof s);
    s.per_call = 0;
    CHECK(sel4c_http_conn_init(&mem, &server, &sink, &c) == SEL4C_HTTP_OK, "init");
    s.refuse = true;
    s.refused_last = false;
    CHECK(sel4c_http_conn_input(c, req, strlen(req)) == strlen(req), "taken");
    CHECK(!sel4c_http_conn_wants_input(c), "responding");
    CHECK(sel4c_http_conn_input(c, req, strlen(req)) == 0, "no input while responding");
    CHECK(!sel4c_http_conn_tick(c, clock_now + 2999), "send early");
    CHECK(sel4c_http_conn_tick(c, clock_now + 3000) && open_files == 0, "send timeout");
    sel4c_http_conn_fini(c);

    /* File source: EAGAIN resumes on output; a short file ends the connection. */
    memset(&s, 0, sizeof s);
    CHECK(sel4c_http_conn_init(&mem, &server, &sink, &c) == SEL4C_HTTP_OK, "init");
    read_blocked = true;
    CHECK(sel4c_http_conn_input(c, req, strlen(req)) == strlen(req), "taken");
    CHECK(!sel4c_http_conn_wants_input(c) && strstr(s.buf, "\r\n\r\n") != NULL &&
              strstr(s.buf, "<h1>") == NULL,
          "the head goes out, the body waits for the file: %s", s.buf);
    sel4c_http_conn_output(c);
    CHECK(!sel4c_http_conn_wants_input(c) && strstr(s.buf, "<h1>") == NULL, "still waiting");
    read_blocked = false;
    sel4c_http_conn_output(c);
    CHECK(strcmp(s.buf, OK_HOME) == 0 && sel4c_http_conn_wants_input(c), "resumed: %s", s.buf);
    sel4c_http_conn_fini(c);
    memset(&s, 0, sizeof s);
    CHECK(sel4c_http_conn_init(&mem, &server, &sink, &c) == SEL4C_HTTP_OK, "init");
    read_short = true;
    CHECK(sel4c_http_conn_input(c, req, strlen(req)) == strlen(req), "taken");
    read_short = false;
    CHECK(sel4c_http_conn_done(c) && open_files == 0, "short file ends the connection");
    sel4c_http_conn_fini(c);

    /* Bad arguments. */
    sel4c_http_server_t no_clock = server;
    no_clock.clock_ms = NULL;
    CHECK(sel4c_http_conn_init(&mem, &no_clock, &sink, &c) == SEL4C_HTTP_EINVAL, "no clock");
    CHECK(sel4c_http_conn_init(NULL, &server, &sink, &c) == SEL4C_HTTP_EINVAL, "no memory");
    CHECK(strcmp(sel4c_http_strerror(SEL4C_HTTP_ENOENT), "SEL4C_HTTP_ENOENT") == 0, "strerror");
}

static void test_helpers(void)
{
    char d[30];
    http_date_format(784111777, d);
    CHECK(strcmp(d, "Sun, 06 Nov 1994 08:49:37 GMT") == 0, "date %s", d);
    http_date_format(0, d);
    CHECK(strcmp(d, "Thu, 01 Jan 1970 00:00:00 GMT") == 0, "epoch %s", d);
    http_date_format(951782400, d); /* a leap day */
    CHECK(strcmp(d, "Tue, 29 Feb 2000 00:00:00 GMT") == 0, "leap %s", d);
    /* Every day of 1900..2100 round-trips. */
    for (int64_t t = -2208988800; t < 4133980800; t += 86400 + 3661) {
        int64_t back;
        http_date_format(t, d);
        if (!http_date_parse(d, 29, &back) || back != t) {
            CHECK(0, "round trip %lld: %s", (long long)t, d);
            break;
        }
    }
    int64_t t;
    CHECK(!http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT ", 30, &t), "trailing space");
    CHECK(!http_date_parse("Sun, 06 Nov 1994 25:49:37 GMT", 29, &t), "hour 25");
    CHECK(!http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT", 29, &t), "month");
    CHECK(!http_date_parse("Thu, 31 Apr 1994 08:49:37 GMT", 29, &t), "31 April");
    CHECK(!http_date_parse("Tue, 29 Feb 2100 08:49:37 GMT", 29, &t), "29 February 2100");
    CHECK(http_date_parse("Tue, 29 Feb 2000 08:49:37 GMT", 29, &t) && t == 951814177, "leap day");
    CHECK(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", 30, &t) && t == 784111777, "RFC 850");
    CHECK(http_date_parse("Sun Nov  6 08:49:37 1994", 24, &t) && t == 784111777, "asctime");
    CHECK(http_date_parse("Sun, 06 Nov 1994 08:49:60 GMT", 29, &t) && t == 784111799, "leap s");
    CHECK(strcmp(sel4c_http_mime_type("/a/b.PNG"), "image/png") == 0, "png");
    CHECK(strcmp(sel4c_http_mime_type("/a.b/c"), "application/octet-stream") == 0, "no ext");
    CHECK(strcmp(sel4c_http_mime_type("/f.woff2"), "font/woff2") == 0, "woff2");
    CHECK(strcmp(sel4c_http_mime_type("/f.svg"), "image/svg+xml") == 0, "svg");
}

int main(void)
{
    for (size_t i = 0; i < sizeof bin; i++) {
        bin[i] = (char)i;
    }
    test_helpers();
    test_basic();
    test_versions();
    test_pipelining();
    test_smuggling_and_limits();
    test_paths();
    test_conditional_and_ranges();
    test_gzip();
    test_deadlines_and_failures();
    printf("http core: %s (%d failures)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
