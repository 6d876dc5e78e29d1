/*
 * The libsel4-compatible API of sel4c: types, constants, boot info, system calls and every
 * kernel invocation (interfaces/sel4_client.h). For the typed API include <sel4c/sel4.h>.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/macros.h>
#include <sel4/syscalls.h>
#include <sel4/arch/syscalls.h>
#include <sel4/sel4_arch/syscalls.h>
#include <sel4/invocation.h>
#include <interfaces/sel4_client.h>
#include <sel4/virtual_client.h>
#include <sel4/bootinfo.h>
#include <sel4/functions.h>
#include <sel4/faults.h>
#include <sel4/arch/mapping.h>
#include <sel4/benchmark_track_types.h>
#include <sel4/benchmark_tracepoints_types.h>
#include <sel4/benchmark_utilisation_types.h>
#include <sel4/deprecated.h>
#include <sel4/constants.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/arch/constants.h>
#include <sel4/plat/api/constants.h>
