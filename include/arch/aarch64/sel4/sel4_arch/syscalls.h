/*
 * AArch64 system-call primitives: `svc #0` with the system call number in x7, the
 * destination or source capability in x0 (the badge comes back there), the message info in
 * x1, message words 0-3 in x2-x5, the MCS reply capability in x6, and the NBSendRecv
 * destination in x8. Everything above this file is architecture-independent; host tests
 * replace exactly these functions (tests/recorder).
 */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

/* libsel4's helpers for passing the MCS reply capability in a register (x6). */
#ifdef CONFIG_KERNEL_MCS
#define MCS_PARAM_DECL(r) register seL4_Word reply_reg __asm__(r) = reply
#define MCS_PARAM         , "r"(reply_reg)
#else
#define MCS_PARAM_DECL(r)
#define MCS_PARAM
#endif

static inline void sel4c_arch_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0,
                                       seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word x0 __asm__("x0") = dest;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = mr0;
    register seL4_Word x3 __asm__("x3") = mr1;
    register seL4_Word x4 __asm__("x4") = mr2;
    register seL4_Word x5 __asm__("x5") = mr3;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "memory");
}

static inline void sel4c_arch_sys_reply(seL4_Word sys, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                        seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = mr0;
    register seL4_Word x3 __asm__("x3") = mr1;
    register seL4_Word x4 __asm__("x4") = mr2;
    register seL4_Word x5 __asm__("x5") = mr3;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "memory");
}

static inline void sel4c_arch_sys_send_null(seL4_Word sys, seL4_Word src, seL4_Word info)
{
    register seL4_Word x0 __asm__("x0") = src;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0" : "+r"(x0), "+r"(x1) : "r"(x7) : "memory");
}

static inline void sel4c_arch_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge,
                                       seL4_Word *out_info, seL4_Word *out_mr0, seL4_Word *out_mr1,
                                       seL4_Word *out_mr2, seL4_Word *out_mr3, seL4_Word reply)
{
    register seL4_Word x0 __asm__("x0") = src;
    register seL4_Word x1 __asm__("x1");
    register seL4_Word x2 __asm__("x2");
    register seL4_Word x3 __asm__("x3");
    register seL4_Word x4 __asm__("x4");
    register seL4_Word x5 __asm__("x5");
    register seL4_Word x6 __asm__("x6") = reply;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "=r"(x1), "=r"(x2), "=r"(x3), "=r"(x4), "=r"(x5), "+r"(x0)
                     : "r"(x7), "r"(x6)
                     : "memory");
    *out_badge = x0;
    *out_info = x1;
    *out_mr0 = x2;
    *out_mr1 = x3;
    *out_mr2 = x4;
    *out_mr3 = x5;
}

static inline void sel4c_arch_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge,
                                            seL4_Word info, seL4_Word *out_info,
                                            seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                            seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                            seL4_Word reply)
{
    register seL4_Word x0 __asm__("x0") = dest;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = *in_out_mr0;
    register seL4_Word x3 __asm__("x3") = *in_out_mr1;
    register seL4_Word x4 __asm__("x4") = *in_out_mr2;
    register seL4_Word x5 __asm__("x5") = *in_out_mr3;
    register seL4_Word x6 __asm__("x6") = reply;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7), "r"(x6)
                     : "memory");
    *out_badge = x0;
    *out_info = x1;
    *in_out_mr0 = x2;
    *in_out_mr1 = x3;
    *in_out_mr2 = x4;
    *in_out_mr3 = x5;
}

static inline void sel4c_arch_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src,
                                              seL4_Word *out_badge, seL4_Word info,
                                              seL4_Word *out_info, seL4_Word *in_out_mr0,
                                              seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                              seL4_Word *in_out_mr3, seL4_Word reply)
{
    register seL4_Word x0 __asm__("x0") = src;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = *in_out_mr0;
    register seL4_Word x3 __asm__("x3") = *in_out_mr1;
    register seL4_Word x4 __asm__("x4") = *in_out_mr2;
    register seL4_Word x5 __asm__("x5") = *in_out_mr3;
    register seL4_Word x6 __asm__("x6") = reply;
    register seL4_Word x7 __asm__("x7") = sys;
    register seL4_Word x8 __asm__("x8") = dest;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7), "r"(x6), "r"(x8)
                     : "memory");
    *out_badge = x0;
    *out_info = x1;
    *in_out_mr0 = x2;
    *in_out_mr1 = x3;
    *in_out_mr2 = x4;
    *in_out_mr3 = x5;
}

static inline void sel4c_arch_sys_null(seL4_Word sys)
{
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0" : : "r"(x7) : "memory");
}

/* libsel4's names of the same primitives, which some code calls directly. */
static inline void arm_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info_arg, seL4_Word mr0,
                                seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    sel4c_arch_sys_send(sys, dest, info_arg, mr0, mr1, mr2, mr3);
}

#ifndef CONFIG_KERNEL_MCS
static inline void arm_sys_reply(seL4_Word sys, seL4_Word info_arg, seL4_Word mr0, seL4_Word mr1,
                                 seL4_Word mr2, seL4_Word mr3)
{
    sel4c_arch_sys_reply(sys, info_arg, mr0, mr1, mr2, mr3);
}
#endif

static inline void arm_sys_send_null(seL4_Word sys, seL4_Word src, seL4_Word info_arg)
{
    sel4c_arch_sys_send_null(sys, src, info_arg);
}

static inline void arm_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge,
                                seL4_Word *out_info, seL4_Word *out_mr0, seL4_Word *out_mr1,
                                seL4_Word *out_mr2, seL4_Word *out_mr3, seL4_Word reply)
{
    sel4c_arch_sys_recv(sys, src, out_badge, out_info, out_mr0, out_mr1, out_mr2, out_mr3, reply);
}

static inline void arm_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge,
                                     seL4_Word info_arg, seL4_Word *out_info, seL4_Word *in_out_mr0,
                                     seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                     seL4_Word *in_out_mr3, seL4_Word reply)
{
    sel4c_arch_sys_send_recv(sys, dest, out_badge, info_arg, out_info, in_out_mr0, in_out_mr1,
                             in_out_mr2, in_out_mr3, reply);
}

#ifdef CONFIG_KERNEL_MCS
static inline void arm_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src,
                                       seL4_Word *out_badge, seL4_Word info_arg,
                                       seL4_Word *out_info, seL4_Word *in_out_mr0,
                                       seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                       seL4_Word *in_out_mr3, seL4_Word reply)
{
    sel4c_arch_sys_nbsend_recv(sys, dest, src, out_badge, info_arg, out_info, in_out_mr0,
                               in_out_mr1, in_out_mr2, in_out_mr3, reply);
}
#endif

static inline void arm_sys_null(seL4_Word sys)
{
    sel4c_arch_sys_null(sys);
}

/* As in libsel4, this header also gives the system calls built on these primitives. */
#include <sel4/syscalls.h>
