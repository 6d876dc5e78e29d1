/*
 * The system calls of kernels without MCS. sel4c defines both flavours in sel4/syscalls.h,
 * by the configuration; this header exists where libsel4 has it, for a kernel without MCS.
 */
#pragma once

#include <sel4/config.h>

#ifdef CONFIG_KERNEL_MCS
#error "sel4/syscalls_master.h: this kernel is MCS (see sel4/syscalls_mcs.h)"
#endif
#include <sel4/syscalls.h>
