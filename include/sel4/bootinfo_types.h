/* The boot info frame the kernel gives the root task, and the initial capability slots. */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/types.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/arch/bootinfo_types.h>

/* Slots of the root task's CNode that hold the initial capabilities. */
enum seL4_RootCNodeCapSlots {
    seL4_CapNull = 0,
    seL4_CapInitThreadTCB = 1,
    seL4_CapInitThreadCNode = 2,
    seL4_CapInitThreadVSpace = 3,
    seL4_CapIRQControl = 4,
    seL4_CapASIDControl = 5,
    seL4_CapInitThreadASIDPool = 6,
    seL4_CapIOPortControl = 7, /* null if the platform has no I/O ports */
    seL4_CapIOSpace = 8,       /* null without an IOMMU */
    seL4_CapBootInfoFrame = 9,
    seL4_CapInitThreadIPCBuffer = 10,
    seL4_CapDomain = 11,
    seL4_CapSMMUSIDControl = 12, /* null without SMMU support */
    seL4_CapSMMUCBControl = 13,  /* null without SMMU support */
    seL4_CapInitThreadSC = 14,   /* null on non-MCS kernels */
    seL4_CapSMC = 15,            /* null unless SMC calls are allowed */
    seL4_NumInitialCaps = 16
};
#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace

typedef seL4_Word seL4_SlotPos;

/* Slots [start, end) of the root CNode. */
typedef struct seL4_SlotRegion {
    seL4_SlotPos start;
    seL4_SlotPos end;
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits; /* the untyped is 2^sizeBits bytes */
    seL4_Uint8 isDevice; /* device memory: only frames may be made of it */
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;
SEL4_COMPILE_ASSERT(seL4_UntypedDesc_size, sizeof(seL4_UntypedDesc) == 2 * sizeof(seL4_Word))

typedef struct seL4_BootInfo {
    seL4_Word extraLen; /* bytes of extra boot info after this frame */
    seL4_NodeId nodeID; /* this node, 0..numNodes-1 */
    seL4_Word numNodes;
    seL4_Word numIOPTLevels; /* IOMMU page table levels; 0 without an IOMMU */
    seL4_IPCBuffer *ipcBuffer;
    seL4_SlotRegion empty; /* free slots of the root CNode */
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames; /* frames of the root task's image */
    seL4_SlotRegion userImagePaging; /* its paging structures */
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages; /* frames of the extra boot info */
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
#ifdef CONFIG_KERNEL_MCS
    seL4_SlotRegion schedcontrol; /* one SchedControl cap per node */
#endif
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS]; /* one per untyped */
} seL4_BootInfo;

#define seL4_BootInfoFrameBits seL4_PageBits
#define seL4_BootInfoFrameSize LIBSEL4_BIT(seL4_BootInfoFrameBits)
SEL4_COMPILE_ASSERT(seL4_BootInfo_fits, sizeof(seL4_BootInfo) <= seL4_BootInfoFrameSize)

/* Identifiers of the chunks of extra boot info. */
typedef enum {
    SEL4_BOOTINFO_HEADER_PADDING = 0,
    SEL4_BOOTINFO_HEADER_X86_VBE = 1,
    SEL4_BOOTINFO_HEADER_X86_MBMMAP = 2,
    SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP = 3,
    SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER = 4,
    SEL4_BOOTINFO_HEADER_X86_TSC_FREQ = 5, /* MHz */
    SEL4_BOOTINFO_HEADER_FDT = 6,          /* the device tree */
    SEL4_BOOTINFO_HEADER_NUM,
    SEL4_FORCE_LONG_ENUM(seL4_BootInfoID)
} seL4_BootInfoID;

/* Each chunk of extra boot info starts with this header; len includes it. */
typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len;
} seL4_BootInfoHeader;
SEL4_COMPILE_ASSERT(seL4_BootInfoHeader_size, sizeof(seL4_BootInfoHeader) == 2 * sizeof(seL4_Word))
