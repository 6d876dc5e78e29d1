/*
 * ARM system calls: the AArch64 register-level primitives (with libsel4's names for them,
 * arm_sys_*) under the generic API.
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
