/* The virtio-blk device logic (<sel4c/virtio_blk.h>). */
#include <sel4c/virtio_blk.h>

#include "start.h"

/* Configuration space offsets (section 5.2.4) */
#define BLK_CONFIG_CAPACITY   0
#define BLK_CONFIG_BLK_SIZE   20
#define VIRTIO_BLK_S_OK       0
#define VIRTIO_BLK_S_UNSUPP   2
#define VIRTIO_BLK_MAX_LENGTH (0xffffffffu - SEL4C_VIRTIO_BLK_SECTOR + 1)

static size_t slots_bytes(uint16_t size)
{
    size_t n = sizeof(struct sel4c_virtio_blk_slot) * size;
    return (n + SEL4C_VIRTQ_ALIGN - 1) / SEL4C_VIRTQ_ALIGN * SEL4C_VIRTQ_ALIGN;
}

size_t sel4c_virtio_blk_dma_bytes(uint16_t size)
{
    return sel4c_virtq_bytes(size) + slots_bytes(size);
}

sel4c_virtio_err_t sel4c_virtio_blk_init(sel4c_virtio_blk_t *blk, uintptr_t regs, void *dma,
                                         uint64_t dma_paddr, size_t dma_bytes, uint16_t max_queue)
{
    *blk = (sel4c_virtio_blk_t){0};
    if (max_queue == 0 || max_queue > SEL4C_VIRTQ_MAX_SIZE ||
        dma_bytes < sel4c_virtio_blk_dma_bytes(max_queue))
        return SEL4C_VIRTIO_INVALID;
    uint64_t optional = SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_RO) |
                        SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_BLK_SIZE) |
                        SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_FLUSH);
    size_t ring = sel4c_virtq_bytes(max_queue);
    sel4c_virtio_err_t err = virtio_start(&blk->dev, &blk->vq, regs, SEL4C_VIRTIO_ID_BLOCK, 0,
                                          optional, dma, dma_paddr, ring, max_queue);
    if (err)
        return err;

    uint64_t features = blk->dev.features;
    blk->read_only = features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_RO);
    blk->can_flush = features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_FLUSH);
    blk->block_size = SEL4C_VIRTIO_BLK_SECTOR;
    if (features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_BLK_F_BLK_SIZE))
        blk->block_size = sel4c_virtio_mmio_config32(&blk->dev, BLK_CONFIG_BLK_SIZE);
    uint32_t bs = blk->block_size;
    if (bs < SEL4C_VIRTIO_BLK_SECTOR || bs > 65536 || (bs & (bs - 1)) != 0)
        err = SEL4C_VIRTIO_INVALID;
    if (!err)
        err = sel4c_virtio_mmio_config64(&blk->dev, BLK_CONFIG_CAPACITY, &blk->capacity);
    if (err) {
        sel4c_virtio_mmio_fail(&blk->dev);
        return err;
    }
    blk->slots = (volatile struct sel4c_virtio_blk_slot *)((uint8_t *)dma + ring);
    blk->slots_paddr = dma_paddr + ring;
    return sel4c_virtio_mmio_ready(&blk->dev);
}

sel4c_virtio_err_t sel4c_virtio_blk_submit(sel4c_virtio_blk_t *blk, sel4c_virtio_blk_op_t op,
                                           uint64_t sector, uint64_t data_paddr, uint32_t len,
                                           uint64_t cookie)
{
    sel4c_virtq_buf_t bufs[3];
    unsigned n_out = 1, n_in = 1;
    uint32_t expect = 1; /* the status byte */
    switch (op) {
    case SEL4C_VIRTIO_BLK_READ:
    case SEL4C_VIRTIO_BLK_WRITE:
        if (len == 0 || len % SEL4C_VIRTIO_BLK_SECTOR || len > VIRTIO_BLK_MAX_LENGTH)
            return SEL4C_VIRTIO_INVALID;
        /* sector + len / 512 <= capacity, without overflow */
        if (sector > blk->capacity || len / SEL4C_VIRTIO_BLK_SECTOR > blk->capacity - sector)
            return SEL4C_VIRTIO_INVALID;
        if (op == SEL4C_VIRTIO_BLK_WRITE && blk->read_only)
            return SEL4C_VIRTIO_UNSUPPORTED;
        bufs[1] = (sel4c_virtq_buf_t){.paddr = data_paddr, .len = len};
        if (op == SEL4C_VIRTIO_BLK_WRITE)
            n_out = 2;
        else
            n_in = 2, expect += len;
        break;
    case SEL4C_VIRTIO_BLK_FLUSH:
        if (!blk->can_flush)
            return SEL4C_VIRTIO_UNSUPPORTED;
        sector = 0;
        break;
    default: return SEL4C_VIRTIO_INVALID;
    }
    /* The header and status live in the slot of the chain's head, which is known only after
     * the chain is made; every free descriptor's slot is unused, so fill the free head's. */
    if (blk->vq.num_free < n_out + n_in)
        return blk->vq.broken ? SEL4C_VIRTIO_DEVICE_FAILED : SEL4C_VIRTIO_NO_SPACE;
    uint16_t slot = blk->vq.free_head;
    volatile struct sel4c_virtio_blk_slot *s = &blk->slots[slot];
    s->type = op;
    s->reserved = 0;
    s->sector = sector;
    s->status = 0xff; /* anything but a status the device would write */
    uint64_t slot_paddr = blk->slots_paddr + sizeof *s * slot;
    bufs[0] = (sel4c_virtq_buf_t){.paddr = slot_paddr, .len = 16};
    bufs[n_out + n_in - 1] = (sel4c_virtq_buf_t){
        .paddr = slot_paddr + __builtin_offsetof(struct sel4c_virtio_blk_slot, status), .len = 1};
    uint16_t head;
    sel4c_virtio_err_t err = sel4c_virtq_add(&blk->vq, bufs, n_out, n_in, &head);
    if (err)
        return err;
    blk->expect[head] = expect;
    blk->cookie[head] = cookie;
    return SEL4C_VIRTIO_OK;
}

void sel4c_virtio_blk_kick(sel4c_virtio_blk_t *blk)
{
    sel4c_virtio_mmio_notify(&blk->dev, 0);
}

sel4c_virtio_err_t sel4c_virtio_blk_complete(sel4c_virtio_blk_t *blk, uint64_t *cookie,
                                             sel4c_virtio_err_t *result)
{
    uint16_t head;
    uint32_t len;
    sel4c_virtio_err_t err = sel4c_virtq_get_used(&blk->vq, &head, &len);
    if (err) {
        if (err != SEL4C_VIRTIO_EMPTY && err != SEL4C_VIRTIO_DEVICE_FAILED)
            sel4c_virtio_mmio_fail(&blk->dev);
        return err;
    }
    *cookie = blk->cookie[head];
    uint8_t status = blk->slots[head].status;
    if (status == VIRTIO_BLK_S_UNSUPP)
        *result = SEL4C_VIRTIO_UNSUPPORTED;
    else if (status != VIRTIO_BLK_S_OK || len < blk->expect[head])
        *result = SEL4C_VIRTIO_DEVICE_ERROR;
    else
        *result = SEL4C_VIRTIO_OK;
    return SEL4C_VIRTIO_OK;
}
