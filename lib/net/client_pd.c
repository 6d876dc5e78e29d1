/* A network client's wiring in a Microkit PD (<sel4c/net_client_pd.h>). */
#include <microkit.h>
#include <sel4c/net_client_pd.h>

static void notify_rx(void *ctx)
{
    microkit_deferred_notify(((sel4c_net_client_pd_t *)ctx)->rx_ch);
}

static void notify_tx(void *ctx)
{
    microkit_deferred_notify(((sel4c_net_client_pd_t *)ctx)->tx_ch);
}

/* Either virtualiser's notification: both queues are looked at, whichever it was. */
static void notified_by_virtualiser(unsigned ch, void *arg)
{
    (void)ch;
    sel4c_net_client_pd_t *pd = arg;
    if (pd->nif == NULL)
        return; /* nothing to deliver to yet: attach processes what waits */
    sel4c_net_client_process(&pd->client, pd->nif);
    if (pd->processed != NULL)
        pd->processed(pd->processed_arg);
}

sel4c_err_t sel4c_net_client_pd_init(sel4c_net_client_pd_t *pd, void *queues, void *rx,
                                     size_t rx_size, void *tx, size_t tx_size, unsigned rx_ch,
                                     unsigned tx_ch, sel4c_netdev_t *dev)
{
    pd->nif = NULL;
    pd->rx_ch = rx_ch;
    pd->tx_ch = tx_ch;
    pd->processed = NULL;
    sel4c_net_client_config_t cfg =
        sel4c_net_client_layout(queues, rx, rx_size, tx, tx_size, notify_rx, notify_tx, pd);
    sel4c_err_t err = sel4c_net_client_init(&pd->client, &cfg, dev);
    if (err == SEL4C_NO_ERROR)
        err = sel4c_event_on_notify(&pd->on_rx, rx_ch, notified_by_virtualiser, pd);
    if (err == SEL4C_NO_ERROR)
        err = sel4c_event_on_notify(&pd->on_tx, tx_ch, notified_by_virtualiser, pd);
    return err;
}

void sel4c_net_client_pd_attach(sel4c_net_client_pd_t *pd, sel4c_netif_t *nif)
{
    pd->nif = nif;
    if (nif != NULL)
        sel4c_net_client_process(&pd->client, nif);
}

void sel4c_net_client_pd_on_processed(sel4c_net_client_pd_t *pd, void (*fn)(void *), void *arg)
{
    pd->processed = fn;
    pd->processed_arg = arg;
}
