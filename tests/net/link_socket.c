/* The tests' link as a datagram socket pair: one frame per datagram. */
#include "link.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

static int fds[2], fd;
static uint8_t tx_frame[2048];

void link_setup(void)
{
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, fds) == 0);
    /* Deep enough socket buffers that a burst of frames is not lost in the link. */
    int size = 4 << 20;
    setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

static void *tx_buffer(void *ctx, size_t len)
{
    (void)ctx;
    return len <= sizeof tx_frame ? tx_frame : NULL;
}

static sel4c_net_err_t tx_submit(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    return send(fd, buf, len, 0) == (ssize_t)len ? SEL4C_NET_OK : SEL4C_NET_EIO;
}

void link_attach(int side, sel4c_netdev_t *dev)
{
    fd = fds[side];
    close(fds[!side]);
    *dev = (sel4c_netdev_t){.tx_buffer = tx_buffer, .tx_submit = tx_submit, .mtu = 1500};
}

void link_pump(sel4c_netif_t *nif, int wait_ms)
{
    uint32_t next = sel4c_net_next_timeout_ms();
    if ((uint32_t)wait_ms > next)
        wait_ms = (int)next;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, wait_ms) > 0) {
        uint8_t frame[2048];
        ssize_t n;
        while ((n = recv(fd, frame, sizeof frame, MSG_DONTWAIT)) > 0)
            sel4c_net_input(nif, frame, (size_t)n);
    }
    sel4c_net_poll();
}

void link_report(void)
{
}

void link_teardown(void)
{
}
