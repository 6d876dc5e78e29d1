/* The virtio entropy device (<sel4c/virtio_rng.h>). */
#include <sel4c/virtio_rng.h>

#include <string.h>

#include "start.h"

size_t sel4c_virtio_rng_dma_bytes(uint16_t size)
{
    return sel4c_virtq_bytes(size);
}

sel4c_virtio_err_t sel4c_virtio_rng_init(sel4c_virtio_rng_t *rng, uintptr_t regs, void *dma,
                                         uint64_t dma_paddr, size_t dma_bytes, uint16_t max_queue)
{
    *rng = (sel4c_virtio_rng_t){0};
    sel4c_virtio_err_t err = virtio_start(&rng->dev, &rng->vq, regs, SEL4C_VIRTIO_ID_RNG, 0, 0, dma,
                                          dma_paddr, dma_bytes, max_queue);
    if (err)
        return err;
    return sel4c_virtio_mmio_ready(&rng->dev);
}

sel4c_virtio_err_t sel4c_virtio_rng_request(sel4c_virtio_rng_t *rng, uint64_t paddr, uint32_t len)
{
    sel4c_virtq_buf_t buf = {.paddr = paddr, .len = len};
    uint16_t head;
    sel4c_virtio_err_t err = sel4c_virtq_add(&rng->vq, &buf, 0, 1, &head);
    if (err)
        return err;
    rng->buf_paddr[head] = paddr;
    sel4c_virtio_mmio_notify(&rng->dev, 0);
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_rng_collect(sel4c_virtio_rng_t *rng, uint64_t *paddr, uint32_t *len)
{
    uint16_t head;
    sel4c_virtio_err_t err = sel4c_virtq_get_used(&rng->vq, &head, len);
    if (err) {
        if (err != SEL4C_VIRTIO_EMPTY && err != SEL4C_VIRTIO_DEVICE_FAILED)
            sel4c_virtio_mmio_fail(&rng->dev);
        return err;
    }
    *paddr = rng->buf_paddr[head];
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_rng_read(sel4c_virtio_rng_t *rng, void *bounce,
                                         uint64_t bounce_paddr, uint32_t bounce_len, void *buf,
                                         size_t len, uint32_t polls)
{
    uint8_t *out = buf;
    size_t left = len;
    unsigned empty = 0; /* pieces the device answered with no bytes */
    sel4c_virtio_err_t err = bounce == NULL || bounce_len == 0 ? SEL4C_VIRTIO_INVALID : 0;
    while (!err && left > 0) {
        uint32_t ask = left < bounce_len ? (uint32_t)left : bounce_len, got = 0;
        uint64_t paddr;
        err = sel4c_virtio_rng_request(rng, bounce_paddr, ask);
        for (uint32_t i = 0; !err; i++) {
            err = sel4c_virtio_rng_collect(rng, &paddr, &got);
            if (err != SEL4C_VIRTIO_EMPTY || i == polls)
                break;
            err = SEL4C_VIRTIO_OK;
        }
        if (!err && got == 0 && ++empty > 16)
            err = SEL4C_VIRTIO_DEVICE_FAILED;
        if (err)
            break;
        /* got was checked against the buffer; the device may give fewer bytes than asked */
        memcpy(out, bounce, got);
        memset(bounce, 0, got);
        out += got;
        left -= got;
    }
    if (err)
        memset(buf, 0, len);
    return err;
}
