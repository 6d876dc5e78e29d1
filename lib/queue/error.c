/* Sentences for the queues' error codes (include/sel4c/queue/error.h). */
#include <sel4c/queue/error.h>

const char *sel4c_queue_strerror(int err)
{
    switch (err) {
    case SEL4C_QUEUE_OK: return "no error";
    case SEL4C_QUEUE_EEMPTY: return "queue empty";
    case SEL4C_QUEUE_EFULL: return "queue full";
    case SEL4C_QUEUE_EINVAL: return "invalid argument";
    case SEL4C_QUEUE_ECORRUPT_TAIL:
        return "corrupt queue: the producer's tail is more than capacity ahead of head, or "
               "behind it";
    case SEL4C_QUEUE_ECORRUPT_HEAD:
        return "corrupt queue: the consumer's head is ahead of tail, or more than capacity "
               "behind it";
    case SEL4C_QUEUE_EBAD_OFFSET: return "bad descriptor: offset outside the data region";
    case SEL4C_QUEUE_EBAD_BUFFER:
        return "bad descriptor: offset is not the start of a buffer of the data region";
    case SEL4C_QUEUE_EBAD_LENGTH:
        return "bad descriptor: length runs past the buffer or the data region";
    case SEL4C_QUEUE_EBAD_CODE:
        return "bad descriptor: request code or response status not defined";
    default: return "unknown queue error";
    }
}
