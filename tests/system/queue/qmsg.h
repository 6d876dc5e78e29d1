/* What the PDs of queue.system exchange: a sequence number and a pattern derived from it. */
#pragma once

#include <stdint.h>

#define QMSG_COUNT    1000000u
#define QMSG_CAPACITY 128u

typedef struct qmsg {
    uint64_t seq;
    uint64_t pattern;
} qmsg_t;

static inline qmsg_t qmsg_make(uint64_t seq)
{
    return (qmsg_t){seq, seq * 0x9e3779b97f4a7c15ull ^ 0x5555};
}
