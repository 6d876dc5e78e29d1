/*
 * The timer driver of http.system, a stub: a passive PP server that answers every call with
 * an empty message (a real one would read the counter or set a timeout). For the IPC
 * benchmark a call labelled BENCH_RAW_BEGIN switches it to a raw server loop, the baseline
 * of the web server's microkit_ppcall round trips, until a call labelled BENCH_RAW_END.
 */
#include "bench.h"

void init(void)
{
}

void notified(microkit_channel ch)
{
    (void)ch; /* the timer's interrupt: nothing programs the timer */
}

/* The server side of a PP call written against libsel4: reply and wait in one system call,
 * and look at the label only. Returns on the call labelled BENCH_RAW_END, which the event
 * loop answers when protected() returns. */
static void raw_server(void)
{
    seL4_Word badge;
    seL4_MessageInfo_t empty = seL4_MessageInfo_new(0, 0, 0, 0);
    seL4_MessageInfo_t tag = seL4_ReplyRecv(INPUT_CAP, empty, &badge, REPLY_CAP);
    while (seL4_MessageInfo_get_label(tag) != BENCH_RAW_END)
        tag = seL4_ReplyRecv(INPUT_CAP, empty, &badge, REPLY_CAP);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    if (microkit_msginfo_get_label(msginfo) == BENCH_RAW_BEGIN)
        raw_server();
    return microkit_msginfo_new(0, 0);
}
