/*
 * A network client in a Microkit PD: <sel4c/net_client.h> wired to the virtualisers' channels
 * and the event loop (<sel4c/event.h>), which every client PD otherwise writes again. A
 * notification on either channel takes the received frames into the interface and the sent
 * buffers back (sel4c_net_client_process); the virtualisers are told with
 * microkit_deferred_notify, once per event, after the PD is done with it.
 *
 * Ownership: `pd` (which holds the client and its event handlers) and the regions must stay
 * valid while the PD runs; the interface is the stack's. Part of libsel4c_net.a for seL4
 * configurations only (lib/net/client_pd.c), which then needs libsel4c_event.a.
 */
#ifndef SEL4C_NET_CLIENT_PD_H
#define SEL4C_NET_CLIENT_PD_H

#include <stddef.h>
#include <stdint.h>

#include <sel4c/event.h>
#include <sel4c/net_client.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sel4c_net_client_pd {
    sel4c_net_client_t client; /* its statistics are the client's (client.stats) */
    sel4c_netif_t *nif;        /* NULL until sel4c_net_client_pd_attach */
    sel4c_event_handler_t on_rx, on_tx;
    unsigned rx_ch, tx_ch;
    void (*processed)(void *arg); /* after each notification's processing, or NULL */
    void *processed_arg;
} sel4c_net_client_pd_t;

/*
 * Sets up the client over regions of sel4c's layout (`queues`: SEL4C_NET_CLIENT_QUEUES_SIZE
 * bytes; `rx` and `tx`: buffers of SEL4C_NET_BUFFER_SIZE) with the receive virtualiser on
 * channel rx_ch and the transmit virtualiser on tx_ch, and fills *dev for
 * sel4c_net_add_interface. Errors: those of sel4c_net_client_init and sel4c_event_on_notify.
 */
SEL4C_MUST_CHECK sel4c_err_t sel4c_net_client_pd_init(sel4c_net_client_pd_t *pd, void *queues,
                                                      void *rx, size_t rx_size, void *tx,
                                                      size_t tx_size, unsigned rx_ch,
                                                      unsigned tx_ch, sel4c_netdev_t *dev);

/* Delivers to `nif` from now on, starting with what is queued already. */
void sel4c_net_client_pd_attach(sel4c_net_client_pd_t *pd, sel4c_netif_t *nif);

/* Calls fn(arg) after each notification's processing: for a PD that waits for transmit
 * buffers to come back (fn NULL: none). */
void sel4c_net_client_pd_on_processed(sel4c_net_client_pd_t *pd, void (*fn)(void *), void *arg);

#ifdef __cplusplus
}
#endif

#endif
