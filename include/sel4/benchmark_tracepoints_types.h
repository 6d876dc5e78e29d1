/* Layout of the tracepoint records of the benchmark log. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

#ifdef CONFIG_BENCHMARK_TRACEPOINTS
typedef struct benchmark_tracepoint_log_entry {
    seL4_Word id;
    seL4_Word duration;
} benchmark_tracepoint_log_entry_t;
#endif
