/*
 * The timer service's protocol: sDDF's, so that sDDF timer clients work with sel4c's timer
 * driver and sel4c's timer client works with sDDF's driver.
 *
 * The driver is a passive protection domain that clients reach by protected procedure call
 * (a channel with pp="true" at the client's end) and that notifies a client on the same
 * channel when one of its timeouts expires.
 *
 *   label SEL4C_TIMER_GET_TIME     no arguments. Reply: MR0 = nanoseconds since boot.
 *   label SEL4C_TIMER_SET_TIMEOUT  MR0 = timeout in nanoseconds from now. Reply: no data.
 *
 * sel4c's driver keeps any number of outstanding timeouts per client, up to a fixed number per
 * client (a request beyond it, or with any other label, is refused and counted; the reply's
 * label is then SEL4C_TIMER_ERROR). Each expiry is signalled by one notification on the
 * client's channel; notifications coalesce, so a client checks the time after each one and
 * never counts them. The driver never blocks on a client.
 */
#ifndef SEL4C_PROTOCOL_TIMER_H
#define SEL4C_PROTOCOL_TIMER_H

enum {
    SEL4C_TIMER_GET_TIME = 0,
    SEL4C_TIMER_SET_TIMEOUT = 1,
};

/* The reply label of a refused request (sDDF's driver replies 0 to everything). */
#define SEL4C_TIMER_ERROR 0xffu

#endif
