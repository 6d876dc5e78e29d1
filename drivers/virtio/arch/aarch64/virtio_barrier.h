/*
 * Barriers between the driver and a virtio device (AArch64). The rings live in normal memory
 * the device reads and writes by DMA, the registers in device memory; the device is in the
 * outer-shareable domain, so the barriers are the "osh" forms.
 */
#ifndef VIRTIO_BARRIER_H
#define VIRTIO_BARRIER_H

/* Orders earlier writes to the rings before later writes (the ring index, a register). */
static inline void virtio_wmb(void)
{
    __asm__ volatile("dmb oshst" ::: "memory");
}

/* Orders earlier reads (the used index, the interrupt status) before later reads. */
static inline void virtio_rmb(void)
{
    __asm__ volatile("dmb oshld" ::: "memory");
}

/* Orders everything before against everything after. */
static inline void virtio_mb(void)
{
    __asm__ volatile("dmb osh" ::: "memory");
}

#endif
