/*
 * The entropy service's protocol (drivers/virtio/rng_driver.c): a client asks the driver to
 * fill a buffer in memory the two share, one request at a time.
 *
 * The shared region (mapped read-write in both, zeroed when the system starts) starts with
 * struct sel4c_rng_shared; the bytes after it, up to the region's end, are the data area.
 * Requests are numbered from 1.
 *
 *   1. The client writes `len` (1 .. data area size), then increments `request` (release
 *      order), then notifies the driver.
 *   2. The driver reads `request` (acquire), and when it differs from the last it served,
 *      reads `len` once, checks it, and fills data[0 .. len) from the device (possibly over
 *      several device reads). It then writes `status` and `filled`, sets `response` to the
 *      request's number (release) and notifies the client.
 *   3. The client reads `response` (acquire); when it equals its `request`, `status` and
 *      `filled` are valid. The data area is the driver's between steps 1 and 3.
 *
 * A request whose `len` is out of range is answered with SEL4C_RNG_INVALID and nothing filled;
 * a device that failed gives SEL4C_RNG_DEVICE_FAILED. The driver never blocks on a client and
 * never reads the data area; a client that breaks the protocol only gets wrong answers.
 *
 * Synchronously, by protected procedure call (the client's channel end has pp="true"; the
 * driver has the higher priority), for a caller that cannot wait for a notification (a TLS
 * library's entropy callback): label SEL4C_RNG_PPC_FILL, MR0 = bytes wanted (1 ..
 * SEL4C_RNG_PPC_MAX, and at most the data area's size). The driver copies them from a pool it
 * keeps full of device bytes into data[0 ..) and replies with the status as the label and MR0 =
 * bytes filled (all or none). Statuses: SEL4C_RNG_OK; SEL4C_RNG_INVALID; SEL4C_RNG_BUSY (a
 * request of the notification protocol is being filled: the data area is in use);
 * SEL4C_RNG_AGAIN (the pool is being refilled: call again after other work);
 * SEL4C_RNG_DEVICE_FAILED. The pool is full when the system starts (the driver fills it in
 * init()); no byte is given out twice.
 */
#ifndef SEL4C_PROTOCOL_RNG_H
#define SEL4C_PROTOCOL_RNG_H

#include <stdint.h>

enum sel4c_rng_status {
    SEL4C_RNG_OK = 0,
    SEL4C_RNG_INVALID = 1,       /* len 0 or beyond the data area (or the PP call's limit) */
    SEL4C_RNG_DEVICE_FAILED = 2, /* no entropy device, or it misbehaved */
    SEL4C_RNG_BUSY = 3,          /* PP call: a notification-protocol request is being filled */
    SEL4C_RNG_AGAIN = 4,         /* PP call: not enough bytes in the pool yet */
};

/* The PP call's label, and the most bytes one call may ask for. */
#define SEL4C_RNG_PPC_FILL 1u
#define SEL4C_RNG_PPC_MAX  256u

struct sel4c_rng_shared {
    uint32_t request;  /* written by the client */
    uint32_t len;      /* written by the client */
    uint32_t response; /* written by the driver */
    uint32_t status;   /* written by the driver: enum sel4c_rng_status */
    uint32_t filled;   /* written by the driver: bytes of data[] filled (len when OK) */
    uint32_t reserved[11];
    uint8_t data[]; /* offset 64 */
};

#endif
