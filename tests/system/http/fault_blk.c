/*
 * Test code for system/http-server-fault-*, linked into the virtio_blk driver PD with
 * -Wl,--wrap=notified (the driver's sources are not changed): the driver faults on the first
 * device interrupt that reports a configuration change, which the test causes from the host
 * (QEMU's block_resize) once the server has loaded its site. The fault is a store to address
 * 0, which the monitor reports.
 */
#include <stdint.h>
#include <stdio.h>

#include <microkit.h>
#include <sel4c/virtio.h>

#define IRQ_CH                       0
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_INT_CONFIG            2u

extern uintptr_t virtio_regs, virtio_regs_size;

void __real_notified(microkit_channel ch);

void __wrap_notified(microkit_channel ch)
{
    uintptr_t base;
    unsigned slot;
    if (ch == IRQ_CH && sel4c_virtio_mmio_find(virtio_regs, virtio_regs_size, SEL4C_VIRTIO_ID_BLOCK,
                                               &base, &slot) == SEL4C_VIRTIO_OK) {
        uint32_t status = *(volatile uint32_t *)(base + VIRTIO_MMIO_INTERRUPT_STATUS);
        if (status & VIRTIO_INT_CONFIG) {
            printf("virtio-blk: test fault: configuration change\n");
            *(volatile uint32_t *)0 = 1;
        }
    }
    __real_notified(ch);
}
