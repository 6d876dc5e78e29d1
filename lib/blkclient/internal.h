/* What the block client's files share (not a public header). */
#pragma once

#include <sel4c/blk_client.h>

/* Notifies the driver on `ch`: microkit_notify in a PD (notify_microkit.c); host tests define
 * their own, which runs a fake driver. */
void sel4c_blk_client_notify_driver(unsigned ch);

/* cache.c, for client.c: the cache's callbacks as a sel4c_blk_t. */
void blk_cache_dev_init(sel4c_blk_client_t *c);
