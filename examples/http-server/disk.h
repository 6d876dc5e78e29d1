/*
 * The server's disk: the virtio-blk driver PD's block service (<sel4c/protocol/blk.h>) as a
 * synchronous block device for the FAT library, used from a cooperative task, which waits for
 * each response while the event loop serves everything else.
 */
#ifndef HTTP_SERVER_DISK_H
#define HTTP_SERVER_DISK_H

#include <sel4c/blk.h>

#define BLK_CH 6

/* Attaches to the block service's regions (in init()). Returns 0, or -1 after saying why. */
int disk_init(void);

/* From a task: waits for the driver to be ready and fills *dev. Returns 0 or -1. */
int disk_open(sel4c_blk_t *dev);

#endif
