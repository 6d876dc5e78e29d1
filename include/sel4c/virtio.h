/*
 * The virtio-mmio transport (virtio 1.2, section 4.2): probing a register window, the status
 * handshake, feature negotiation, queue registration and interrupt acknowledgement, for both
 * the legacy interface (version 1, QEMU's default on `virt`) and the modern one (version 2).
 *
 * Ownership: a sel4c_virtio_mmio_t belongs to one driver, which alone touches the device's
 * registers; nothing here blocks or allocates. Registers are read and written through
 * sel4c_virtio_mmio_read32/write32 (drivers/virtio/mmio_access.c on the target; host tests
 * link a fake device in their place).
 *
 * The device is untrusted: every value read from it is checked before it is used, and every
 * refusal is an error return (never a crash).
 */
#ifndef SEL4C_VIRTIO_H
#define SEL4C_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEL4C_VIRTIO_MUST_CHECK __attribute__((warn_unused_result))

/* Errors of the virtio library. */
typedef enum sel4c_virtio_err {
    SEL4C_VIRTIO_OK = 0,
    SEL4C_VIRTIO_NO_DEVICE,     /* wrong magic value or an empty slot (device id 0) */
    SEL4C_VIRTIO_WRONG_DEVICE,  /* a device of another type */
    SEL4C_VIRTIO_BAD_VERSION,   /* a transport version other than 1 or 2 */
    SEL4C_VIRTIO_FEATURES,      /* the device lacks a feature we require, or refused ours */
    SEL4C_VIRTIO_QUEUE_UNAVAIL, /* the queue does not exist or is already in use */
    SEL4C_VIRTIO_INVALID,       /* an argument of the caller out of range */
    SEL4C_VIRTIO_NO_SPACE,      /* not enough free descriptors for the request */
    SEL4C_VIRTIO_EMPTY,         /* no used buffer to collect */
    SEL4C_VIRTIO_BAD_USED_IDX,  /* the device moved the used index beyond what it was given */
    SEL4C_VIRTIO_BAD_USED_ID,   /* a used-ring id that is not an outstanding chain's head */
    SEL4C_VIRTIO_BAD_USED_LEN,  /* a used length beyond the chain's device-writable bytes */
    SEL4C_VIRTIO_DEVICE_FAILED, /* the device needs a reset, or the queue was found broken */
    SEL4C_VIRTIO_DEVICE_ERROR,  /* the device completed a request with an error status */
    SEL4C_VIRTIO_UNSUPPORTED,   /* an operation the device did not offer (flush, write on RO) */
} sel4c_virtio_err_t;

/* A static string naming `err`. */
const char *sel4c_virtio_strerror(sel4c_virtio_err_t err);

/* Device ids (virtio 1.2, section 5). */
enum {
    SEL4C_VIRTIO_ID_NET = 1,
    SEL4C_VIRTIO_ID_BLOCK = 2,
    SEL4C_VIRTIO_ID_CONSOLE = 3,
    SEL4C_VIRTIO_ID_RNG = 4,
};

/* Feature bits of every device type. */
#define SEL4C_VIRTIO_F_VERSION_1       32
#define SEL4C_VIRTIO_F_ACCESS_PLATFORM 33
#define SEL4C_VIRTIO_FEATURE(bit)      ((uint64_t)1 << (bit))

/* The register window of one transport: 0x200 bytes, the first 0x100 registers, then config. */
#define SEL4C_VIRTIO_MMIO_SIZE 0x200u

typedef struct sel4c_virtio_mmio {
    uintptr_t base;     /* virtual address of the register window */
    uint32_t version;   /* 1 legacy, 2 modern */
    uint32_t device_id; /* SEL4C_VIRTIO_ID_* */
    uint64_t features;  /* negotiated (valid after sel4c_virtio_mmio_negotiate) */
} sel4c_virtio_mmio_t;

/*
 * Checks that the window at `base` holds a virtio-mmio transport (magic "virt", version 1 or
 * 2) with a device of type `device_id`, and fills `dev`. Touches no state of the device.
 * Errors: NO_DEVICE (no transport or an empty slot), BAD_VERSION, WRONG_DEVICE.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_probe(sel4c_virtio_mmio_t *dev,
                                                                   uintptr_t base,
                                                                   uint32_t device_id);

/*
 * Looks for a device of type `device_id` in `bytes` of consecutive transports at `window`
 * (QEMU's virt: 32 at 0xa000000, filled from the highest address down in command-line order),
 * from the highest down; on success *base is its window and *index its slot from `window`.
 * Errors: NO_DEVICE (none there).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_find(uintptr_t window, size_t bytes,
                                                                  uint32_t device_id,
                                                                  uintptr_t *base, unsigned *index);

/*
 * Resets the device and negotiates features: the device must offer every bit of `required`
 * (on the modern transport VIRTIO_F_VERSION_1 is always required); of `optional` we accept
 * what it offers; nothing else. On the modern transport FEATURES_OK must stick. On any refusal
 * the device is marked FAILED. Afterwards dev->features holds what was accepted.
 * Errors: FEATURES (a required bit missing, or FEATURES_OK refused), DEVICE_FAILED.
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_negotiate(sel4c_virtio_mmio_t *dev,
                                                                       uint64_t required,
                                                                       uint64_t optional);

/* The largest size the device allows for queue `index`; 0 when the queue does not exist. */
uint32_t sel4c_virtio_mmio_queue_max(sel4c_virtio_mmio_t *dev, uint32_t index);

struct sel4c_virtq;
/*
 * Gives the device queue `index`, laid out by sel4c_virtq_init (legacy: by page frame number,
 * modern: by the three addresses). Call after negotiate, before sel4c_virtio_mmio_ready.
 * Errors: QUEUE_UNAVAIL (no such queue, too small, or already active), INVALID (a legacy
 * queue's address not page aligned or beyond 44 bits).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_queue_setup(sel4c_virtio_mmio_t *dev,
                                                                         uint32_t index,
                                                                         struct sel4c_virtq *vq);

/* Sets DRIVER_OK: the device may now use its queues. Errors: DEVICE_FAILED. */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_ready(sel4c_virtio_mmio_t *dev);

/* Marks the device FAILED (after finding it misbehave): it must be reset to be used again. */
void sel4c_virtio_mmio_fail(sel4c_virtio_mmio_t *dev);

/* Tells the device queue `index` has new available buffers (after a write barrier). */
void sel4c_virtio_mmio_notify(sel4c_virtio_mmio_t *dev, uint32_t index);

/*
 * Reads and acknowledges the interrupt status: bit 0 used buffers, bit 1 configuration
 * change. Returns the bits acknowledged.
 */
uint32_t sel4c_virtio_mmio_irq_ack(sel4c_virtio_mmio_t *dev);

/* True when the device has set DEVICE_NEEDS_RESET. */
bool sel4c_virtio_mmio_needs_reset(sel4c_virtio_mmio_t *dev);

/* Device configuration space: the 32-bit field at byte `offset` (4-byte aligned). */
uint32_t sel4c_virtio_mmio_config32(sel4c_virtio_mmio_t *dev, uint32_t offset);
/*
 * The 64-bit field at byte `offset`, read as two halves, again while the modern transport's
 * ConfigGeneration changes in between. Errors: DEVICE_FAILED (it never settled).
 */
SEL4C_VIRTIO_MUST_CHECK sel4c_virtio_err_t sel4c_virtio_mmio_config64(sel4c_virtio_mmio_t *dev,
                                                                      uint32_t offset,
                                                                      uint64_t *value);

/* Register access (the link-time seam host tests replace). */
uint32_t sel4c_virtio_mmio_read32(uintptr_t addr);
void sel4c_virtio_mmio_write32(uintptr_t addr, uint32_t value);

#ifdef __cplusplus
}
#endif

#endif
