/*
 * The virtio-blk driver's client interface until sel4c's sDDF-layout block queues land: a
 * control region shared by the driver and one client, with the device's size, a request ring
 * and a response ring, and a data region the client's buffers live in. The requests have
 * sDDF's fields and units (4 KiB transfer blocks, data as offsets into the data region), so
 * moving to the sDDF queues changes only where the fields are.
 *
 * Rings: single producer, single consumer; `tail` is written by the producer, `head` by the
 * consumer, both only ever incremented (mod 2^32); an entry is the producer's while
 * tail - head < BLK_INTERIM_RING. Each side publishes its index with release order and reads
 * the other's with acquire order. The client produces requests and consumes responses; the
 * driver the reverse. The driver copies every request out of shared memory before checking
 * it, and answers every request it takes, in any order, matched by `id`.
 */
#ifndef BLK_INTERIM_H
#define BLK_INTERIM_H

#include <stdint.h>

#define BLK_TRANSFER_SIZE 4096u /* the unit of block_number and count */
#define BLK_INTERIM_RING  64u

enum blk_interim_code {
    BLK_REQ_READ = 0,
    BLK_REQ_WRITE = 1,
    BLK_REQ_FLUSH = 2,
};

enum blk_interim_status {
    BLK_RESP_OK = 0,
    BLK_RESP_SEEK_ERROR = 1, /* blocks beyond the device's capacity */
    BLK_RESP_INVALID = 2,    /* bad code, count, or data outside the data region/misaligned */
    BLK_RESP_IO_ERROR = 3,   /* the device failed the request, or failed */
    BLK_RESP_READ_ONLY = 4,  /* a write to a read-only device */
};

struct blk_interim_req {
    uint32_t code;         /* enum blk_interim_code */
    uint32_t id;           /* the client's, returned in the response */
    uint64_t offset;       /* bytes into the data region, a multiple of BLK_TRANSFER_SIZE */
    uint64_t block_number; /* in BLK_TRANSFER_SIZE units */
    uint32_t count;        /* in BLK_TRANSFER_SIZE units, at least 1 */
    uint32_t reserved;
};

struct blk_interim_resp {
    uint32_t status; /* enum blk_interim_status */
    uint32_t id;
    uint32_t count; /* blocks transferred */
    uint32_t reserved;
};

struct blk_interim_ctrl {
    /* written by the driver once, before `ready` */
    uint64_t capacity;   /* in BLK_TRANSFER_SIZE units */
    uint32_t block_size; /* the device's logical block size in bytes */
    uint32_t read_only;
    uint32_t ready; /* 1 when the device is up (release order), 2 if it failed */
    uint32_t reserved[11];
    uint32_t req_head, req_tail;
    struct blk_interim_req req[BLK_INTERIM_RING];
    uint32_t resp_head, resp_tail;
    struct blk_interim_resp resp[BLK_INTERIM_RING];
};

#endif
