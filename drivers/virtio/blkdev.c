/* The virtio-blk device as a blocking block device in the same PD (<sel4c/virtio_blkdev.h>). */
#include <string.h>

#include <sel4c/virtio_blkdev.h>

/* One request of `len` bytes (0 for a flush) through the bounce buffer, waited for. */
static int request(sel4c_virtio_blkdev_t *d, sel4c_virtio_blk_op_t op, uint64_t sector,
                   uint32_t len)
{
    uint64_t id = ++d->cookie, cookie;
    sel4c_virtio_err_t err = sel4c_virtio_blk_submit(d->blk, op, sector, d->bounce_paddr, len, id);
    if (err)
        goto failed;
    sel4c_virtio_blk_kick(d->blk);
    sel4c_virtio_err_t result;
    for (uint32_t polls = 0;; polls++) {
        err = sel4c_virtio_blk_complete(d->blk, &cookie, &result);
        if (err != SEL4C_VIRTIO_EMPTY)
            break;
        if (d->wait != NULL)
            d->wait(d->wait_ctx);
        else if (polls == SEL4C_VIRTIO_BLKDEV_POLLS)
            goto failed; /* EMPTY: the device never answered */
    }
    /* One request at a time: the completion can only be this one's. */
    if (!err && cookie != id)
        err = SEL4C_VIRTIO_BAD_USED_ID;
    if (!err)
        err = result;
    if (!err)
        return 0;
failed:
    d->last_error = err;
    return -1;
}

static int blk_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
    sel4c_virtio_blkdev_t *d = ctx;
    uint8_t *out = buf;
    uint32_t per = d->bounce_size / SEL4C_VIRTIO_BLK_SECTOR;
    while (count > 0) {
        uint32_t n = count < per ? count : per;
        if (request(d, SEL4C_VIRTIO_BLK_READ, sector, n * SEL4C_VIRTIO_BLK_SECTOR) != 0)
            return -1;
        memcpy(out, d->bounce, (size_t)n * SEL4C_VIRTIO_BLK_SECTOR);
        out += (size_t)n * SEL4C_VIRTIO_BLK_SECTOR;
        sector += n;
        count -= n;
    }
    return 0;
}

static int blk_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
    sel4c_virtio_blkdev_t *d = ctx;
    const uint8_t *in = buf;
    uint32_t per = d->bounce_size / SEL4C_VIRTIO_BLK_SECTOR;
    while (count > 0) {
        uint32_t n = count < per ? count : per;
        memcpy(d->bounce, in, (size_t)n * SEL4C_VIRTIO_BLK_SECTOR);
        if (request(d, SEL4C_VIRTIO_BLK_WRITE, sector, n * SEL4C_VIRTIO_BLK_SECTOR) != 0)
            return -1;
        in += (size_t)n * SEL4C_VIRTIO_BLK_SECTOR;
        sector += n;
        count -= n;
    }
    return 0;
}

static int blk_flush(void *ctx)
{
    sel4c_virtio_blkdev_t *d = ctx;
    /* A device that offers no flush writes through: its writes are stable already. */
    return d->blk->can_flush ? request(d, SEL4C_VIRTIO_BLK_FLUSH, 0, 0) : 0;
}

sel4c_virtio_err_t sel4c_virtio_blkdev_init(sel4c_virtio_blkdev_t *d, sel4c_virtio_blk_t *blk,
                                            void *bounce, uint64_t bounce_paddr,
                                            uint32_t bounce_size, void (*wait)(void *ctx),
                                            void *wait_ctx)
{
    *d = (sel4c_virtio_blkdev_t){0};
    if (bounce == NULL || bounce_size < SEL4C_VIRTIO_BLK_SECTOR ||
        bounce_size % SEL4C_VIRTIO_BLK_SECTOR)
        return SEL4C_VIRTIO_INVALID;
    *d = (sel4c_virtio_blkdev_t){.blk = blk,
                                 .bounce = bounce,
                                 .bounce_paddr = bounce_paddr,
                                 .bounce_size = bounce_size,
                                 .wait = wait,
                                 .wait_ctx = wait_ctx};
    d->dev = (sel4c_blk_t){.ctx = d,
                           .read = blk_read,
                           .write = blk_write,
                           .flush = blk_flush,
                           .sector_count = blk->capacity,
                           .sector_size = SEL4C_VIRTIO_BLK_SECTOR};
    return SEL4C_VIRTIO_OK;
}

const sel4c_blk_t *sel4c_virtio_blkdev_dev(sel4c_virtio_blkdev_t *d)
{
    return &d->dev;
}
