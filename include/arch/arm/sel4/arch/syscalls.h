/*
 * ARM system calls: the AArch64 register-level primitives under the generic API, and
 * libsel4's names for those primitives (arm_sys_*), which some code calls directly.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/sel4_arch/syscalls.h>
#include <sel4/syscalls.h>

/* The reply capability argument of receiving calls: the caller's on MCS, else none. */
#ifdef CONFIG_KERNEL_MCS
#define LIBSEL4_MCS_REPLY reply
#else
#define LIBSEL4_MCS_REPLY 0
#endif

#ifndef __cplusplus
/* libsel4 declares the C library's strcpy here; code may rely on it. (C++ has <cstring>.) */
char *strcpy(char *, const char *);
#endif

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
