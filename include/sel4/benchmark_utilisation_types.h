/* Indices of the utilisation figures the kernel writes into the IPC buffer. */
#pragma once

#include <sel4/config.h>

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
enum benchmark_track_util_ipc_index {
    BENCHMARK_TCB_UTILISATION, /* cycles the thread was scheduled */
    BENCHMARK_TCB_NUMBER_SCHEDULES,
    BENCHMARK_TCB_KERNEL_UTILISATION, /* cycles it spent in the kernel */
    BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES,
    BENCHMARK_IDLE_LOCALCPU_UTILISATION, /* the idle thread of this core */
    BENCHMARK_IDLE_TCBCPU_UTILISATION,
    BENCHMARK_IDLE_NUMBER_SCHEDULES,
    BENCHMARK_IDLE_KERNEL_UTILISATION,
    BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES,
    BENCHMARK_TOTAL_UTILISATION, /* totals of this core for the period */
    BENCHMARK_TOTAL_NUMBER_SCHEDULES,
    BENCHMARK_TOTAL_KERNEL_UTILISATION,
    BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES,
};
#endif
