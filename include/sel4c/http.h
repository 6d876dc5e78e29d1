/*
 * HTTP/1.1 static file server core: transport-agnostic and allocation-free.
 *
 * A connection (`sel4c_http_conn_t`) lives in memory its transport provides
 * (`sel4c_http_conn_storage_t`, SEL4C_HTTP_CONN_SIZE bytes, nothing else per connection). The
 * transport (TCP, TLS, a test) drives it from one thread:
 *
 *   sel4c_http_conn_input(c, data, len)  offers received bytes; returns how many it took. It
 *       takes none while a response is being sent: keep the rest and offer it again when
 *       sel4c_http_conn_wants_input() is true (this is the back-pressure on the client).
 *   sel4c_http_conn_input_end(c)         the peer sent its last byte (after every byte it sent
 *       was taken by sel4c_http_conn_input).
 *   sel4c_http_conn_output(c)            the sink has room again, or the file source has data
 *       it refused with SEL4C_HTTP_EAGAIN before.
 *   sel4c_http_conn_tick(c, now_ms)      at or after sel4c_http_conn_deadline(c).
 *   sel4c_http_conn_done(c)              true: everything was handed to the sink; close the
 *       connection (after the sink's data went out) and call sel4c_http_conn_fini(c).
 *
 * Responses are written through `sel4c_http_sink_t`, file content comes from
 * `sel4c_http_files_t`, time from the server's callbacks. None of these callbacks may call back
 * into the connection. Each connection is independent: connections of one server may be driven
 * from different threads when the server's callbacks allow it.
 *
 * See docs/http.md for the statuses each request gets, the path rules and the limits.
 */
#ifndef SEL4C_HTTP_H
#define SEL4C_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_HTTP_MUST_CHECK __attribute__((warn_unused_result))

/* Limits of one request (every one is a fixed buffer or counter in the connection). */
#define SEL4C_HTTP_URI_MAX     2048 /* request-target bytes; a longer one gets 414 */
#define SEL4C_HTTP_HEAD_MAX    8192 /* request line and header bytes; more gets 431 */
#define SEL4C_HTTP_HEADERS_MAX 64   /* header fields; more gets 431 */
#define SEL4C_HTTP_FIELD_MAX   256  /* bytes of each field the server reads (Host, Range, ...) */
#define SEL4C_HTTP_BODY_MAX    1024 /* request body bytes read and discarded; more gets 413 */
#define SEL4C_HTTP_OUT_SIZE    4096 /* output buffer: response head and file content */
/* Bytes of memory of one connection; the library checks at compile time that it fits. */
#define SEL4C_HTTP_CONN_SIZE 12288

typedef enum sel4c_http_err {
    SEL4C_HTTP_OK = 0,
    SEL4C_HTTP_EINVAL, /* an argument is missing or wrong */
    SEL4C_HTTP_ENOENT, /* no such file */
    SEL4C_HTTP_EIO,    /* the file source failed */
    SEL4C_HTTP_EAGAIN, /* not now: the file source calls for sel4c_http_conn_output later */
} sel4c_http_err_t;

/* A static name for `err` ("SEL4C_HTTP_ENOENT"), or "unknown error". */
const char *sel4c_http_strerror(sel4c_http_err_t err);

typedef struct sel4c_http_stat {
    uint64_t size; /* bytes (files) */
    int64_t mtime; /* last modification, seconds since the epoch (UTC) */
    bool is_dir;
} sel4c_http_stat_t;

/*
 * Where file content comes from. Paths are normalised (docs/http.md): NUL-terminated, starting
 * with '/', relative to the site root, no empty, "." or ".." segments, no backslash or control
 * characters. Every file opened is closed exactly once, by the same connection.
 */
typedef struct sel4c_http_files {
    /* Opens `path` (a file or a directory). Returns SEL4C_HTTP_OK with *file and *st set,
     * SEL4C_HTTP_ENOENT (404) or SEL4C_HTTP_EIO (500). Synchronous. */
    sel4c_http_err_t (*open)(void *ctx, const char *path, void **file, sel4c_http_stat_t *st);
    /* Reads up to `len` (> 0) bytes at `offset` of a file. Returns the number read (> 0), or
     * -SEL4C_HTTP_EAGAIN (call sel4c_http_conn_output when data is ready), or -SEL4C_HTTP_EIO.
     * Fewer bytes than the size open() gave (0) ends the connection: its length was sent. */
    long (*read)(void *ctx, void *file, uint64_t offset, void *buf, size_t len);
    void (*close)(void *ctx, void *file);
    void *ctx;
} sel4c_http_files_t;

/*
 * Where responses go. write() takes up to `len` bytes (it copies them) and returns how many it
 * took; 0 means no room now: the transport calls sel4c_http_conn_output when there is.
 */
typedef struct sel4c_http_sink {
    size_t (*write)(void *ctx, const void *data, size_t len);
    void *ctx;
} sel4c_http_sink_t;

/* One request, for the access log. Strings are valid during the call only. */
typedef struct sel4c_http_log_entry {
    const char *method; /* "GET", "HEAD", ... or "-" when the request line was not read */
    const char *path;   /* normalised path, else the raw target (may be cut), else "-" */
    int status;
    uint64_t bytes;       /* body bytes handed to the sink */
    uint64_t duration_ms; /* from the request's first byte to its last response byte */
    /* Why the request was refused or cut off, naming the part at fault ("Host field: more
     * than one", "path: '..' climbs above the site root", a parser's reason); NULL when it
     * was answered as asked (404 included). */
    const char *error;
} sel4c_http_log_entry_t;

/* What connections share. The transport owns it; it outlives every connection using it. */
typedef struct sel4c_http_server {
    sel4c_http_files_t files;
    /* Wall-clock time, seconds since the epoch, for Date (NULL: no Date header). */
    int64_t (*wall_time)(void *ctx);
    /* A monotonic clock in milliseconds, for deadlines and durations (required). */
    uint64_t (*clock_ms)(void *ctx);
    void *time_ctx;
    /* Called once per response (NULL: no log). */
    void (*log)(void *ctx, const sel4c_http_log_entry_t *entry);
    void *log_ctx;
    /* Deadlines in milliseconds (0: the default given). */
    uint32_t head_timeout_ms; /* first byte of a request to its last (10000) */
    uint32_t idle_timeout_ms; /* between requests on a kept-alive connection (15000) */
    uint32_t send_timeout_ms; /* with no response byte taken by the sink (30000) */
} sel4c_http_server_t;

typedef struct sel4c_http_conn sel4c_http_conn_t;

/* Memory for one connection, provided by the transport. */
typedef union sel4c_http_conn_storage {
    unsigned char bytes[SEL4C_HTTP_CONN_SIZE];
    uint64_t align;
    void *align_ptr;
} sel4c_http_conn_storage_t;

/*
 * Starts a connection in `mem`. `server` and `sink` (copied) outlive it. The idle deadline
 * starts now. Errors: SEL4C_HTTP_EINVAL when a pointer or a required callback is missing.
 */
sel4c_http_err_t sel4c_http_conn_init(sel4c_http_conn_storage_t *mem,
                                      const sel4c_http_server_t *server,
                                      const sel4c_http_sink_t *sink,
                                      sel4c_http_conn_t **out) SEL4C_HTTP_MUST_CHECK;

/* Releases what the connection holds (an open file). `c` may then be reused by init. */
void sel4c_http_conn_fini(sel4c_http_conn_t *c);

/*
 * Parses up to `len` received bytes and answers the requests they complete, writing to the
 * sink as far as it takes. Returns the number of bytes taken (the rest must be offered again).
 * Malformed requests are answered (400, 413, 414, 431, 505) and end the connection.
 */
size_t sel4c_http_conn_input(sel4c_http_conn_t *c, const void *data,
                             size_t len) SEL4C_HTTP_MUST_CHECK;

/* The peer closed its direction: responses already due are finished, then the connection is
 * done. */
void sel4c_http_conn_input_end(sel4c_http_conn_t *c);

/* Continues a response: the sink has room, or the file source has data. */
void sel4c_http_conn_output(sel4c_http_conn_t *c);

/* True when sel4c_http_conn_input would take bytes now. */
bool sel4c_http_conn_wants_input(const sel4c_http_conn_t *c);

/* True when the connection has nothing more to send and should be closed. */
bool sel4c_http_conn_done(const sel4c_http_conn_t *c);

/* The monotonic time (clock_ms) at which the connection times out; UINT64_MAX: none. */
uint64_t sel4c_http_conn_deadline(const sel4c_http_conn_t *c);

/*
 * Checks the deadline against `now_ms`. Returns true when it passed: the connection is then
 * done (a request cut short is not answered; the transport should close, or reset, at once).
 */
bool sel4c_http_conn_tick(sel4c_http_conn_t *c, uint64_t now_ms) SEL4C_HTTP_MUST_CHECK;

/* The content type of a file name, by its extension ("text/html; charset=utf-8", ...);
 * "application/octet-stream" when the extension is unknown. */
const char *sel4c_http_mime_type(const char *name);

#ifdef __cplusplus
}
#endif

#endif
