/*
 * ABI values that code written against libsel4 depends on: sizes and layouts of shared
 * structures, object types and sizes, constants, message layouts, invocation labels and
 * system call numbers. Compiled into one array against libsel4's headers and against
 * sel4c's; libsel4_compat.sh compares the two arrays entry by entry.
 */
#include <sel4/sel4.h>
#include <sel4/arch/mapping.h>

#define OFF(t, m) __builtin_offsetof(t, m)

#define ABI_VALUES(V)                                                                              \
    V(sizeof(seL4_IPCBuffer))                                                                      \
    V(OFF(seL4_IPCBuffer, userData))                                                               \
    V(OFF(seL4_IPCBuffer, receiveDepth))                                                           \
    V(sizeof(seL4_BootInfo))                                                                       \
    V(OFF(seL4_BootInfo, ipcBuffer))                                                               \
    V(OFF(seL4_BootInfo, extraBIPages))                                                            \
    V(OFF(seL4_BootInfo, initThreadCNodeSizeBits))                                                 \
    V(OFF(seL4_BootInfo, untyped))                                                                 \
    V(OFF(seL4_BootInfo, untypedList))                                                             \
    V(sizeof(seL4_UntypedDesc))                                                                    \
    V(OFF(seL4_UntypedDesc, isDevice))                                                             \
    V(sizeof(seL4_BootInfoHeader))                                                                 \
    V(SEL4_BOOTINFO_HEADER_FDT)                                                                    \
    V(sizeof(seL4_UserContext))                                                                    \
    V(OFF(seL4_UserContext, x16))                                                                  \
    V(OFF(seL4_UserContext, x9))                                                                   \
    V(OFF(seL4_UserContext, tpidrro_el0))                                                          \
    V(sizeof(seL4_ARM_SMCContext))                                                                 \
    V(sizeof(seL4_MessageInfo_t))                                                                  \
    V(sizeof(seL4_Fault_t))                                                                        \
    V(sizeof(seL4_Error))                                                                          \
    V(seL4_UntypedObject)                                                                          \
    V(seL4_TCBObject)                                                                              \
    V(seL4_EndpointObject)                                                                         \
    V(seL4_NotificationObject)                                                                     \
    V(seL4_CapTableObject)                                                                         \
    V(seL4_NonArchObjectTypeCount)                                                                 \
    V(seL4_ARM_HugePageObject)                                                                     \
    V(seL4_ARM_VSpaceObject)                                                                       \
    V(seL4_ARM_SmallPageObject)                                                                    \
    V(seL4_ARM_LargePageObject)                                                                    \
    V(seL4_ARM_PageTableObject)                                                                    \
    V(seL4_ARM_VCPUObject)                                                                         \
    V(seL4_ARM_IOPageTableObject)                                                                  \
    V(seL4_ObjectTypeCount)                                                                        \
    V(seL4_PageBits)                                                                               \
    V(seL4_LargePageBits)                                                                          \
    V(seL4_HugePageBits)                                                                           \
    V(seL4_SlotBits)                                                                               \
    V(seL4_TCBBits)                                                                                \
    V(seL4_EndpointBits)                                                                           \
    V(seL4_NotificationBits)                                                                       \
    V(seL4_PageTableBits)                                                                          \
    V(seL4_PageTableIndexBits)                                                                     \
    V(seL4_VSpaceBits)                                                                             \
    V(seL4_VSpaceIndexBits)                                                                        \
    V(seL4_ASIDPoolBits)                                                                           \
    V(seL4_NumASIDPoolsBits)                                                                       \
    V(seL4_ARM_VCPUBits)                                                                           \
    V(seL4_MinUntypedBits)                                                                         \
    V(seL4_MaxUntypedBits)                                                                         \
    V(seL4_UserTop)                                                                                \
    V(seL4_WordBits)                                                                               \
    V(seL4_GuardBits)                                                                              \
    V(seL4_GuardSizeBits)                                                                          \
    V(seL4_BadgeBits)                                                                              \
    V(seL4_FastMessageRegisters)                                                                   \
    V(seL4_IPCBufferSizeBits)                                                                      \
    V(seL4_MsgMaxLength)                                                                           \
    V(seL4_MsgMaxExtraCaps)                                                                        \
    V(seL4_MaxPrio)                                                                                \
    V(seL4_NumInitialCaps)                                                                         \
    V(seL4_CapInitThreadSC)                                                                        \
    V(seL4_CapSMC)                                                                                 \
    V(seL4_NumErrors)                                                                              \
    V(seL4_NotEnoughMemory)                                                                        \
    V(seL4_GuardMismatch)                                                                          \
    V(seL4_CapFault_GuardMismatch_BitsFound)                                                       \
    V(seL4_VMFault_Length)                                                                         \
    V(seL4_UnknownSyscall_Syscall)                                                                 \
    V(seL4_UserException_Length)                                                                   \
    V(seL4_VCPUReg_Num)                                                                            \
    V(seL4_VCPUReg_CNTKCTL_EL1)                                                                    \
    V(seL4_ARM_Default_VMAttributes)                                                               \
    V(seL4_ARM_ExecuteNever)                                                                       \
    V(SEL4_MAPPING_LOOKUP_NO_PT)                                                                   \
    V(seL4_Fault_NullFault)                                                                        \
    V(seL4_Fault_CapFault)                                                                         \
    V(seL4_Fault_VMFault)                                                                          \
    V(seL4_SysCall)                                                                                \
    V(seL4_SysYield)                                                                               \
    V(seL4_SysDebugPutChar)                                                                        \
    V(seL4_SysDebugNameThread)                                                                     \
    V(UntypedRetype)                                                                               \
    V(TCBConfigure)                                                                                \
    V(TCBSetTLSBase)                                                                               \
    V(CNodeMint)                                                                                   \
    V(IRQIssueIRQHandler)                                                                          \
    V(nInvocationLabels)                                                                           \
    V(ARMVSpaceClean_Data)                                                                         \
    V(nSeL4ArchInvocationLabels)                                                                   \
    V(ARMPageTableMap)                                                                             \
    V(ARMPageMap)                                                                                  \
    V(ARMPageGetAddress)                                                                           \
    V(ARMASIDPoolAssign)                                                                           \
    V(nArchInvocationLabels)                                                                       \
    ABI_VALUES_MCS(V)                                                                              \
    ABI_VALUES_HYP(V)                                                                              \
    ABI_VALUES_SMP(V)

#ifdef CONFIG_KERNEL_MCS
#define ABI_VALUES_MCS(V)                                                                          \
    V(seL4_SchedContextObject)                                                                     \
    V(seL4_ReplyObject)                                                                            \
    V(seL4_ReplyBits)                                                                              \
    V(seL4_MinSchedContextBits)                                                                    \
    V(seL4_CoreSchedContextBytes)                                                                  \
    V(OFF(seL4_BootInfo, schedcontrol))                                                            \
    V(seL4_Fault_Timeout)                                                                          \
    V(seL4_Timeout_Length)                                                                         \
    V(seL4_TimeoutReply_Length)                                                                    \
    V(seL4_SysNBSendRecv)                                                                          \
    V(seL4_SysWait)                                                                                \
    V(SchedControlConfigureFlags)                                                                  \
    V(SchedContextYieldTo)
#else
#define ABI_VALUES_MCS(V) V(TCBSetSchedParams) V(seL4_SysReply)
#endif

#ifdef CONFIG_ARM_HYPERVISOR_SUPPORT
#define ABI_VALUES_HYP(V)                                                                          \
    V(seL4_Fault_VGICMaintenance)                                                                  \
    V(seL4_Fault_VCPUFault)                                                                        \
    V(seL4_Fault_VPPIEvent)                                                                        \
    V(ARMVCPUSetTCB)                                                                               \
    V(ARMVCPUAckVPPI)
#else
#define ABI_VALUES_HYP(V)
#endif

#ifdef CONFIG_ENABLE_SMP_SUPPORT
#define ABI_VALUES_SMP(V) V(seL4_SysDebugSendIPI) V(seL4_SysDebugGetThreadAffinity)
#else
#define ABI_VALUES_SMP(V)
#endif

#define AS_ENTRY(expr) (unsigned long long)(expr),
__attribute__((section(".rodata.abi"), used))
const unsigned long long abi_values[] = {ABI_VALUES(AS_ENTRY)};
