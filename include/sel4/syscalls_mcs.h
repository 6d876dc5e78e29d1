/*
 * The system calls of MCS kernels. sel4c defines both flavours in sel4/syscalls.h, by the
 * configuration; this header exists where libsel4 has it, for a kernel with MCS.
 */
#pragma once

#include <sel4/config.h>

#ifndef CONFIG_KERNEL_MCS
#error "sel4/syscalls_mcs.h: this kernel is not MCS (see sel4/syscalls_master.h)"
#endif
#include <sel4/syscalls.h>
