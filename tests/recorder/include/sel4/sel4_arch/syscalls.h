/*
 * Host replacement for the AArch64 system-call primitives: instead of trapping into a
 * kernel, each primitive records what it was asked to send and answers with a reply the
 * test set up. Placed before include/arch/<arch> on the include path of host tests.
 */
#pragma once

#include <sel4/simple_types.h>

typedef struct sel4c_recorder {
    /* what the last system call sent */
    unsigned calls;
    seL4_Word sys, dest, info, mr[4];
    seL4_Word src; /* the receive side of Recv, ReplyRecv, NBSendRecv and the like */
    /* what it answers */
    seL4_Word reply_info, reply_badge, reply_mr[4];
    /* when set, called after each system call is recorded and before it answers: a test
     * following a sequence of calls logs them and sets up each answer here */
    void (*hook)(void);
} sel4c_recorder_t;

/* Defined by the test program. */
extern sel4c_recorder_t sel4c_recorder;

static inline void sel4c_recorder_take(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0,
                                       seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    sel4c_recorder.calls++;
    sel4c_recorder.sys = sys;
    sel4c_recorder.dest = dest;
    sel4c_recorder.info = info;
    sel4c_recorder.mr[0] = mr0;
    sel4c_recorder.mr[1] = mr1;
    sel4c_recorder.mr[2] = mr2;
    sel4c_recorder.mr[3] = mr3;
    if (sel4c_recorder.hook)
        sel4c_recorder.hook();
}

static inline void sel4c_recorder_answer(seL4_Word *badge, seL4_Word *info, seL4_Word *mr0,
                                         seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    if (badge)
        *badge = sel4c_recorder.reply_badge;
    *info = sel4c_recorder.reply_info;
    *mr0 = sel4c_recorder.reply_mr[0];
    *mr1 = sel4c_recorder.reply_mr[1];
    *mr2 = sel4c_recorder.reply_mr[2];
    *mr3 = sel4c_recorder.reply_mr[3];
}

static inline void sel4c_arch_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0,
                                       seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    sel4c_recorder_take(sys, dest, info, mr0, mr1, mr2, mr3);
}

static inline void sel4c_arch_sys_reply(seL4_Word sys, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                        seL4_Word mr2, seL4_Word mr3)
{
    sel4c_recorder_take(sys, 0, info, mr0, mr1, mr2, mr3);
}

static inline void sel4c_arch_sys_send_null(seL4_Word sys, seL4_Word src, seL4_Word info)
{
    sel4c_recorder_take(sys, src, info, 0, 0, 0, 0);
}

static inline void sel4c_arch_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge,
                                       seL4_Word *out_info, seL4_Word *out_mr0, seL4_Word *out_mr1,
                                       seL4_Word *out_mr2, seL4_Word *out_mr3, seL4_Word reply)
{
    (void)reply;
    sel4c_recorder.src = src;
    sel4c_recorder_take(sys, src, 0, 0, 0, 0, 0);
    sel4c_recorder_answer(out_badge, out_info, out_mr0, out_mr1, out_mr2, out_mr3);
}

static inline void sel4c_arch_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge,
                                            seL4_Word info, seL4_Word *out_info,
                                            seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                            seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                            seL4_Word reply)
{
    (void)reply;
    sel4c_recorder.src = dest;
    sel4c_recorder_take(sys, dest, info, *in_out_mr0, *in_out_mr1, *in_out_mr2, *in_out_mr3);
    sel4c_recorder_answer(out_badge, out_info, in_out_mr0, in_out_mr1, in_out_mr2, in_out_mr3);
}

static inline void sel4c_arch_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src,
                                              seL4_Word *out_badge, seL4_Word info,
                                              seL4_Word *out_info, seL4_Word *in_out_mr0,
                                              seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                              seL4_Word *in_out_mr3, seL4_Word reply)
{
    (void)reply;
    sel4c_recorder.src = src;
    sel4c_recorder_take(sys, dest, info, *in_out_mr0, *in_out_mr1, *in_out_mr2, *in_out_mr3);
    sel4c_recorder_answer(out_badge, out_info, in_out_mr0, in_out_mr1, in_out_mr2, in_out_mr3);
}

static inline void sel4c_arch_sys_null(seL4_Word sys)
{
    sel4c_recorder_take(sys, 0, 0, 0, 0, 0, 0);
}

/* as the real header: the system calls built on these primitives come with it */
#include <sel4/syscalls.h>
