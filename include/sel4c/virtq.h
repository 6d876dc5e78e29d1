/*
 * Split virtqueues (virtio 1.2, section 2.7) in memory shared with the device.
 *
 * Who writes what: the driver writes the descriptor table and the available ring; the device
 * writes the used ring. The driver never trusts what it reads back from shared memory: the
 * free list, the chains in flight and their lengths are kept here, in the driver's private
 * memory, and every used-ring entry is checked against them (an id that is not the head of a
 * chain in flight, a length beyond the chain's device-writable bytes, or a used index that
 * runs ahead of what was made available is an error, and the queue is then broken: every
 * later call fails with DEVICE_FAILED).
 *
 * Layout (both transports use the same one, which the legacy transport requires): the
 * descriptor table at offset 0, the available ring right after it, and the used ring at the
 * next 4 KiB boundary; sel4c_virtq_bytes() says how much memory a queue of a size takes.
 *
 * One thread owns a queue; the device is the only peer. Event-index suppression and indirect
 * descriptors are not used (nothing negotiates them).
 */
#ifndef SEL4C_VIRTQ_H
#define SEL4C_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sel4c/virtio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest queue this library drives (the private state is sized for it). */
#define SEL4C_VIRTQ_MAX_SIZE 256u
#define SEL4C_VIRTQ_ALIGN    4096u

/* The shared structures, little-endian as on every architecture sel4c runs on. */
struct sel4c_virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};
#define SEL4C_VIRTQ_DESC_F_NEXT          1u
#define SEL4C_VIRTQ_DESC_F_WRITE         2u
#define SEL4C_VIRTQ_AVAIL_F_NO_INTERRUPT 1u

struct sel4c_virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[];
};

struct sel4c_virtq_used_elem {
    uint32_t id;
    uint32_t len;
};

struct sel4c_virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct sel4c_virtq_used_elem ring[];
};

/* One buffer of a request: its physical address and length. */
typedef struct sel4c_virtq_buf {
    uint64_t paddr;
    uint32_t len;
} sel4c_virtq_buf_t;

typedef struct sel4c_virtq {
    uint16_t size;      /* power of two, at most SEL4C_VIRTQ_MAX_SIZE */
    uint16_t num_free;  /* descriptors on the free list */
    uint16_t free_head; /* first free descriptor */
    uint16_t avail_idx; /* the driver's copy of avail->idx */
    uint16_t last_used; /* next used-ring entry to collect */
    uint16_t in_flight; /* chains given to the device and not yet collected */
    uint16_t broken;    /* set when the device misbehaved */
    uint16_t bad_index; /* the used-ring entry found bad (when broken) */
    uint32_t bad_value; /* its id or length (when broken) */
    uint64_t paddr;     /* physical address of the descriptor table */
    volatile struct sel4c_virtq_desc *desc;
    volatile struct sel4c_virtq_avail *avail;
    volatile struct sel4c_virtq_used *used;
    uint64_t avail_paddr, used_paddr;
    uint16_t next_free[SEL4C_VIRTQ_MAX_SIZE];   /* free list links (private) */
    uint16_t chain_len[SEL4C_VIRTQ_MAX_SIZE];   /* per head in flight: descriptors; 0 if free */
    uint32_t chain_write[SEL4C_VIRTQ_MAX_SIZE]; /* per head in flight: device-writable bytes */
} sel4c_virtq_t;

/* Bytes of shared memory a queue of `size` entries needs (a multiple of 4 KiB). */
size_t sel4c_virtq_bytes(uint16_t size);

/*
 * Lays a queue of `size` entries (a power of two, 1..SEL4C_VIRTQ_MAX_SIZE) out in `mem` (4 KiB
 * aligned, at physical address `paddr`, `mem_bytes` long) and zeroes it.
 * Errors: INVALID (size, alignment, or memory too small).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtq_init(sel4c_virtq_t *vq, void *mem,
                                                            uint64_t paddr, size_t mem_bytes,
                                                            uint16_t size);

/*
 * Makes one request available: `n_out` buffers the device reads, then `n_in` it writes, as one
 * descriptor chain. On success *head names the chain (the id the device will return). The
 * caller then notifies the device (sel4c_virtio_mmio_notify).
 * Errors: INVALID (no buffers, or a zero length), NO_SPACE (not enough free descriptors; try
 * again after collecting), DEVICE_FAILED (the queue is broken).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtq_add(sel4c_virtq_t *vq,
                                                           const sel4c_virtq_buf_t *bufs,
                                                           unsigned n_out, unsigned n_in,
                                                           uint16_t *head);

/*
 * Collects one used chain: *head is its id (as returned by sel4c_virtq_add) and *len the bytes
 * the device says it wrote, checked to be at most the chain's writable bytes. The chain's
 * descriptors are free again.
 * Errors: EMPTY (nothing used), BAD_USED_IDX, BAD_USED_ID, BAD_USED_LEN (the queue is then
 * broken: vq->bad_index and vq->bad_value say which entry and what it held), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtq_get_used(sel4c_virtq_t *vq, uint16_t *head,
                                                                uint32_t *len);

/*
 * Asks the device to interrupt for chains it uses (`on`, the state after init) or not (a hint
 * the device may ignore: section 2.7.7). A driver that turns them on must collect again
 * afterwards: chains used before the device saw the flag raise no interrupt. The full barrier
 * here orders the flag before that collection's read of the used index.
 */
void sel4c_virtq_interrupts(sel4c_virtq_t *vq, bool on);

#ifdef __cplusplus
}
#endif

#endif
