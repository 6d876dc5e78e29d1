/* A fake virtio-mmio device in host memory (fake_device.h). */
#include "fake_device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sel4c/virtio.h>

#include "../../drivers/virtio/mmio_regs.h"

struct fake_device fake;
uint8_t *fake_ram;
uint8_t fake_disk[FAKE_DISK_BYTES];

static void violation(const char *what)
{
    if (!fake.error[0])
        snprintf(fake.error, sizeof fake.error, "%s", what);
}

void fake_reset(uint32_t version, uint32_t device_id)
{
    if (!fake_ram)
        fake_ram = aligned_alloc(4096, FAKE_RAM_BYTES);
    memset(fake_ram, 0x5a, FAKE_RAM_BYTES); /* the driver must zero what it uses */
    fake = (struct fake_device){
        .magic = VIRTIO_MMIO_MAGIC,
        .version = version,
        .device_id = device_id,
        .queue_num_max = 64,
    };
    if (version == 2)
        fake.offered |= SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_F_VERSION_1);
}

void *fake_ptr(uint64_t paddr, uint64_t len)
{
    if (paddr < FAKE_RAM_PADDR || paddr - FAKE_RAM_PADDR > FAKE_RAM_BYTES ||
        len > FAKE_RAM_BYTES - (paddr - FAKE_RAM_PADDR))
        return NULL;
    return fake_ram + (paddr - FAKE_RAM_PADDR);
}

/* Where the rings are, as the device computes it from what the driver told it. */
static bool rings(uint8_t **desc, uint8_t **avail, uint8_t **used)
{
    uint64_t d, a, u, n = fake.num;
    if (fake.version == 1) {
        if (fake.page_size != 4096 || fake.queue_align != 4096) {
            violation("legacy queue without GuestPageSize/QueueAlign 4096");
            return false;
        }
        d = (uint64_t)fake.pfn * fake.page_size;
        a = d + 16 * n;
        u = (a + 6 + 2 * n + fake.queue_align - 1) / fake.queue_align * fake.queue_align;
    } else {
        d = fake.desc, a = fake.driver, u = fake.device;
    }
    *desc = fake_ptr(d, 16 * n);
    *avail = fake_ptr(a, 6 + 2 * n);
    *used = fake_ptr(u, 6 + 8 * n);
    if (!*desc || !*avail || !*used) {
        violation("queue outside RAM");
        return false;
    }
    return true;
}

struct desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};

/* Serves one chain; returns the bytes written and sets *second to its second descriptor. */
static uint32_t serve(uint8_t *table, uint16_t head, uint16_t *second)
{
    struct desc chain[8];
    unsigned n = 0;
    uint16_t d = head;
    for (;;) {
        if (d >= fake.num || n == 8) {
            violation("bad descriptor chain");
            return 0;
        }
        memcpy(&chain[n], table + 16 * d, 16);
        if (!fake_ptr(chain[n].addr, chain[n].len)) {
            violation("descriptor outside RAM");
            return 0;
        }
        n++;
        if (!(chain[n - 1].flags & 1))
            break;
        d = chain[n - 1].next;
    }
    *second = n >= 2 ? chain[0].next : head;
    uint32_t written = 0;
    if (fake.device_id == SEL4C_VIRTIO_ID_RNG) {
        for (unsigned i = 0; i < n; i++) {
            if (!(chain[i].flags & 2)) {
                violation("rng buffer not device-writable");
                return 0;
            }
            uint8_t *p = fake_ptr(chain[i].addr, chain[i].len);
            for (uint32_t j = 0; j < chain[i].len; j++)
                p[j] = (uint8_t)(fake.completed * 31 + j * 7 + 1);
            written += chain[i].len;
        }
        return written;
    }
    /* block: header, [data], status */
    if (n < 2 || chain[0].len != 16 || (chain[0].flags & 2) || chain[n - 1].len != 1 ||
        !(chain[n - 1].flags & 2)) {
        violation("malformed block request");
        return 0;
    }
    uint32_t type;
    uint64_t sector;
    uint8_t *hdr = fake_ptr(chain[0].addr, 16);
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    uint8_t *status = fake_ptr(chain[n - 1].addr, 1);
    *status = 0;
    if (type == 0 || type == 1) {
        if (n != 3 || (type == 0) != !!(chain[1].flags & 2)) {
            violation("block data descriptor of the wrong direction");
            return 0;
        }
        uint64_t off = sector * 512;
        if (off > FAKE_DISK_BYTES || chain[1].len > FAKE_DISK_BYTES - off) {
            *status = 1; /* the device's own range check */
            return 1;
        }
        uint8_t *p = fake_ptr(chain[1].addr, chain[1].len);
        if (type == 0) {
            memcpy(p, fake_disk + off, chain[1].len);
            written = chain[1].len;
        } else {
            memcpy(fake_disk + off, p, chain[1].len);
        }
    } else if (type != 4) {
        *status = 2;
    }
    if (fake.misbehave == FAKE_IO_ERROR)
        *status = 1;
    if (fake.misbehave == FAKE_SHORT_READ && type == 0)
        return 1;
    return written + 1;
}

void fake_complete(void)
{
    uint8_t *desc, *avail, *used;
    if (!(fake.status & VIRTIO_STATUS_DRIVER_OK)) {
        violation("notified before DRIVER_OK");
        return;
    }
    if (!rings(&desc, &avail, &used))
        return;
    uint16_t avail_idx;
    memcpy(&avail_idx, avail + 2, 2);
    while (fake.last_avail != avail_idx) {
        uint16_t head;
        memcpy(&head, avail + 4 + 2 * (fake.last_avail % fake.num), 2);
        fake.last_avail++;
        uint16_t second = 0;
        uint32_t len = serve(desc, head, &second);
        uint32_t id = head;
        if (fake.misbehave == FAKE_BAD_ID)
            id = fake.num + 3;
        if (fake.misbehave == FAKE_NOT_HEAD_ID)
            id = second;
        if (fake.misbehave == FAKE_BAD_LEN)
            len += 1;
        uint8_t *elem = used + 4 + 8 * (fake.used_idx % fake.num);
        memcpy(elem, &id, 4);
        memcpy(elem + 4, &len, 4);
        fake.used_idx++;
        fake.completed++;
    }
    uint16_t idx = (uint16_t)(fake.used_idx + (fake.misbehave == FAKE_BAD_IDX));
    memcpy(used + 2, &idx, 2);
    fake.isr |= 1;
}

uint32_t sel4c_virtio_mmio_read32(uintptr_t addr)
{
    uint32_t reg = (uint32_t)(addr - FAKE_REGS_BASE);
    if (addr < FAKE_REGS_BASE || reg >= SEL4C_VIRTIO_MMIO_SIZE || reg % 4) {
        violation("register read outside the window");
        return 0;
    }
    switch (reg) {
    case VIRTIO_MMIO_MAGIC_VALUE: return fake.magic;
    case VIRTIO_MMIO_VERSION: return fake.version;
    case VIRTIO_MMIO_DEVICE_ID: return fake.device_id;
    case VIRTIO_MMIO_VENDOR_ID: return 0x554d4551;
    case VIRTIO_MMIO_DEVICE_FEATURES:
        return fake.features_sel == 0   ? (uint32_t)fake.offered
               : fake.features_sel == 1 ? (uint32_t)(fake.offered >> 32)
                                        : 0;
    case VIRTIO_MMIO_QUEUE_NUM_MAX: return fake.queue_sel == 0 ? fake.queue_num_max : 0;
    case VIRTIO_MMIO_QUEUE_PFN: return fake.pfn;
    case VIRTIO_MMIO_QUEUE_READY: return fake.ready;
    case VIRTIO_MMIO_INTERRUPT_STATUS: return fake.isr;
    case VIRTIO_MMIO_STATUS: return fake.status;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        if (fake.flip_generation) {
            fake.flip_generation--;
            fake.generation++;
        }
        return fake.generation;
    default:
        if (reg >= VIRTIO_MMIO_CONFIG) {
            uint32_t v;
            memcpy(&v, fake.config + (reg - VIRTIO_MMIO_CONFIG), 4);
            return v;
        }
        violation("read of a write-only or reserved register");
        return 0;
    }
}

void sel4c_virtio_mmio_write32(uintptr_t addr, uint32_t value)
{
    uint32_t reg = (uint32_t)(addr - FAKE_REGS_BASE);
    if (addr < FAKE_REGS_BASE || reg >= SEL4C_VIRTIO_MMIO_SIZE || reg % 4) {
        violation("register write outside the window");
        return;
    }
    bool legacy = fake.version == 1;
    switch (reg) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL: fake.features_sel = value; break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL: fake.driver_features_sel = value; break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        if (fake.driver_features_sel == 0)
            fake.driver_features = (fake.driver_features & ~0xffffffffull) | value;
        else if (fake.driver_features_sel == 1)
            fake.driver_features = (fake.driver_features & 0xffffffffull) | (uint64_t)value << 32;
        if (fake.driver_features & ~fake.offered)
            violation("driver accepted a feature the device did not offer");
        break;
    case VIRTIO_MMIO_GUEST_PAGE_SIZE: fake.page_size = value; break;
    case VIRTIO_MMIO_QUEUE_SEL: fake.queue_sel = value; break;
    case VIRTIO_MMIO_QUEUE_NUM:
        if (value > fake.queue_num_max || (value & (value - 1)))
            violation("queue size beyond QueueNumMax or not a power of two");
        fake.num = value;
        break;
    case VIRTIO_MMIO_QUEUE_ALIGN: fake.queue_align = value; break;
    case VIRTIO_MMIO_QUEUE_PFN:
        if (!legacy)
            violation("QueuePFN on the modern transport");
        fake.pfn = value;
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        if (legacy)
            violation("QueueReady on the legacy transport");
        fake.ready = value;
        break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW: fake.desc = (fake.desc & ~0xffffffffull) | value; break;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        fake.desc = (fake.desc & 0xffffffffull) | (uint64_t)value << 32;
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW: fake.driver = (fake.driver & ~0xffffffffull) | value; break;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        fake.driver = (fake.driver & 0xffffffffull) | (uint64_t)value << 32;
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW: fake.device = (fake.device & ~0xffffffffull) | value; break;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        fake.device = (fake.device & 0xffffffffull) | (uint64_t)value << 32;
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        fake.notifies++;
        if (!fake.deferred)
            fake_complete();
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK: fake.isr &= ~value; break;
    case VIRTIO_MMIO_STATUS:
        if (value == 0) { /* reset */
            fake.status = 0, fake.pfn = 0, fake.ready = 0, fake.driver_features = 0;
            fake.last_avail = 0, fake.used_idx = 0, fake.isr = 0;
            break;
        }
        if (!legacy && (value & VIRTIO_STATUS_FEATURES_OK) &&
            !(fake.status & VIRTIO_STATUS_FEATURES_OK)) {
            if (!(fake.driver_features & SEL4C_VIRTIO_FEATURE(SEL4C_VIRTIO_F_VERSION_1)))
                violation("FEATURES_OK without VERSION_1");
            if (fake.refuse_features_ok)
                value &= ~VIRTIO_STATUS_FEATURES_OK;
        }
        if ((value & VIRTIO_STATUS_DRIVER_OK) && !legacy && !fake.ready)
            violation("DRIVER_OK before the queue was ready");
        fake.status = value;
        break;
    default: violation("write of a read-only or reserved register"); break;
    }
}
