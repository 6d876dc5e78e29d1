/*
 * Register access of the virtio-mmio transport on the target: single 32-bit accesses to device
 * memory (mapped uncached), which the compiler must neither merge, split nor drop.
 */
#include <sel4c/virtio.h>

uint32_t sel4c_virtio_mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

void sel4c_virtio_mmio_write32(uintptr_t addr, uint32_t value)
{
    *(volatile uint32_t *)addr = value;
}
