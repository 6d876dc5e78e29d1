/*
 * Older AArch64 names, from when each level of the page tables was its own object type
 * (page global, upper and page directories). All levels below the root are page tables
 * now; the root is the VSpace. With a hypervisor and a 40-bit physical address space the
 * VSpace has three levels and its root is the former upper directory, else four.
 * (libsel4 defines seL4_ARM_PageDirectory and seL4_ARM_PageUpperDirectory with a stray
 * semicolon; here they are usable as types.)
 */
#pragma once

#include <sel4/config.h>

#define seL4_ARM_PageDirectory       seL4_ARM_PageTable
#define seL4_ARM_PageDirectory_Map   seL4_ARM_PageTable_Map
#define seL4_ARM_PageDirectory_Unmap seL4_ARM_PageTable_Unmap
#define ARMPageDirectoryMap          ARMPageTableMap
#define ARMPageDirectoryUnmap        ARMPageTableUnmap
#define seL4_PageDirBits             seL4_PageTableBits
#define seL4_PageDirEntryBits        seL4_PageTableEntryBits
#define seL4_PageDirIndexBits        seL4_PageTableIndexBits
#define seL4_ARM_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_PUDEntryBits            3

#if defined(CONFIG_ARM_HYPERVISOR_SUPPORT) && defined(CONFIG_ARM_PA_SIZE_BITS_40)
/* three levels: no global directory; the upper directory is the 13-bit root */
#define seL4_PGDBits                      0
#define seL4_PGDEntryBits                 0
#define seL4_PGDIndexBits                 0
#define seL4_PUDBits                      13
#define seL4_PUDIndexBits                 10
#define seL4_ARM_PageUpperDirectoryObject seL4_ARM_VSpaceObject
#define seL4_ARM_PageUpperDirectory       seL4_ARM_VSpace
#define seL4_ARM_PageGlobalDirectory      seL4_CPtr
#else
/* four levels: the global directory is the root, the upper directory a page table */
#define seL4_PGDBits                       12
#define seL4_PGDEntryBits                  3
#define seL4_PGDIndexBits                  9
#define seL4_PUDBits                       12
#define seL4_PUDIndexBits                  9
#define seL4_ARM_PageGlobalDirectoryObject seL4_ARM_VSpaceObject
#define seL4_ARM_PageGlobalDirectory       seL4_ARM_VSpace
#define seL4_ARM_PageUpperDirectoryObject  seL4_ARM_PageTableObject
#define seL4_ARM_PageUpperDirectory        seL4_ARM_PageTable
#define seL4_ARM_PageUpperDirectory_Map    seL4_ARM_PageTable_Map
#define seL4_ARM_PageUpperDirectory_Unmap  seL4_ARM_PageTable_Unmap
#endif
