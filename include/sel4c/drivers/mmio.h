/*
 * Device register access for drivers. Registers are mapped uncached (cached="false" in the
 * system description), which seL4 maps as Device-nGnRnE memory on AArch64: accesses to it
 * are not merged, not repeated, not speculated and stay in program order with each other,
 * so a driver that only talks to its device's registers needs no barrier between them. The
 * volatile accesses keep the compiler from doing any of those things either.
 *
 * Drivers that also share normal memory with the device (DMA) need barriers; none here do.
 */
#ifndef SEL4C_DRIVERS_MMIO_H
#define SEL4C_DRIVERS_MMIO_H

#include <stdint.h>

/* The 32-bit register at byte offset `off` from `base`. */
static inline uint32_t sel4c_mmio_read32(uintptr_t base, uintptr_t off)
{
    return *(volatile const uint32_t *)(base + off);
}

static inline void sel4c_mmio_write32(uintptr_t base, uintptr_t off, uint32_t v)
{
    *(volatile uint32_t *)(base + off) = v;
}

#endif
