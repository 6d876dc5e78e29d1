/* The virtio-mmio transport: probe, handshake, features, queues, interrupts (<sel4c/virtio.h>). */
#include <sel4c/virtio.h>
#include <sel4c/virtq.h>

#include "mmio_regs.h"
#include "virtio_barrier.h"

static uint32_t rd(sel4c_virtio_mmio_t *dev, uint32_t reg)
{
    return sel4c_virtio_mmio_read32(dev->base + reg);
}

static void wr(sel4c_virtio_mmio_t *dev, uint32_t reg, uint32_t value)
{
    sel4c_virtio_mmio_write32(dev->base + reg, value);
}

const char *sel4c_virtio_strerror(sel4c_virtio_err_t err)
{
    static const char *const names[] = {
        [SEL4C_VIRTIO_OK] = "no error",
        [SEL4C_VIRTIO_NO_DEVICE] = "no virtio device",
        [SEL4C_VIRTIO_WRONG_DEVICE] = "a virtio device of another type",
        [SEL4C_VIRTIO_BAD_VERSION] = "unknown virtio-mmio version",
        [SEL4C_VIRTIO_FEATURES] = "feature negotiation failed",
        [SEL4C_VIRTIO_QUEUE_UNAVAIL] = "queue unavailable",
        [SEL4C_VIRTIO_INVALID] = "invalid argument",
        [SEL4C_VIRTIO_NO_SPACE] = "queue full",
        [SEL4C_VIRTIO_EMPTY] = "nothing used",
        [SEL4C_VIRTIO_BAD_USED_IDX] = "device moved the used index too far",
        [SEL4C_VIRTIO_BAD_USED_ID] = "device returned an id not in flight",
        [SEL4C_VIRTIO_BAD_USED_LEN] = "device returned a length beyond the buffers",
        [SEL4C_VIRTIO_DEVICE_FAILED] = "device failed",
        [SEL4C_VIRTIO_DEVICE_ERROR] = "device reported an error",
        [SEL4C_VIRTIO_UNSUPPORTED] = "not supported by the device",
    };
    if ((unsigned)err < sizeof names / sizeof names[0] && names[err])
        return names[err];
    return "unknown error";
}

sel4c_virtio_err_t sel4c_virtio_mmio_probe(sel4c_virtio_mmio_t *dev, uintptr_t base,
                                           uint32_t device_id)
{
    *dev = (sel4c_virtio_mmio_t){.base = base};
    if (rd(dev, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
        return SEL4C_VIRTIO_NO_DEVICE;
    dev->version = rd(dev, VIRTIO_MMIO_VERSION);
    if (dev->version != 1 && dev->version != 2)
        return SEL4C_VIRTIO_BAD_VERSION;
    dev->device_id = rd(dev, VIRTIO_MMIO_DEVICE_ID);
    if (dev->device_id == 0)
        return SEL4C_VIRTIO_NO_DEVICE;
    if (dev->device_id != device_id)
        return SEL4C_VIRTIO_WRONG_DEVICE;
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_mmio_find(uintptr_t window, size_t bytes, uint32_t device_id,
                                          uintptr_t *base, unsigned *index)
{
    for (size_t i = bytes / SEL4C_VIRTIO_MMIO_SIZE; i-- > 0;) {
        sel4c_virtio_mmio_t dev;
        if (sel4c_virtio_mmio_probe(&dev, window + i * SEL4C_VIRTIO_MMIO_SIZE, device_id) ==
            SEL4C_VIRTIO_OK) {
            *base = dev.base;
            *index = (unsigned)i;
            return SEL4C_VIRTIO_OK;
        }
    }
    return SEL4C_VIRTIO_NO_DEVICE;
}

void sel4c_virtio_mmio_fail(sel4c_virtio_mmio_t *dev)
{
    wr(dev, VIRTIO_MMIO_STATUS, rd(dev, VIRTIO_MMIO_STATUS) | VIRTIO_STATUS_FAILED);
}

bool sel4c_virtio_mmio_needs_reset(sel4c_virtio_mmio_t *dev)
{
    return rd(dev, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_DEVICE_NEEDS_RESET;
}

static uint64_t device_features(sel4c_virtio_mmio_t *dev)
{
    wr(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t low = rd(dev, VIRTIO_MMIO_DEVICE_FEATURES);
    wr(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    uint64_t high = rd(dev, VIRTIO_MMIO_DEVICE_FEATURES);
    return high << 32 | low;
}

static void driver_features(sel4c_virtio_mmio_t *dev, uint64_t features)
{
    wr(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    wr(dev, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)features);
    wr(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    wr(dev, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
}

sel4c_virtio_err_t sel4c_virtio_mmio_negotiate(sel4c_virtio_mmio_t *dev, uint64_t required,
                                               uint64_t optional)
{
    /* Reset, then announce ourselves (section 3.1.1). */
    wr(dev, VIRTIO_MMIO_STATUS, 0);
    virtio_mb();
    wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
    wr(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);

    if (dev->version == 2)
        required |= SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_F_VERSION_1);
    uint64_t offered = device_features(dev);
    /* A legacy device has no VERSION_1 and only 32 feature bits that mean anything. */
    if (dev->version == 1)
        offered &= 0xffffffffu;
    if ((offered & required) != required) {
        sel4c_virtio_mmio_fail(dev);
        return SEL4C_VIRTIO_FEATURES;
    }
    dev->features = required | (offered & optional);
    driver_features(dev, dev->features);
    if (dev->version == 1)
        return SEL4C_VIRTIO_OK; /* legacy devices have no FEATURES_OK step */

    uint32_t status = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK;
    wr(dev, VIRTIO_MMIO_STATUS, status);
    if (!(rd(dev, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
        sel4c_virtio_mmio_fail(dev);
        return SEL4C_VIRTIO_FEATURES;
    }
    return SEL4C_VIRTIO_OK;
}

uint32_t sel4c_virtio_mmio_queue_max(sel4c_virtio_mmio_t *dev, uint32_t index)
{
    wr(dev, VIRTIO_MMIO_QUEUE_SEL, index);
    return rd(dev, VIRTIO_MMIO_QUEUE_NUM_MAX);
}

sel4c_virtio_err_t sel4c_virtio_mmio_queue_setup(sel4c_virtio_mmio_t *dev, uint32_t index,
                                                 struct sel4c_virtq *vq)
{
    uint32_t max = sel4c_virtio_mmio_queue_max(dev, index);
    if (max == 0 || vq->size > max)
        return SEL4C_VIRTIO_QUEUE_UNAVAIL;

    if (dev->version == 1) {
        /* The legacy transport takes one page frame number; the rings follow our layout. */
        if (vq->paddr % SEL4C_VIRTQ_ALIGN || vq->paddr / SEL4C_VIRTQ_ALIGN > 0xffffffffu)
            return SEL4C_VIRTIO_INVALID;
        if (rd(dev, VIRTIO_MMIO_QUEUE_PFN) != 0)
            return SEL4C_VIRTIO_QUEUE_UNAVAIL;
        wr(dev, VIRTIO_MMIO_GUEST_PAGE_SIZE, SEL4C_VIRTQ_ALIGN);
        wr(dev, VIRTIO_MMIO_QUEUE_NUM, vq->size);
        wr(dev, VIRTIO_MMIO_QUEUE_ALIGN, SEL4C_VIRTQ_ALIGN);
        virtio_wmb(); /* the zeroed rings before the device may look at them */
        wr(dev, VIRTIO_MMIO_QUEUE_PFN, (uint32_t)(vq->paddr / SEL4C_VIRTQ_ALIGN));
        return SEL4C_VIRTIO_OK;
    }

    if (rd(dev, VIRTIO_MMIO_QUEUE_READY) != 0)
        return SEL4C_VIRTIO_QUEUE_UNAVAIL;
    wr(dev, VIRTIO_MMIO_QUEUE_NUM, vq->size);
    wr(dev, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)vq->paddr);
    wr(dev, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(vq->paddr >> 32));
    wr(dev, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)vq->avail_paddr);
    wr(dev, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(vq->avail_paddr >> 32));
    wr(dev, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)vq->used_paddr);
    wr(dev, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(vq->used_paddr >> 32));
    virtio_wmb();
    wr(dev, VIRTIO_MMIO_QUEUE_READY, 1);
    return SEL4C_VIRTIO_OK;
}

sel4c_virtio_err_t sel4c_virtio_mmio_ready(sel4c_virtio_mmio_t *dev)
{
    uint32_t status = VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK;
    if (dev->version == 2)
        status |= VIRTIO_STATUS_FEATURES_OK;
    virtio_wmb();
    wr(dev, VIRTIO_MMIO_STATUS, status);
    uint32_t now = rd(dev, VIRTIO_MMIO_STATUS);
    if (now & (VIRTIO_STATUS_DEVICE_NEEDS_RESET | VIRTIO_STATUS_FAILED))
        return SEL4C_VIRTIO_DEVICE_FAILED;
    return SEL4C_VIRTIO_OK;
}

void sel4c_virtio_mmio_notify(sel4c_virtio_mmio_t *dev, uint32_t index)
{
    virtio_wmb(); /* the available ring before the doorbell */
    wr(dev, VIRTIO_MMIO_QUEUE_NOTIFY, index);
}

uint32_t sel4c_virtio_mmio_irq_ack(sel4c_virtio_mmio_t *dev)
{
    uint32_t bits = rd(dev, VIRTIO_MMIO_INTERRUPT_STATUS) & 3u;
    if (bits)
        wr(dev, VIRTIO_MMIO_INTERRUPT_ACK, bits);
    virtio_rmb(); /* the status before the used ring it announces */
    return bits;
}

uint32_t sel4c_virtio_mmio_config32(sel4c_virtio_mmio_t *dev, uint32_t offset)
{
    return rd(dev, VIRTIO_MMIO_CONFIG + offset);
}

sel4c_virtio_err_t sel4c_virtio_mmio_config64(sel4c_virtio_mmio_t *dev, uint32_t offset,
                                              uint64_t *value)
{
    /* Two reads can straddle a change; the modern transport's generation counter tells. A
     * device that never settles is refused rather than waited for. */
    for (int tries = 0; tries < 16; tries++) {
        uint32_t gen = dev->version == 2 ? rd(dev, VIRTIO_MMIO_CONFIG_GENERATION) : 0;
        uint64_t low = rd(dev, VIRTIO_MMIO_CONFIG + offset);
        uint64_t high = rd(dev, VIRTIO_MMIO_CONFIG + offset + 4);
        if (dev->version == 1 || gen == rd(dev, VIRTIO_MMIO_CONFIG_GENERATION)) {
            *value = high << 32 | low;
            return SEL4C_VIRTIO_OK;
        }
    }
    return SEL4C_VIRTIO_DEVICE_FAILED;
}
