/* ARM object types, numbered after the generic and AArch64 ones. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>
#include <sel4/sel4_arch/objecttype.h>

typedef enum _object {
    seL4_ARM_SmallPageObject = seL4_ModeObjectTypeCount,
    seL4_ARM_LargePageObject,
    seL4_ARM_PageTableObject,
#ifdef CONFIG_ARM_HYPERVISOR_SUPPORT
    seL4_ARM_VCPUObject,
#endif
#ifdef CONFIG_TK1_SMMU
    seL4_ARM_IOPageTableObject,
#endif
    seL4_ObjectTypeCount
} seL4_ArchObjectType;

typedef seL4_Word object_t;

/* Out-of-range values for objects this configuration cannot create. */
#ifndef CONFIG_ARM_HYPERVISOR_SUPPORT
#define seL4_ARM_VCPUObject 0xfffe
#endif
#ifndef CONFIG_TK1_SMMU
#define seL4_ARM_IOPageTableObject 0xffff
#endif
