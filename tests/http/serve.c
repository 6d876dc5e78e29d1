/*
 * sel4c-http-serve: the HTTP core over Linux sockets, serving a directory, so that real clients
 * (curl, wrk, slowhttptest) can test it on the host. One thread, poll(), non-blocking sockets;
 * the same transport duties a seL4 server PD has (input back-pressure, output when the socket
 * has room, deadlines, a graceful close).
 *
 *   sel4c-http-serve ROOT [--port N] [--port-file FILE] [--log FILE] [--seconds N]
 *                    [--max-conns N] [--head-timeout-ms N] [--idle-timeout-ms N]
 *                    [--send-timeout-ms N]
 *
 * Listens on 127.0.0.1 (port 0, the default: one the kernel picks, written to --port-file).
 * Stops after --seconds (default 60), or on SIGTERM/SIGINT.
 */
#define _GNU_SOURCE
#include <sel4c/http.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IN_SIZE   16384
#define LINGER_MS 2000

typedef struct conn {
    int fd;
    bool blocked; /* the socket refused bytes: wait for POLLOUT */
    bool broken;  /* the socket failed: close at once */
    bool eof, eof_given;
    bool lingering; /* our side is shut down: drain the peer's bytes until its end */
    uint64_t linger_until;
    size_t in_len;
    char in[IN_SIZE];
    sel4c_http_conn_storage_t mem;
    sel4c_http_conn_t *http;
} conn_t;

static const char *root;
static FILE *log_file;
static volatile sig_atomic_t stop;

static uint64_t clock_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int64_t wall_time(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

/* ---- the file source: ROOT + the normalised path ---- */

static sel4c_http_err_t fs_open(void *ctx, const char *path, void **file, sel4c_http_stat_t *st)
{
    (void)ctx;
    char full[8192];
    if ((size_t)snprintf(full, sizeof full, "%s%s", root, path) >= sizeof full) {
        return SEL4C_HTTP_ENOENT;
    }
    int fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return errno == ENOENT || errno == ENOTDIR || errno == ELOOP ? SEL4C_HTTP_ENOENT
                                                                     : SEL4C_HTTP_EIO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !(S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode))) {
        close(fd);
        return SEL4C_HTTP_ENOENT;
    }
    st->size = (uint64_t)sb.st_size;
    st->mtime = (int64_t)sb.st_mtime;
    st->is_dir = S_ISDIR(sb.st_mode);
    *file = (void *)(intptr_t)fd;
    return SEL4C_HTTP_OK;
}

static long fs_read(void *ctx, void *file, uint64_t offset, void *buf, size_t len)
{
    (void)ctx;
    ssize_t n = pread((int)(intptr_t)file, buf, len, (off_t)offset);
    return n < 0 ? -SEL4C_HTTP_EIO : (long)n;
}

static void fs_close(void *ctx, void *file)
{
    (void)ctx;
    close((int)(intptr_t)file);
}

static void log_entry(void *ctx, const sel4c_http_log_entry_t *e)
{
    (void)ctx;
    if (log_file != NULL) {
        fprintf(log_file, "%s %s %d %llu %llums%s%s\n", e->method, e->path, e->status,
                (unsigned long long)e->bytes, (unsigned long long)e->duration_ms,
                e->error ? " refused: " : "", e->error ? e->error : "");
        fflush(log_file);
    }
}

static size_t sink_write(void *ctx, const void *data, size_t len)
{
    conn_t *c = ctx;
    if (c->broken) {
        return 0;
    }
    ssize_t n = send(c->fd, data, len, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
        return (size_t)n;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        c->broken = true;
    } else {
        c->blocked = true;
    }
    return 0;
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static long number(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "sel4c-http-serve: error: %s: not a number: %s\n", what, s);
        exit(2);
    }
    return v;
}

/* Feeds buffered input while the connection takes it. */
static void feed(conn_t *c)
{
    while (c->in_len > 0 && sel4c_http_conn_wants_input(c->http)) {
        size_t took = sel4c_http_conn_input(c->http, c->in, c->in_len);
        if (took == 0) {
            break;
        }
        memmove(c->in, c->in + took, c->in_len - took);
        c->in_len -= took;
    }
    if (c->eof && c->in_len == 0 && !c->eof_given) {
        c->eof_given = true;
        sel4c_http_conn_input_end(c->http);
    }
}

int main(int argc, char **argv)
{
    long port = 0, seconds = 60, max_conns = 256;
    const char *port_file = NULL;
    sel4c_http_server_t server = {
        .files = {fs_open, fs_read, fs_close, NULL},
        .wall_time = wall_time,
        .clock_ms = clock_ms,
        .log = log_entry,
    };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (a[0] != '-' && root == NULL) {
            root = a;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr, "sel4c-http-serve: error: %s: a value is missing\n", a);
            return 2;
        }
        i++;
        if (strcmp(a, "--port") == 0) {
            port = number(v, a);
        } else if (strcmp(a, "--port-file") == 0) {
            port_file = v;
        } else if (strcmp(a, "--log") == 0) {
            log_file = fopen(v, "a");
            if (log_file == NULL) {
                fprintf(stderr, "sel4c-http-serve: error: %s: %s\n", v, strerror(errno));
                return 2;
            }
        } else if (strcmp(a, "--seconds") == 0) {
            seconds = number(v, a);
        } else if (strcmp(a, "--max-conns") == 0) {
            max_conns = number(v, a);
        } else if (strcmp(a, "--head-timeout-ms") == 0) {
            server.head_timeout_ms = (uint32_t)number(v, a);
        } else if (strcmp(a, "--idle-timeout-ms") == 0) {
            server.idle_timeout_ms = (uint32_t)number(v, a);
        } else if (strcmp(a, "--send-timeout-ms") == 0) {
            server.send_timeout_ms = (uint32_t)number(v, a);
        } else {
            fprintf(stderr, "sel4c-http-serve: error: unknown option %s\n", a);
            return 2;
        }
    }
    if (root == NULL || max_conns < 1 || max_conns > 4096 || port > 65535) {
        fprintf(stderr, "usage: sel4c-http-serve ROOT [--port N] [--port-file FILE] [--log FILE] "
                        "[--seconds N] [--max-conns 1..4096] [--head-timeout-ms N] "
                        "[--idle-timeout-ms N] [--send-timeout-ms N]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 512) != 0 ||
        getsockname(lfd, (struct sockaddr *)&addr, &alen) != 0) {
        fprintf(stderr, "sel4c-http-serve: error: 127.0.0.1:%ld: %s\n", port, strerror(errno));
        return 2;
    }
    if (port_file != NULL) {
        FILE *f = fopen(port_file, "w");
        if (f == NULL || fprintf(f, "%u\n", ntohs(addr.sin_port)) < 0 || fclose(f) != 0) {
            fprintf(stderr, "sel4c-http-serve: error: %s: cannot write\n", port_file);
            return 2;
        }
    }
    fprintf(stderr, "sel4c-http-serve: serving %s on 127.0.0.1:%u\n", root, ntohs(addr.sin_port));

    conn_t **conns = calloc((size_t)max_conns, sizeof *conns);
    struct pollfd *pfd = calloc((size_t)max_conns + 1, sizeof *pfd);
    if (conns == NULL || pfd == NULL) {
        fprintf(stderr, "sel4c-http-serve: error: out of memory\n");
        return 2;
    }
    uint64_t end = clock_ms(NULL) + (uint64_t)seconds * 1000;
    long open_conns = 0;
    while (!stop && clock_ms(NULL) < end) {
        uint64_t now = clock_ms(NULL), next = end;
        pfd[0] = (struct pollfd){.fd = open_conns < max_conns ? lfd : -1, .events = POLLIN};
        for (long i = 0; i < max_conns; i++) {
            conn_t *c = conns[i];
            pfd[i + 1] = (struct pollfd){.fd = -1};
            if (c == NULL) {
                continue;
            }
            pfd[i + 1].fd = c->fd;
            if (c->lingering) {
                pfd[i + 1].events = POLLIN;
                next = c->linger_until < next ? c->linger_until : next;
                continue;
            }
            if (!c->eof && c->in_len < IN_SIZE) {
                pfd[i + 1].events |= POLLIN;
            }
            if (c->blocked) {
                pfd[i + 1].events |= POLLOUT;
            }
            uint64_t d = sel4c_http_conn_deadline(c->http);
            next = d < next ? d : next;
        }
        int wait = next > now ? (int)(next - now < 1000 ? next - now : 1000) : 0;
        if (poll(pfd, (nfds_t)max_conns + 1, wait) < 0 && errno != EINTR) {
            fprintf(stderr, "sel4c-http-serve: error: poll: %s\n", strerror(errno));
            return 2;
        }
        now = clock_ms(NULL);
        if (pfd[0].revents & POLLIN) {
            for (long i = 0; i < max_conns && open_conns < max_conns; i++) {
                if (conns[i] != NULL) {
                    continue;
                }
                int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                if (fd < 0) {
                    break;
                }
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                conn_t *c = calloc(1, sizeof *c);
                sel4c_http_sink_t sink = {sink_write, c};
                if (c == NULL ||
                    sel4c_http_conn_init(&c->mem, &server, &sink, &c->http) != SEL4C_HTTP_OK) {
                    free(c);
                    close(fd);
                    break;
                }
                c->fd = fd;
                conns[i] = c;
                open_conns++;
            }
        }
        for (long i = 0; i < max_conns; i++) {
            conn_t *c = conns[i];
            if (c == NULL) {
                continue;
            }
            short ev = pfd[i + 1].fd == c->fd ? pfd[i + 1].revents : 0;
            bool close_now = false;
            if (c->lingering) {
                char drain[4096];
                ssize_t n =
                    (ev & (POLLIN | POLLHUP | POLLERR)) ? read(c->fd, drain, sizeof drain) : -1;
                close_now = n == 0 || (n < 0 && errno != EAGAIN) || now >= c->linger_until;
            } else {
                if (ev & (POLLOUT | POLLERR | POLLHUP)) {
                    c->blocked = false;
                    sel4c_http_conn_output(c->http);
                }
                if ((ev & (POLLIN | POLLHUP | POLLERR)) && !c->eof && c->in_len < IN_SIZE) {
                    ssize_t n = read(c->fd, c->in + c->in_len, IN_SIZE - c->in_len);
                    if (n > 0) {
                        c->in_len += (size_t)n;
                    } else if (n == 0) {
                        c->eof = true;
                    } else if (errno != EAGAIN && errno != EINTR) {
                        c->broken = true;
                    }
                }
                feed(c);
                if (sel4c_http_conn_tick(c->http, now) || c->broken) {
                    close_now = true; /* timed out or failed: nothing more is owed */
                } else if (sel4c_http_conn_done(c->http)) {
                    /* Everything was sent; closing with unread input would reset the
                     * connection and could destroy the response before the client reads it. */
                    shutdown(c->fd, SHUT_WR);
                    c->lingering = true;
                    c->linger_until = now + LINGER_MS;
                    close_now = c->eof;
                }
            }
            if (close_now) {
                sel4c_http_conn_fini(c->http);
                close(c->fd);
                free(c);
                conns[i] = NULL;
                open_conns--;
            }
        }
    }
    for (long i = 0; i < max_conns; i++) {
        if (conns[i] != NULL) {
            sel4c_http_conn_fini(conns[i]->http);
            close(conns[i]->fd);
            free(conns[i]);
        }
    }
    free(conns);
    free(pfd);
    close(lfd);
    fprintf(stderr, "sel4c-http-serve: stopped\n");
    return 0;
}
