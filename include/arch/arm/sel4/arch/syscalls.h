/* ARM system calls: the AArch64 register-level primitives under the generic API. */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
#include <sel4/syscalls.h>
