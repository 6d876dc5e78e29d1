/*
 * The web server of the HTTP(S) systems, whatever wires it to its devices: the site loaded
 * from a disk, HTTP on port 80 and HTTPS on port 443 over lwIP (DHCP), `Date` from a
 * real-time clock carried on by the timer, deadlines and lwIP's timers from the timer, TLS
 * seeded from an entropy source. docs/http-server.md describes it.
 *
 * Two PDs wire it: pd.c, the server PD of http-server.system, reaches its drivers through the
 * network virtualisers, block and entropy queues and PP calls; single/single.c links the
 * drivers in (http-server-single.system). Everything else the server does is here, the same
 * for both.
 */
#ifndef HTTP_SERVER_SERVER_H
#define HTTP_SERVER_SERVER_H

#include <sel4c/blk.h>
#include <sel4c/net.h>
#include <sel4c/timer.h>
#include <sel4c/tls.h>

/* How the server reaches its devices. The PD owns everything named here; the server keeps
 * the pointer to it. */
typedef struct server_platform {
    /* The timer (initialised, registered with the event loop): the clock and timeouts. */
    sel4c_timer_t *timer;
    /* How lwIP sends a frame. */
    const sel4c_netdev_t *netdev;
    /* Seconds since 1970 from the real-time clock; non-zero when there is none. */
    int (*rtc_seconds)(int64_t *seconds);
    /* Entropy for TLS and lwIP's seed; NULL when there is none (HTTPS is then off; the PD
     * says why). */
    sel4c_tls_entropy_fn entropy;
    void *entropy_ctx;
    /* The disk holding the site, called once in the loader task (it may block the task);
     * NULL after printing why there is none. */
    const sel4c_blk_t *(*disk)(void);
    /* Called once the listeners are open (NULL: nothing to do); non-zero: TLS can no longer
     * reseed, which the server reports. */
    int (*serving)(void);
} server_platform_t;

/*
 * Starts the server on `p`: the stack and its interface (DHCP), TLS, the timers, and the
 * loader task that reads the site and then opens the listeners. Returns the interface the
 * PD hands received frames to (sel4c_net_input), or NULL after printing why. The PD calls
 * sel4c_event_run() afterwards, as init()'s last step.
 */
sel4c_netif_t *server_start(const server_platform_t *p);

#endif
