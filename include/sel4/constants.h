/* Architecture-independent constants of the kernel's ABI. */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/simple_types.h>

#ifndef __ASSEMBLER__

#ifdef CONFIG_HARDWARE_DEBUG_API
typedef enum {
    seL4_DataBreakpoint = 0,
    seL4_InstructionBreakpoint,
    seL4_SingleStep,
    seL4_SoftwareBreakRequest,
    SEL4_FORCE_LONG_ENUM(seL4_BreakpointType)
} seL4_BreakpointType;

typedef enum {
    seL4_BreakOnRead = 0,
    seL4_BreakOnWrite,
    seL4_BreakOnReadWrite,
    seL4_MaxBreakpointAccess,
    SEL4_FORCE_LONG_ENUM(seL4_BreakpointAccess)
} seL4_BreakpointAccess;

/* Message registers of a debug exception */
typedef enum {
    seL4_DebugException_FaultIP,
    seL4_DebugException_ExceptionReason,
    seL4_DebugException_TriggerAddress,
    seL4_DebugException_BreakpointNumber,
    seL4_DebugException_Length,
    SEL4_FORCE_LONG_ENUM(seL4_DebugException_Msg)
} seL4_DebugException_Msg;
#endif

enum priorityConstants {
    seL4_InvalidPrio = -1,
    seL4_MinPrio = 0,
    seL4_MaxPrio = CONFIG_NUM_PRIORITIES - 1
};

/* Message sizes: a message has at most 120 words and 3 extra capabilities. */
enum seL4_MsgLimits { seL4_MsgLengthBits = 7, seL4_MsgExtraCapBits = 2, seL4_MsgMaxLength = 120 };
#define seL4_MsgMaxExtraCaps (LIBSEL4_BIT(seL4_MsgExtraCapBits) - 1)
#define seL4_CapRightsBits   4

/* Why a capability lookup failed (a cap fault's LookupFailureType). */
typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot,
    seL4_MissingCapability,
    seL4_DepthMismatch,
    seL4_GuardMismatch,
    SEL4_FORCE_LONG_ENUM(seL4_LookupFailureType),
} seL4_LookupFailureType;

typedef enum {
    seL4_TCBFlag_NoFlag = 0x0,
    seL4_TCBFlag_fpuDisabled = 0x1,
    SEL4_FORCE_LONG_ENUM(seL4_TCBFlag),
    seL4_TCBFlag_MASK = seL4_TCBFlag_NoFlag
#ifdef CONFIG_HAVE_FPU
                        | seL4_TCBFlag_fpuDisabled
#endif
} seL4_TCBFlag;

#endif /* !__ASSEMBLER__ */

#ifdef CONFIG_KERNEL_MCS
/* A scheduling context: 10 words and 6 time values of core state, then 16-byte refills. */
#define seL4_MinSchedContextBits   7
#define seL4_CoreSchedContextBytes (10 * sizeof(seL4_Word) + (6 * 8))
#define seL4_RefillSizeBytes       (2 * 8)
#ifndef __ASSEMBLER__
SEL4_COMPILE_ASSERT(MinSchedContextBits_sufficient,
                    seL4_CoreSchedContextBytes <= LIBSEL4_BIT(seL4_MinSchedContextBits))

/* How many refills beyond the first two a scheduling context of 2^size bytes holds. */
static inline unsigned long seL4_MaxExtraRefills(unsigned long size)
{
    return (LIBSEL4_BIT(size) - seL4_CoreSchedContextBytes) / seL4_RefillSizeBytes;
}

typedef enum {
    seL4_SchedContext_NoFlag = 0x0,
    seL4_SchedContext_Sporadic = 0x1,
    SEL4_FORCE_LONG_ENUM(seL4_SchedContextFlag),
} seL4_SchedContextFlag;
#endif
#endif /* CONFIG_KERNEL_MCS */

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
#define DEBUG_MESSAGE_START  6
#define DEBUG_MESSAGE_MAXLEN 50
#endif
