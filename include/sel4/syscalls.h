/*
 * The system calls of the libsel4 API, built on the architecture's register-level
 * primitives (sel4/sel4_arch/syscalls.h: sel4c_arch_sys_send, _recv, _send_recv, ...).
 * The first seL4_FastMessageRegisters (4) message words travel in registers; the functions
 * without "WithMRs" move them between those registers and the IPC buffer, the "WithMRs"
 * forms take and give them through pointers (NULL for words not wanted).
 *
 * On MCS kernels receiving calls take the reply object to use, and Wait/NBWait/NBSendRecv/
 * NBSendWait exist; without MCS, seL4_Reply exists and seL4_Wait is seL4_Recv.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>
#include <sel4/sel4_arch/syscalls.h>

SEL4_COMPILE_ASSERT(four_fast_message_registers, seL4_FastMessageRegisters == 4)

#ifdef CONFIG_KERNEL_MCS
#define SEL4C_REPLY_PARAM , seL4_CPtr reply
#define SEL4C_REPLY_ARG   reply
#else
#define SEL4C_REPLY_PARAM
#define SEL4C_REPLY_ARG 0
#endif

/* Word i of a "WithMRs" message: *mr when the pointer is given and the message has it. */
#define SEL4C_MR_IN(info, mr, i)                                                                   \
    (((mr) != seL4_Null && seL4_MessageInfo_get_length(info) > (i)) ? *(mr) : 0)

LIBSEL4_INLINE_FUNC void sel4c_mrs_out(seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                       seL4_Word *mr3, seL4_Word m0, seL4_Word m1, seL4_Word m2,
                                       seL4_Word m3)
{
    if (mr0)
        *mr0 = m0;
    if (mr1)
        *mr1 = m1;
    if (mr2)
        *mr2 = m2;
    if (mr3)
        *mr3 = m3;
}

LIBSEL4_INLINE_FUNC void sel4c_mrs_to_buffer(seL4_Word m0, seL4_Word m1, seL4_Word m2, seL4_Word m3)
{
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
}

/* Sends to `dest`, blocking until the message is taken. */
LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    sel4c_arch_sys_send(seL4_SysSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1),
                        seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                          seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                          seL4_Word *mr3)
{
    sel4c_arch_sys_send(seL4_SysSend, dest, msgInfo.words[0], SEL4C_MR_IN(msgInfo, mr0, 0),
                        SEL4C_MR_IN(msgInfo, mr1, 1), SEL4C_MR_IN(msgInfo, mr2, 2),
                        SEL4C_MR_IN(msgInfo, mr3, 3));
}

/* Sends to `dest` only if a receiver is waiting; otherwise the message is dropped. */
LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    sel4c_arch_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1),
                        seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                            seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                            seL4_Word *mr3)
{
    sel4c_arch_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], SEL4C_MR_IN(msgInfo, mr0, 0),
                        SEL4C_MR_IN(msgInfo, mr1, 1), SEL4C_MR_IN(msgInfo, mr2, 2),
                        SEL4C_MR_IN(msgInfo, mr3, 3));
}

#ifndef CONFIG_KERNEL_MCS
/* Replies to the thread that last called this one. */
LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    sel4c_arch_sys_reply(seL4_SysReply, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1),
                         seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                           seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    sel4c_arch_sys_reply(seL4_SysReply, msgInfo.words[0], SEL4C_MR_IN(msgInfo, mr0, 0),
                         SEL4C_MR_IN(msgInfo, mr1, 1), SEL4C_MR_IN(msgInfo, mr2, 2),
                         SEL4C_MR_IN(msgInfo, mr3, 3));
}
#endif

/* Signals the notification `dest`. */
LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    sel4c_arch_sys_send_null(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0]);
}

/* The receive family: `sys` from `src`, message words into the IPC buffer. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t sel4c_recv_to_buffer(seL4_Word sys, seL4_CPtr src,
                                                            seL4_Word *sender, seL4_Word reply)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m0, m1, m2, m3;
    sel4c_arch_sys_recv(sys, src, &badge, &info.words[0], &m0, &m1, &m2, &m3, reply);
    sel4c_mrs_to_buffer(m0, m1, m2, m3);
    if (sender)
        *sender = badge;
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t sel4c_recv_to_mrs(seL4_Word sys, seL4_CPtr src,
                                                         seL4_Word *sender, seL4_Word reply,
                                                         seL4_Word *mr0, seL4_Word *mr1,
                                                         seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    sel4c_arch_sys_recv(sys, src, &badge, &info.words[0], &m0, &m1, &m2, &m3, reply);
    sel4c_mrs_out(mr0, mr1, mr2, mr3, m0, m1, m2, m3);
    if (sender)
        *sender = badge;
    return info;
}

/* Blocks until a message (or a signal) arrives on `src`; `*sender` gets the badge. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender SEL4C_REPLY_PARAM)
{
    return sel4c_recv_to_buffer(seL4_SysRecv, src, sender, SEL4C_REPLY_ARG);
}

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                        seL4_CPtr reply, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2,
                                                        seL4_Word *mr3)
#else
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
#endif
{
    return sel4c_recv_to_mrs(seL4_SysRecv, src, sender, SEL4C_REPLY_ARG, mr0, mr1, mr2, mr3);
}

/* Receives only if a message is already waiting. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src,
                                                   seL4_Word *sender SEL4C_REPLY_PARAM)
{
    return sel4c_recv_to_buffer(seL4_SysNBRecv, src, sender, SEL4C_REPLY_ARG);
}

/* Sends to `dest` and waits for the reply. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_MessageInfo_t info;
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    sel4c_arch_sys_send_recv(seL4_SysCall, dest, &dest, msgInfo.words[0], &info.words[0], &m0, &m1,
                             &m2, &m3, 0);
    sel4c_mrs_to_buffer(m0, m1, m2, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word m0 = SEL4C_MR_IN(msgInfo, mr0, 0), m1 = SEL4C_MR_IN(msgInfo, mr1, 1);
    seL4_Word m2 = SEL4C_MR_IN(msgInfo, mr2, 2), m3 = SEL4C_MR_IN(msgInfo, mr3, 3);
    sel4c_arch_sys_send_recv(seL4_SysCall, dest, &dest, msgInfo.words[0], &info.words[0], &m0, &m1,
                             &m2, &m3, 0);
    sel4c_mrs_out(mr0, mr1, mr2, mr3, m0, m1, m2, m3);
    return info;
}

/* Replies (MCS: through `reply`) and waits for the next message on `src`. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                      seL4_Word *sender SEL4C_REPLY_PARAM)
{
    seL4_MessageInfo_t info;
    seL4_Word badge;
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    sel4c_arch_sys_send_recv(seL4_SysReplyRecv, src, &badge, msgInfo.words[0], &info.words[0], &m0,
                             &m1, &m2, &m3, SEL4C_REPLY_ARG);
    sel4c_mrs_to_buffer(m0, m1, m2, m3);
    if (sender)
        *sender = badge;
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src,
                                                             seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0,
                                                             seL4_Word *mr1, seL4_Word *mr2,
                                                             seL4_Word *mr3 SEL4C_REPLY_PARAM)
{
    seL4_MessageInfo_t info;
    seL4_Word badge;
    seL4_Word m0 = SEL4C_MR_IN(msgInfo, mr0, 0), m1 = SEL4C_MR_IN(msgInfo, mr1, 1);
    seL4_Word m2 = SEL4C_MR_IN(msgInfo, mr2, 2), m3 = SEL4C_MR_IN(msgInfo, mr3, 3);
    sel4c_arch_sys_send_recv(seL4_SysReplyRecv, src, &badge, msgInfo.words[0], &info.words[0], &m0,
                             &m1, &m2, &m3, SEL4C_REPLY_ARG);
    sel4c_mrs_out(mr0, mr1, mr2, mr3, m0, m1, m2, m3);
    if (sender)
        *sender = badge;
    return info;
}

#ifdef CONFIG_KERNEL_MCS
/* The combined non-blocking send and receive family of MCS kernels. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t sel4c_nbsend_recv(seL4_Word sys, seL4_CPtr dest,
                                                         seL4_MessageInfo_t msgInfo, seL4_CPtr src,
                                                         seL4_Word *sender, seL4_CPtr reply,
                                                         seL4_Word *mr0, seL4_Word *mr1,
                                                         seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m0, m1, m2, m3;
    if (mr0 || mr1 || mr2 || mr3) {
        m0 = SEL4C_MR_IN(msgInfo, mr0, 0);
        m1 = SEL4C_MR_IN(msgInfo, mr1, 1);
        m2 = SEL4C_MR_IN(msgInfo, mr2, 2);
        m3 = SEL4C_MR_IN(msgInfo, mr3, 3);
    } else {
        m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    }
    sel4c_arch_sys_nbsend_recv(sys, dest, src, &badge, msgInfo.words[0], &info.words[0], &m0, &m1,
                               &m2, &m3, reply);
    if (mr0 || mr1 || mr2 || mr3)
        sel4c_mrs_out(mr0, mr1, mr2, mr3, m0, m1, m2, m3);
    else
        sel4c_mrs_to_buffer(m0, m1, m2, m3);
    if (sender)
        *sender = badge;
    return info;
}

/* Sends to `dest` if a receiver waits, then receives on `src` with reply object `reply`. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                       seL4_CPtr src, seL4_Word *sender,
                                                       seL4_CPtr reply)
{
    return sel4c_nbsend_recv(seL4_SysNBSendRecv, dest, msgInfo, src, sender, reply, seL4_Null,
                             seL4_Null, seL4_Null, seL4_Null);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecvWithMRs(
    seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3, seL4_CPtr reply)
{
    return sel4c_nbsend_recv(seL4_SysNBSendRecv, dest, msgInfo, src, sender, reply, mr0, mr1, mr2,
                             mr3);
}

/*
 * Sends to `dest` if a receiver waits, then waits on `src` without a reply object. The
 * kernel takes this call's destination from the reply register.
 */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                       seL4_CPtr src, seL4_Word *sender)
{
    return sel4c_nbsend_recv(seL4_SysNBSendWait, 0, msgInfo, src, sender, dest, seL4_Null,
                             seL4_Null, seL4_Null, seL4_Null);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWaitWithMRs(seL4_CPtr dest,
                                                              seL4_MessageInfo_t msgInfo,
                                                              seL4_CPtr src, seL4_Word *sender,
                                                              seL4_Word *mr0, seL4_Word *mr1,
                                                              seL4_Word *mr2, seL4_Word *mr3)
{
    return sel4c_nbsend_recv(seL4_SysNBSendWait, 0, msgInfo, src, sender, dest, mr0, mr1, mr2, mr3);
}

/* Waits on `src` without a reply object (a notification, or an endpoint one-way). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return sel4c_recv_to_buffer(seL4_SysWait, src, sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                        seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3)
{
    return sel4c_recv_to_mrs(seL4_SysWait, src, sender, 0, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return sel4c_recv_to_buffer(seL4_SysNBWait, src, sender, 0);
}
#else
/* Without MCS, waiting is receiving. */
LIBSEL4_INLINE_FUNC void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    seL4_Recv(src, sender);
}
#endif

/* Polls the notification `src`: its word is returned in `*sender`, 0 when none was pending. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
#ifdef CONFIG_KERNEL_MCS
    return seL4_NBWait(src, sender);
#else
    return seL4_NBRecv(src, sender);
#endif
}

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    sel4c_arch_sys_null(seL4_SysYield);
    __asm__ volatile("" ::: "memory");
}

/* Debug and benchmark calls: the kernel takes their argument as the destination. */
LIBSEL4_INLINE_FUNC seL4_Word sel4c_sys_word(seL4_Word sys, seL4_Word arg)
{
    seL4_Word info = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    sel4c_arch_sys_send_recv(sys, arg, &arg, 0, &info, &m0, &m1, &m2, &m3, 0);
    return arg;
}

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    (void)sel4c_sys_word(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(char *str)
{
    for (; *str; str++)
        seL4_DebugPutChar(*str);
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    (void)sel4c_sys_word(seL4_SysDebugDumpScheduler, 0);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    sel4c_arch_sys_null(seL4_SysDebugHalt);
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    sel4c_arch_sys_null(seL4_SysDebugSnapshot);
    __asm__ volatile("" ::: "memory");
}

/* The kernel's type number of the capability at `cap` (0 for a null cap). */
LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)sel4c_sys_word(seL4_SysDebugCapIdentify, cap);
}

/* Names a thread for the kernel's debug output; the name goes through the IPC buffer. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dst = (char *)seL4_GetIPCBuffer()->msg;
    seL4_Word max = sizeof(seL4_GetIPCBuffer()->msg) - 1, i = 0;
    for (; name[i] && i < max; i++)
        dst[i] = name[i];
    dst[i] = '\0';
    (void)sel4c_sys_word(seL4_SysDebugNameThread, tcb);
}

#ifdef CONFIG_ENABLE_SMP_SUPPORT
LIBSEL4_INLINE_FUNC seL4_Word seL4_DebugGetThreadAffinity(seL4_CPtr tcb)
{
    return sel4c_sys_word(seL4_SysDebugGetThreadAffinity, tcb);
}

LIBSEL4_INLINE_FUNC void seL4_DebugSendIPI(seL4_Uint8 target, unsigned irq)
{
    sel4c_arch_sys_send(seL4_SysDebugSendIPI, target, irq, 0, 0, 0, 0);
}
#endif
#endif /* CONFIG_DEBUG_BUILD */

#ifdef CONFIG_DANGEROUS_CODE_INJECTION
LIBSEL4_INLINE_FUNC void seL4_DebugRun(void (*userfn)(void *), void *userarg)
{
    sel4c_arch_sys_send_null(seL4_SysDebugRun, (seL4_Word)userfn, (seL4_Word)userarg);
    __asm__ volatile("" ::: "memory");
}
#endif

#ifdef CONFIG_ENABLE_BENCHMARKS
LIBSEL4_INLINE_FUNC seL4_Error seL4_BenchmarkResetLog(void)
{
    return (seL4_Error)sel4c_sys_word(seL4_SysBenchmarkResetLog, 0);
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_BenchmarkFinalizeLog(void)
{
    return sel4c_sys_word(seL4_SysBenchmarkFinalizeLog, 0);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_BenchmarkSetLogBuffer(seL4_Word frame_cptr)
{
    return (seL4_Error)sel4c_sys_word(seL4_SysBenchmarkSetLogBuffer, frame_cptr);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkNullSyscall(void)
{
    sel4c_arch_sys_null(seL4_SysBenchmarkNullSyscall);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkFlushCaches(void)
{
    sel4c_arch_sys_send_null(seL4_SysBenchmarkFlushCaches, 0, 0);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkFlushL1Caches(seL4_Word cache_type)
{
    sel4c_arch_sys_send_null(seL4_SysBenchmarkFlushCaches, 1, cache_type);
    __asm__ volatile("" ::: "memory");
}

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
LIBSEL4_INLINE_FUNC void seL4_BenchmarkGetThreadUtilisation(seL4_Word tcb_cptr)
{
    (void)sel4c_sys_word(seL4_SysBenchmarkGetThreadUtilisation, tcb_cptr);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkResetThreadUtilisation(seL4_Word tcb_cptr)
{
    (void)sel4c_sys_word(seL4_SysBenchmarkResetThreadUtilisation, tcb_cptr);
}

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_BenchmarkDumpAllThreadsUtilisation(void)
{
    (void)sel4c_sys_word(seL4_SysBenchmarkDumpAllThreadsUtilisation, 0);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkResetAllThreadsUtilisation(void)
{
    (void)sel4c_sys_word(seL4_SysBenchmarkResetAllThreadsUtilisation, 0);
}
#endif
#endif /* CONFIG_BENCHMARK_TRACK_UTILISATION */
#endif /* CONFIG_ENABLE_BENCHMARKS */

#ifdef CONFIG_SET_TLS_BASE_SELF
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    sel4c_arch_sys_send_null(seL4_SysSetTLSBase, tls_base, 0);
    __asm__ volatile("" ::: "memory");
}
#endif
