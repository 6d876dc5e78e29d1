/*
 * Errors of sel4c's shared-memory queues (<sel4c/queue.h> and <sel4c/queue/{net,blk,serial}.h).
 *
 * The peer on the other side of a queue is not trusted: every index, offset and length it
 * writes is read once and checked before use, and each way it can be wrong has its own code,
 * which sel4c_queue_strerror() turns into a sentence naming the field and the reason.
 */
#pragma once

#ifndef SEL4C_QUEUE_MUST_CHECK
#define SEL4C_QUEUE_MUST_CHECK __attribute__((warn_unused_result))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sel4c_queue_err {
    SEL4C_QUEUE_OK = 0,
    /* Nothing to dequeue. */
    SEL4C_QUEUE_EEMPTY,
    /* No room to enqueue. */
    SEL4C_QUEUE_EFULL,
    /* The caller's own argument is wrong (init: capacity, sizes, alignment). */
    SEL4C_QUEUE_EINVAL,
    /* The producer's tail is more than capacity ahead of the consumer's head, or behind it. */
    SEL4C_QUEUE_ECORRUPT_TAIL,
    /* The consumer's head is ahead of the producer's tail, or more than capacity behind it. */
    SEL4C_QUEUE_ECORRUPT_HEAD,
    /* A descriptor's offset (or I/O address) is outside the data region. */
    SEL4C_QUEUE_EBAD_OFFSET,
    /* A descriptor's offset is inside the data region but not the start of one of its buffers. */
    SEL4C_QUEUE_EBAD_BUFFER,
    /* A descriptor's length (or block count) runs past its buffer or the data region. */
    SEL4C_QUEUE_EBAD_LENGTH,
    /* A block request code or response status that sDDF does not define. */
    SEL4C_QUEUE_EBAD_CODE,
} sel4c_queue_err_t;

/* A static sentence saying what `err` means ("tail more than capacity ahead of head..."). */
const char *sel4c_queue_strerror(int err);

#ifdef __cplusplus
}
#endif
