/*
 * The block driver of http.system, a stub: it maps its virtio-mmio transport, its data and
 * queue regions (shared with the web server) and takes its interrupt.
 */
#include <stdint.h>

#include <microkit.h>

#define VIRTIO_MMIO_MAGIC 0x74726976 /* "virt" */

uintptr_t regs, data, queues;

void init(void)
{
    if (*(volatile uint32_t *)regs != VIRTIO_MMIO_MAGIC)
        microkit_dbg_puts("blk: FAIL no virtio-mmio transport\n");
}

void notified(microkit_channel ch)
{
    (void)ch;
}
