/* Layout of the kernel-entry records of the benchmark log (and of debug builds). */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>

#if defined(CONFIG_BENCHMARK_TRACK_KERNEL_ENTRIES) || defined(CONFIG_DEBUG_BUILD)
typedef enum {
    Entry_Unknown,
    Entry_Interrupt,
    Entry_UnknownSyscall,
    Entry_UserLevelFault,
    Entry_DebugFault,
    Entry_VMFault,
    Entry_Syscall,
#ifdef CONFIG_ARCH_ARM
    Entry_VCPUFault,
#endif
#ifdef CONFIG_ARCH_X86
    Entry_VMExit,
#endif
} entry_type_t;

/* Why the kernel was entered: the path, then either the core and a word or syscall details. */
typedef struct SEL4_PACKED kernel_entry {
    seL4_Word path : 3;
    union {
        struct {
            seL4_Word core : 3;
            seL4_Word word : 26;
        };
        struct {
            seL4_Word syscall_no : 4;
            seL4_Word cap_type : 5;
            seL4_Word is_fastpath : 1;
            seL4_Word invocation_tag : 19;
        };
    };
} kernel_entry_t;
#endif

#ifdef CONFIG_BENCHMARK_TRACK_KERNEL_ENTRIES
typedef struct benchmark_syscall_log_entry {
    seL4_Uint64 start_time;
    seL4_Uint32 duration;
    kernel_entry_t entry;
} benchmark_track_kernel_entry_t;
#endif
