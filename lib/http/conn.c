/*
 * One HTTP/1.1 connection: llhttp parses the bytes; the callbacks copy the few parts the server
 * uses into fixed buffers and enforce the limits; a completed request pauses the parser, so
 * the response is written (and pipelined requests wait, unread) before the next is parsed.
 */
#include "http_internal.h"
#include <llhttp.h>
#include <string.h>

typedef enum conn_state {
    CONN_READ,    /* parsing a request (or waiting for one) */
    CONN_RESPOND, /* writing a response; input waits */
    CONN_DONE,    /* nothing more to send: the transport closes */
} conn_state_t;

/* The request fields the server reads; the others are only counted. */
enum field { F_HOST, F_RANGE, F_IF_MODIFIED_SINCE, F_IF_NONE_MATCH, F_IF_RANGE, F_ACCEPT, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "host", "range", "if-modified-since", "if-none-match", "if-range", "accept-encoding",
};

struct sel4c_http_conn {
    llhttp_t parser;
    const sel4c_http_server_t *srv;
    sel4c_http_sink_t sink;
    conn_state_t state;

    /* The request being read. */
    bool in_message;  /* its first byte arrived */
    bool url_done;    /* its method and target were read */
    bool head_done;   /* its head was read */
    bool close_after; /* the connection ends after its response */
    int error_status; /* set by a callback that stopped the parser */
    const char *why;  /* why the request was refused or cut off, for the log */
    size_t head_bytes;
    unsigned header_count;
    uint64_t body_bytes;
    int cur_field;                     /* the field whose value is being read, or -1 */
    bool value_open;                   /* a span of the current value was seen */
    bool value_ended_early;            /* ... and it ended before the end of its execute's bytes */
    const char *exec_start, *exec_end; /* the bytes of the current llhttp_execute */
    size_t name_len;
    char name[24];
    size_t uri_len;
    char uri[SEL4C_HTTP_URI_MAX + 1];
    bool seen[F_COUNT];
    uint16_t field_len[F_COUNT];
    char fields[F_COUNT][SEL4C_HTTP_FIELD_MAX];

    /* Deadlines' starting points (clock_ms). */
    uint64_t msg_start, idle_start, send_progress;

    /* The response being written: out[out_pos..out_len) is pending, then body_left bytes of
     * `file` from body_off. */
    int status;
    bool path_valid;
    bool file_open;
    void *file;
    uint64_t body_off, body_left;
    uint64_t sent, head_len;
    size_t out_pos, out_len;
    char out[SEL4C_HTTP_OUT_SIZE];
    char path[HTTP_PATH_MAX];
};

_Static_assert(sizeof(struct sel4c_http_conn) <= SEL4C_HTTP_CONN_SIZE,
               "SEL4C_HTTP_CONN_SIZE is too small for struct sel4c_http_conn");
_Static_assert(_Alignof(struct sel4c_http_conn) <= _Alignof(sel4c_http_conn_storage_t),
               "sel4c_http_conn_storage_t is not aligned enough");

const char *sel4c_http_strerror(sel4c_http_err_t err)
{
    static const char *const names[] = {
        "SEL4C_HTTP_OK",  "SEL4C_HTTP_EINVAL", "SEL4C_HTTP_ENOENT",
        "SEL4C_HTTP_EIO", "SEL4C_HTTP_EAGAIN",
    };
    return (unsigned)err < sizeof names / sizeof names[0] ? names[err] : "unknown error";
}

static uint64_t now(const sel4c_http_conn_t *c)
{
    return c->srv->clock_ms(c->srv->time_ctx);
}

static uint32_t timeout(uint32_t value, uint32_t fallback)
{
    return value != 0 ? value : fallback;
}

/* ---- llhttp callbacks: copy what is used, enforce the limits ---- */

static sel4c_http_conn_t *conn_of(llhttp_t *p)
{
    return p->data;
}

/* Stops the parser; the request gets `status`, and the log `why`. */
static int stop(sel4c_http_conn_t *c, int status, const char *why)
{
    c->error_status = status;
    c->why = why;
    return -1;
}

static int on_message_begin(llhttp_t *p)
{
    sel4c_http_conn_t *c = conn_of(p);
    c->in_message = true;
    c->url_done = false;
    c->error_status = 0;
    c->header_count = 0;
    c->body_bytes = 0;
    c->cur_field = -1;
    c->name_len = 0;
    c->uri_len = 0;
    c->uri[0] = '\0';
    c->path_valid = false;
    c->why = NULL;
    c->sent = c->head_len = 0;
    memset(c->seen, 0, sizeof c->seen);
    memset(c->field_len, 0, sizeof c->field_len);
    c->msg_start = now(c);
    return 0;
}

static int on_url(llhttp_t *p, const char *at, size_t len)
{
    sel4c_http_conn_t *c = conn_of(p);
    if (len > SEL4C_HTTP_URI_MAX - c->uri_len) {
        return stop(c, 414, "request target longer than SEL4C_HTTP_URI_MAX");
    }
    memcpy(c->uri + c->uri_len, at, len);
    c->uri_len += len;
    c->uri[c->uri_len] = '\0';
    return 0;
}

static int on_url_complete(llhttp_t *p)
{
    conn_of(p)->url_done = true;
    return 0;
}

static int on_header_field(llhttp_t *p, const char *at, size_t len)
{
    sel4c_http_conn_t *c = conn_of(p);
    if (c->name_len < sizeof c->name) {
        size_t n = sizeof c->name - c->name_len;
        memcpy(c->name + c->name_len, at, len < n ? len : n);
    }
    c->name_len += len;
    return 0;
}

static int on_header_field_complete(llhttp_t *p)
{
    sel4c_http_conn_t *c = conn_of(p);
    if (++c->header_count > SEL4C_HTTP_HEADERS_MAX) {
        return stop(c, 431, "more header fields than SEL4C_HTTP_HEADERS_MAX");
    }
    c->cur_field = -1;
    c->value_open = false;
    for (int f = 0; f < F_COUNT && c->name_len <= sizeof c->name; f++) {
        if (http_token_eq(c->name, c->name_len, field_names[f])) {
            c->cur_field = f;
        }
    }
    c->name_len = 0;
    int f = c->cur_field;
    if (f >= 0 && c->seen[f]) {
        /* RFC 9112 3.2: more than one Host is a bad request. Other repeated fields are lists:
         * joined with ", " (a repeated Range or date then fails to parse and is ignored). */
        if (f == F_HOST) {
            return stop(c, 400, "Host field: more than one");
        }
        if (c->field_len[f] + 2 > SEL4C_HTTP_FIELD_MAX) {
            return stop(c, 431, "a field the server reads is longer than SEL4C_HTTP_FIELD_MAX");
        }
        memcpy(c->fields[f] + c->field_len[f], ", ", 2);
        c->field_len[f] += 2;
    }
    return 0;
}

static int on_header_value(llhttp_t *p, const char *at, size_t len)
{
    sel4c_http_conn_t *c = conn_of(p);
    /* llhttp takes an obs-fold (a value going on after a line break and a space) as a second
     * span of the same value. A value cut only by the end of the input ends at the end of one
     * execute's bytes and goes on at the start of the next; any other second span is a fold,
     * refused as RFC 9112 5.2 allows: a value read differently behind a proxy is how requests
     * are smuggled. */
    if (c->value_open && (c->value_ended_early || at != c->exec_start)) {
        return stop(c, 400, "header field value: obs-fold (a line break in the value)");
    }
    c->value_open = true;
    c->value_ended_early = at + len != c->exec_end;
    int f = c->cur_field;
    if (f < 0) {
        return 0;
    }
    if (len > (size_t)(SEL4C_HTTP_FIELD_MAX - c->field_len[f])) {
        return stop(c, 431, "a field the server reads is longer than SEL4C_HTTP_FIELD_MAX");
    }
    memcpy(c->fields[f] + c->field_len[f], at, len);
    c->field_len[f] = (uint16_t)(c->field_len[f] + len);
    return 0;
}

static int on_header_value_complete(llhttp_t *p)
{
    sel4c_http_conn_t *c = conn_of(p);
    if (c->cur_field >= 0) {
        c->seen[c->cur_field] = true;
    }
    c->cur_field = -1;
    return 0;
}

static int on_headers_complete(llhttp_t *p)
{
    sel4c_http_conn_t *c = conn_of(p);
    c->head_done = true;
    if (p->http_major != 1 || p->http_minor > 1) {
        return stop(c, 505, "request line: an HTTP version other than 1.0 and 1.1");
    }
    if (p->http_minor == 1 && !c->seen[F_HOST]) {
        /* RFC 9112 3.2: HTTP/1.1 requests name their host */
        return stop(c, 400, "Host field: missing from an HTTP/1.1 request");
    }
    if (p->method != HTTP_GET && p->method != HTTP_HEAD) {
        return stop(c, 405, "request line: a method other than GET and HEAD");
    }
    if ((p->flags & F_CONTENT_LENGTH) && p->content_length > SEL4C_HTTP_BODY_MAX) {
        return stop(c, 413, "Content-Length: a body over SEL4C_HTTP_BODY_MAX");
    }
    c->close_after = !llhttp_should_keep_alive(p);
    return 0;
}

static int on_body(llhttp_t *p, const char *at, size_t len)
{
    (void)at;
    sel4c_http_conn_t *c = conn_of(p);
    c->body_bytes += len;
    return c->body_bytes > SEL4C_HTTP_BODY_MAX
               ? stop(c, 413, "chunked body: over SEL4C_HTTP_BODY_MAX")
               : 0;
}

static int on_message_complete(llhttp_t *p)
{
    sel4c_http_conn_t *c = conn_of(p);
    c->in_message = false;
    if (p->upgrade) {
        /* An Upgrade (or CONNECT) is answered as a plain request, and the bytes after it are
         * not HTTP/1 any more: the connection ends after the response. */
        c->close_after = true;
    }
    return HPE_PAUSED; /* answer it before reading on */
}

static const llhttp_settings_t settings = {
    .on_message_begin = on_message_begin,
    .on_url = on_url,
    .on_url_complete = on_url_complete,
    .on_header_field = on_header_field,
    .on_header_field_complete = on_header_field_complete,
    .on_header_value = on_header_value,
    .on_header_value_complete = on_header_value_complete,
    .on_headers_complete = on_headers_complete,
    .on_body = on_body,
    .on_message_complete = on_message_complete,
};

/* ---- writing the response head ---- */

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 505: return "HTTP Version Not Supported";
    default: return "Internal Server Error";
    }
}

/* Appenders to out[]. Every head fits: the longest, a redirect, has its Location bounded
 * where it is encoded (in the upper half of out[], hence memmove). */
static void put(sel4c_http_conn_t *c, const char *s)
{
    size_t len = strlen(s);
    if (len > sizeof c->out - c->out_len) {
        len = sizeof c->out - c->out_len;
    }
    memmove(c->out + c->out_len, s, len);
    c->out_len += len;
}

static void put_u64(sel4c_http_conn_t *c, uint64_t v)
{
    char digits[21];
    size_t i = sizeof digits - 1;
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    put(c, digits + i);
}

static void put_date(sel4c_http_conn_t *c, const char *name, int64_t t)
{
    char date[30];
    http_date_format(t, date);
    put(c, name);
    put(c, date);
    put(c, "\r\n");
}

static void begin_head(sel4c_http_conn_t *c, int status)
{
    c->status = status;
    c->out_pos = c->out_len = 0;
    c->sent = 0;
    c->body_left = 0;
    put(c, "HTTP/1.1 ");
    put_u64(c, (uint64_t)status);
    put(c, " ");
    put(c, reason(status));
    put(c, "\r\nServer: sel4c\r\n");
    if (c->srv->wall_time != NULL) {
        put_date(c, "Date: ", c->srv->wall_time(c->srv->time_ctx));
    }
}

/* Ends the head: Connection, the blank line; `length` is the Content-Length (none: -1). */
static void end_head(sel4c_http_conn_t *c, int64_t length)
{
    if (length >= 0) {
        put(c, "Content-Length: ");
        put_u64(c, (uint64_t)length);
        put(c, "\r\n");
    }
    if (c->close_after) {
        put(c, "Connection: close\r\n");
    } else if (c->parser.http_minor == 0) {
        put(c, "Connection: keep-alive\r\n"); /* HTTP/1.0 keeps it only when told */
    }
    put(c, "\r\n");
    c->head_len = c->out_len;
}

/* ---- sending ---- */

static void log_request(sel4c_http_conn_t *c, int status)
{
    if (c->srv->log == NULL) {
        return;
    }
    sel4c_http_log_entry_t e = {
        .method = c->url_done ? llhttp_method_name((llhttp_method_t)c->parser.method) : "-",
        .path = c->path_valid    ? c->path
                : c->uri_len > 0 ? c->uri
                                 : "-",
        .status = status,
        .bytes = c->sent > c->head_len ? c->sent - c->head_len : 0,
        .duration_ms = now(c) - c->msg_start,
        .error = c->why,
    };
    c->srv->log(c->srv->log_ctx, &e);
}

static void close_file(sel4c_http_conn_t *c)
{
    if (c->file_open) {
        c->file_open = false;
        c->srv->files.close(c->srv->files.ctx, c->file);
    }
}

/* Ends the connection at once (a failure or a timeout): no more bytes are sent. */
static void abandon(sel4c_http_conn_t *c, int status, const char *why)
{
    c->why = why;
    if (c->state == CONN_RESPOND || c->in_message) {
        log_request(c, status);
    }
    close_file(c);
    c->in_message = false;
    c->state = CONN_DONE;
}

/* The response was handed to the sink: wait for the next request, or end. */
static void finish(sel4c_http_conn_t *c)
{
    close_file(c);
    log_request(c, c->status);
    if (c->close_after) {
        c->state = CONN_DONE;
        return;
    }
    c->state = CONN_READ;
    c->in_message = false;
    c->head_done = false;
    c->head_bytes = 0;
    c->idle_start = now(c);
    llhttp_resume(&c->parser);
}

/* Writes what the sink takes, reading file content as it goes. */
static void pump(sel4c_http_conn_t *c)
{
    while (c->state == CONN_RESPOND) {
        if (c->out_pos == c->out_len) {
            c->out_pos = c->out_len = 0;
        }
        bool waiting = false;
        if (c->body_left > 0 && c->out_pos == 0 && c->out_len < sizeof c->out) {
            size_t want = sizeof c->out - c->out_len;
            if (want > c->body_left) {
                want = (size_t)c->body_left;
            }
            long r = c->srv->files.read(c->srv->files.ctx, c->file, c->body_off,
                                        c->out + c->out_len, want);
            if (r == -SEL4C_HTTP_EAGAIN) {
                waiting = true;
            } else if (r <= 0 || (size_t)r > want) {
                /* The length was promised: the only way to tell the client is to stop. */
                abandon(c, c->status, "file source: read failed or the file shrank");
                return;
            } else {
                c->out_len += (size_t)r;
                c->body_off += (uint64_t)r;
                c->body_left -= (uint64_t)r;
            }
        }
        if (c->out_pos < c->out_len) {
            size_t n = c->sink.write(c->sink.ctx, c->out + c->out_pos, c->out_len - c->out_pos);
            if (n == 0) {
                return;
            }
            if (n > c->out_len - c->out_pos) {
                n = c->out_len - c->out_pos;
            }
            c->out_pos += n;
            c->sent += n;
            c->send_progress = now(c);
            continue;
        }
        if (waiting) {
            return;
        }
        if (c->body_left == 0) {
            finish(c);
        }
    }
}

static void start_sending(sel4c_http_conn_t *c)
{
    c->state = CONN_RESPOND;
    c->send_progress = now(c);
    pump(c);
}

/* A response with a short text body: errors and redirects. */
static void respond_text(sel4c_http_conn_t *c, int status, const char *extra_name,
                         const char *extra_value)
{
    static const char type[] = "Content-Type: text/plain; charset=utf-8\r\n";
    char body[48];
    size_t n = 0;
    body[n++] = (char)('0' + status / 100);
    body[n++] = (char)('0' + status / 10 % 10);
    body[n++] = (char)('0' + status % 10);
    body[n++] = ' ';
    for (const char *r = reason(status); *r && n < sizeof body - 2; r++) {
        body[n++] = *r;
    }
    body[n++] = '\n';
    body[n] = '\0';
    if (status >= 400) {
        c->close_after = true; /* the rest of the stream cannot be trusted */
    }
    begin_head(c, status);
    put(c, type);
    if (extra_name != NULL) {
        put(c, extra_name);
        put(c, extra_value);
        put(c, "\r\n");
    }
    end_head(c, (int64_t)n);
    bool head_only = c->url_done && c->parser.method == HTTP_HEAD;
    if (!head_only) {
        put(c, body);
    }
    start_sending(c);
}

static void fail(sel4c_http_conn_t *c, int status, const char *why)
{
    c->why = why;
    close_file(c);
    if (status == 405) {
        respond_text(c, 405, "Allow: ", "GET, HEAD");
    } else {
        respond_text(c, status, NULL, NULL);
    }
}

/* The status of a request llhttp stopped on, and (in c->why) the reason. */
static int status_of_parse_error(sel4c_http_conn_t *c, llhttp_errno_t e)
{
    if (c->error_status != 0) {
        return c->error_status;
    }
    c->why = llhttp_get_error_reason(&c->parser);
    if (e == HPE_INVALID_VERSION || e == HPE_PAUSED_H2_UPGRADE) {
        return 505;
    }
    return 400;
}

/* Opens `path` as a regular file; ENOENT for directories. */
static sel4c_http_err_t open_file(sel4c_http_conn_t *c, const char *path, void **file,
                                  sel4c_http_stat_t *st)
{
    const sel4c_http_files_t *fs = &c->srv->files;
    sel4c_http_err_t err = fs->open(fs->ctx, path, file, st);
    if (err == SEL4C_HTTP_OK && st->is_dir) {
        fs->close(fs->ctx, *file);
        return SEL4C_HTTP_ENOENT;
    }
    return err;
}

static const char *field(sel4c_http_conn_t *c, int f, size_t *len)
{
    *len = c->field_len[f];
    return c->seen[f] ? c->fields[f] : NULL;
}

/* Answers a complete GET or HEAD request. */
static void respond(sel4c_http_conn_t *c)
{
    const sel4c_http_files_t *fs = &c->srv->files;
    size_t plen;
    const char *why;
    int status = http_path_normalise(c->uri, c->uri_len, c->path, sizeof c->path, &plen, &why);
    if (status != 0) {
        fail(c, status, why);
        return;
    }
    c->path_valid = true;
    sel4c_http_stat_t st;
    void *file;
    sel4c_http_err_t err;
    if (c->path[plen - 1] == '/') {
        /* A directory's page is its index.html; the file source never sees a final '/'. */
        memcpy(c->path + plen, "index.html", sizeof "index.html");
        plen += sizeof "index.html" - 1;
        err = open_file(c, c->path, &file, &st);
    } else {
        err = fs->open(fs->ctx, c->path, &file, &st);
        if (err == SEL4C_HTTP_OK && st.is_dir) {
            /* Relative links in the index resolve against the directory only with its '/'. */
            fs->close(fs->ctx, file);
            char *location = c->out + sizeof c->out / 2;
            c->path[plen] = '/';
            c->path[plen + 1] = '\0';
            if (http_path_encode(c->path, location, sizeof c->out / 2 - 64) == 0) {
                fail(c, 414, "redirect: the encoded Location does not fit");
                return;
            }
            respond_text(c, 301, "Location: ", location);
            return;
        }
    }
    if (err != SEL4C_HTTP_OK) {
        fail(c, err == SEL4C_HTTP_ENOENT ? 404 : 500,
             err == SEL4C_HTTP_ENOENT ? NULL : "file source: open failed");
        return;
    }
    c->file = file;
    c->file_open = true;

    /* A precompressed sibling: served to clients that take gzip; its presence varies the
     * response by Accept-Encoding for every client. */
    bool vary = false, gzip = false;
    memcpy(c->path + plen, ".gz", sizeof ".gz");
    sel4c_http_stat_t gz_st;
    void *gz;
    if (open_file(c, c->path, &gz, &gz_st) == SEL4C_HTTP_OK) {
        size_t ae_len;
        const char *ae = field(c, F_ACCEPT, &ae_len);
        vary = true;
        if (ae != NULL && http_accepts_gzip(ae, ae_len)) {
            close_file(c);
            c->file = gz;
            c->file_open = true;
            st = gz_st;
            gzip = true;
        } else {
            fs->close(fs->ctx, gz);
        }
    }
    c->path[plen] = '\0';

    /* If-Modified-Since, unless If-None-Match is there (RFC 9110 13.1.3): no entity tags
     * here, so If-None-Match never matches and the full response goes out. */
    size_t len;
    const char *v = field(c, F_IF_MODIFIED_SINCE, &len);
    int64_t since;
    bool not_modified = v != NULL && !c->seen[F_IF_NONE_MATCH] && http_date_parse(v, len, &since) &&
                        st.mtime <= since;

    uint64_t first = 0, count = st.size;
    status = not_modified ? 304 : 200;
    v = field(c, F_RANGE, &len);
    if (!not_modified && v != NULL && c->parser.method == HTTP_GET) {
        /* If-Range with a date: the range only if the file is still that version. */
        size_t ir_len;
        const char *ir = field(c, F_IF_RANGE, &ir_len);
        int64_t ir_date;
        bool current = ir == NULL || (http_date_parse(ir, ir_len, &ir_date) && ir_date == st.mtime);
        http_range_result_t r =
            current ? http_range_parse(v, len, st.size, &first, &count) : HTTP_RANGE_NONE;
        if (r == HTTP_RANGE_UNSATISFIABLE) {
            char size[24], *p = size + sizeof size - 1;
            uint64_t s = st.size;
            *p = '\0';
            do {
                *--p = (char)('0' + s % 10);
                s /= 10;
            } while (s != 0);
            char range[40] = "bytes */";
            memcpy(range + 8, p, (size_t)(size + sizeof size - p));
            close_file(c);
            c->why = "Range: starts past the end of the file";
            respond_text(c, 416, "Content-Range: ", range);
            return;
        }
        if (r == HTTP_RANGE_OK) {
            status = 206;
        } else {
            first = 0;
            count = st.size;
        }
    }

    begin_head(c, status);
    if (status != 304) {
        put(c, "Content-Type: ");
        put(c, sel4c_http_mime_type(c->path));
        put(c, "\r\nAccept-Ranges: bytes\r\n");
    }
    put_date(c, "Last-Modified: ", st.mtime);
    if (gzip) {
        put(c, "Content-Encoding: gzip\r\n");
    }
    if (vary) {
        put(c, "Vary: Accept-Encoding\r\n");
    }
    if (status == 206) {
        put(c, "Content-Range: bytes ");
        put_u64(c, first);
        put(c, "-");
        put_u64(c, first + count - 1);
        put(c, "/");
        put_u64(c, st.size);
        put(c, "\r\n");
    }
    end_head(c, status == 304 ? -1 : (int64_t)count);
    if (status != 304 && c->parser.method == HTTP_GET) {
        c->body_off = first;
        c->body_left = count;
    } else {
        close_file(c);
    }
    start_sending(c);
}

/* ---- the transport's interface ---- */

sel4c_http_err_t sel4c_http_conn_init(sel4c_http_conn_storage_t *mem,
                                      const sel4c_http_server_t *server,
                                      const sel4c_http_sink_t *sink, sel4c_http_conn_t **out)
{
    if (mem == NULL || server == NULL || sink == NULL || out == NULL || sink->write == NULL ||
        server->clock_ms == NULL || server->files.open == NULL || server->files.read == NULL ||
        server->files.close == NULL) {
        return SEL4C_HTTP_EINVAL;
    }
    sel4c_http_conn_t *c = (sel4c_http_conn_t *)mem;
    memset(c, 0, sizeof *c);
    c->srv = server;
    c->sink = *sink;
    c->state = CONN_READ;
    c->cur_field = -1;
    llhttp_init(&c->parser, HTTP_REQUEST, &settings);
    c->parser.data = c;
    c->idle_start = now(c);
    *out = c;
    return SEL4C_HTTP_OK;
}

void sel4c_http_conn_fini(sel4c_http_conn_t *c)
{
    close_file(c);
    c->state = CONN_DONE;
}

size_t sel4c_http_conn_input(sel4c_http_conn_t *c, const void *data, size_t len)
{
    const char *p = data;
    size_t used = 0;
    while (used < len && c->state == CONN_READ) {
        size_t n = len - used;
        bool in_head = !c->head_done;
        if (in_head) {
            /* Feed no more than the head may still take, so the limit is exact. */
            size_t room = SEL4C_HTTP_HEAD_MAX - c->head_bytes;
            if (room == 0) {
                fail(c, c->url_done || c->uri_len == 0 ? 431 : 414,
                     "request head longer than SEL4C_HTTP_HEAD_MAX");
                return len;
            }
            if (n > room) {
                n = room;
            }
        }
        c->exec_start = p + used;
        c->exec_end = p + used + n;
        llhttp_errno_t e = llhttp_execute(&c->parser, p + used, n);
        size_t took = n;
        if (e == HPE_PAUSED || e == HPE_PAUSED_UPGRADE) {
            took = (size_t)(llhttp_get_error_pos(&c->parser) - (p + used));
        }
        if (in_head) {
            c->head_bytes += took;
        }
        used += took;
        if (e == HPE_OK) {
            continue;
        }
        if (e == HPE_PAUSED_UPGRADE) {
            /* We do not switch protocols; after the answer, nothing on this stream is HTTP/1. */
            c->close_after = true;
        }
        if (e == HPE_PAUSED || e == HPE_PAUSED_UPGRADE) {
            respond(c);
            continue;
        }
        int status = status_of_parse_error(c, e);
        fail(c, status, c->why);
        return len; /* the rest is not read */
    }
    return used;
}

void sel4c_http_conn_input_end(sel4c_http_conn_t *c)
{
    if (c->state == CONN_RESPOND) {
        c->close_after = true;
    } else if (c->state == CONN_READ) {
        /* A request cut short gets no answer: nobody would read it. */
        abandon(c, 400, c->in_message ? "the client ended its stream inside a request" : NULL);
    }
}

void sel4c_http_conn_output(sel4c_http_conn_t *c)
{
    pump(c);
}

bool sel4c_http_conn_wants_input(const sel4c_http_conn_t *c)
{
    return c->state == CONN_READ;
}

bool sel4c_http_conn_done(const sel4c_http_conn_t *c)
{
    return c->state == CONN_DONE;
}

uint64_t sel4c_http_conn_deadline(const sel4c_http_conn_t *c)
{
    const sel4c_http_server_t *s = c->srv;
    switch (c->state) {
    case CONN_READ:
        return c->in_message ? c->msg_start + timeout(s->head_timeout_ms, 10000)
                             : c->idle_start + timeout(s->idle_timeout_ms, 15000);
    case CONN_RESPOND: return c->send_progress + timeout(s->send_timeout_ms, 30000);
    default: return UINT64_MAX;
    }
}

bool sel4c_http_conn_tick(sel4c_http_conn_t *c, uint64_t now_ms)
{
    if (c->state == CONN_DONE || now_ms < sel4c_http_conn_deadline(c)) {
        return false;
    }
    bool sending = c->state == CONN_RESPOND;
    abandon(c, sending ? c->status : 408,
            sending         ? "deadline: the client took no response byte for send_timeout_ms"
            : c->in_message ? "deadline: the request did not arrive within head_timeout_ms"
                            : NULL);
    return true;
}
