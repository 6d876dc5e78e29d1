/*
 * Barriers between the driver and a virtio device (x86-64, where the host tests run). Stores
 * are not reordered with stores nor loads with loads, so the compiler is all that needs
 * holding back, except for the full barrier.
 */
#ifndef VIRTIO_BARRIER_H
#define VIRTIO_BARRIER_H

static inline void virtio_wmb(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

static inline void virtio_rmb(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

static inline void virtio_mb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif
