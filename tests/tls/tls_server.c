/*
 * A TLS server for the host tests of lib/tls: sel4c's TLS sessions over Linux sockets
 * (non-blocking, one poll loop), answering every request with a small HTTP response, so that
 * openssl s_client and curl can talk to it. Stops by itself after the given seconds.
 *   tls_server CERT KEY PORT SECONDS
 */
#define _GNU_SOURCE
#include <sel4c/tls.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 32

struct conn {
    int fd;
    sel4c_tls_session_t *s;
    int handshaken, answered;
    char req[4096];
    size_t req_len;
};
static struct conn conns[MAX_CONNS];

static int sock_send(void *ctx, const uint8_t *b, size_t n)
{
    ssize_t r = send(((struct conn *)ctx)->fd, b, n, MSG_NOSIGNAL);
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return SEL4C_TLS_WANT_WRITE;
    return r > 0 ? (int)r : SEL4C_TLS_CLOSED;
}

static int sock_recv(void *ctx, uint8_t *b, size_t n)
{
    ssize_t r = recv(((struct conn *)ctx)->fd, b, n, 0);
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return SEL4C_TLS_WANT_READ;
    return r > 0 ? (int)r : SEL4C_TLS_CLOSED;
}

static int urandom(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f != NULL ? fread(buf, 1, len, f) : 0;
    if (f != NULL)
        fclose(f);
    return got == len ? 0 : -1;
}

static char *slurp(const char *path)
{
    static char bufs[2][8192];
    static int which;
    char *b = bufs[which++ % 2];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    b[fread(b, 1, sizeof bufs[0] - 1, f)] = 0;
    fclose(f);
    return b;
}

static void drop(struct conn *c)
{
    sel4c_tls_session_free(c->s);
    close(c->fd);
    c->fd = -1;
}

static void serve(struct conn *c)
{
    if (!c->handshaken) {
        int r = sel4c_tls_handshake(c->s);
        if (r == SEL4C_TLS_WANT_READ || r == SEL4C_TLS_WANT_WRITE)
            return;
        if (r != 0) {
            printf("tls_server: handshake refused: %s\n", sel4c_tls_last_error(c->s));
            drop(c);
            return;
        }
        c->handshaken = 1;
        printf("tls_server: handshake: %s\n", sel4c_tls_suite(c->s));
    }
    for (;;) {
        if (c->req_len == sizeof c->req) {
            drop(c);
            return;
        }
        int n = sel4c_tls_read(c->s, c->req + c->req_len, sizeof c->req - c->req_len);
        if (n == SEL4C_TLS_WANT_READ || n == SEL4C_TLS_WANT_WRITE)
            break;
        if (n <= 0) {
            drop(c);
            return;
        }
        c->req_len += (size_t)n;
    }
    if (!c->answered && memmem(c->req, c->req_len, "\r\n\r\n", 4) != NULL) {
        static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n"
                                    "Connection: close\r\n\r\nhello\n";
        int n = sel4c_tls_write(c->s, reply, sizeof reply - 1);
        if (n == SEL4C_TLS_WANT_WRITE)
            return;
        c->answered = 1;
        drop(c);
    }
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: tls_server CERT KEY PORT SECONDS\n");
        return 2;
    }
    int err;
    const char *why;
    sel4c_tls_server_t *srv =
        sel4c_tls_server_new(slurp(argv[1]), slurp(argv[2]), urandom, NULL, &err, &why);
    if (srv == NULL) {
        fprintf(stderr, "tls_server: %s\n", why);
        return 2;
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[3]))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(lfd, 16) != 0) {
        perror("tls_server: listen");
        return 2;
    }
    for (int i = 0; i < MAX_CONNS; i++)
        conns[i].fd = -1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("tls_server: listening\n");
    time_t end = time(NULL) + atoi(argv[4]);
    while (time(NULL) < end) {
        struct pollfd p[MAX_CONNS + 1];
        int n = 0;
        p[n++] = (struct pollfd){.fd = lfd, .events = POLLIN};
        for (int i = 0; i < MAX_CONNS; i++)
            p[n++] = (struct pollfd){.fd = conns[i].fd, .events = POLLIN};
        poll(p, (nfds_t)n, 100);
        if (p[0].revents & POLLIN) {
            int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
            int slot = -1;
            for (int i = 0; i < MAX_CONNS && slot < 0 && fd >= 0; i++)
                if (conns[i].fd < 0)
                    slot = i;
            if (slot < 0) {
                if (fd >= 0)
                    close(fd);
            } else {
                memset(&conns[slot], 0, sizeof conns[slot]);
                conns[slot].fd = fd;
                conns[slot].s = sel4c_tls_session_new(srv, sock_send, sock_recv, &conns[slot]);
                if (conns[slot].s == NULL) {
                    close(fd);
                    conns[slot].fd = -1;
                }
            }
        }
        for (int i = 0; i < MAX_CONNS; i++)
            if (conns[i].fd >= 0 && (p[i + 1].revents || !conns[i].handshaken))
                serve(&conns[i]);
    }
    size_t used, max;
    sel4c_tls_pool_stats(&used, &max);
    printf("tls_server: pool high-water %zu bytes\n", max);
    return 0;
}
