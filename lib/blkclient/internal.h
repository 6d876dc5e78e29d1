/* What the block client's files share (not a public header). */
#pragma once

#include <sel4c/blk_client.h>

/* Notifies the driver on `ch`: microkit_notify in a PD (notify_microkit.c); host tests define
 * their own, which runs a fake driver. */
void sel4c_blk_client_notify_driver(unsigned ch);

/* cache.c, for client.c: the cache's callbacks as a sel4c_blk_t. */
void blk_cache_dev_init(sel4c_blk_client_t *c);

/* A blocking request's answer, filled by blk_wait_done (client.c). */
typedef struct blk_wait {
    bool done;
    uint32_t status;
    uint16_t blocks;
} blk_wait_t;
void blk_wait_done(void *arg, uint32_t status, uint16_t blocks);
/* In a task: submits with blk_wait_done(w), waiting while the queue is full. */
sel4c_err_t blk_submit_waiting(sel4c_blk_client_t *c, uint32_t code, uint64_t block, uint16_t count,
                               size_t offset, blk_wait_t *w);
/* In a task: waits for w's answer; SEL4C_FAILED_LOOKUP unless it is OK. */
sel4c_err_t blk_wait(sel4c_blk_client_t *c, blk_wait_t *w);
