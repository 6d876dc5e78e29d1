/* Bringing a virtio-mmio device up to the point where its configuration is read (start.h). */
#include "start.h"

sel4c_virtio_err_t virtio_start(sel4c_virtio_mmio_t *dev, sel4c_virtq_t *vq, uintptr_t regs,
                                uint32_t device_id, uint64_t required, uint64_t optional, void *dma,
                                uint64_t dma_paddr, size_t dma_bytes, uint16_t max_queue)
{
    sel4c_virtio_err_t err = sel4c_virtio_mmio_probe(dev, regs, device_id);
    if (err)
        return err;
    err = sel4c_virtio_mmio_negotiate(dev, required, optional);
    if (err)
        return err;
    /* The largest power of two both sides allow. */
    uint32_t max = sel4c_virtio_mmio_queue_max(dev, 0);
    uint16_t size = max_queue;
    while (size > 1 && size > max)
        size /= 2;
    if (max == 0 || size == 0) {
        sel4c_virtio_mmio_fail(dev);
        return SEL4C_VIRTIO_QUEUE_UNAVAIL;
    }
    err = sel4c_virtq_init(vq, dma, dma_paddr, dma_bytes, size);
    if (!err)
        err = sel4c_virtio_mmio_queue_setup(dev, 0, vq);
    if (err)
        sel4c_virtio_mmio_fail(dev);
    return err;
}
