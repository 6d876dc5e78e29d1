/* AArch64 object types, numbered after the generic ones. */
#pragma once

#include <sel4/objecttype.h>

typedef enum _mode_object {
    seL4_ARM_HugePageObject = seL4_NonArchObjectTypeCount,
    seL4_ARM_VSpaceObject,
    seL4_ModeObjectTypeCount
} seL4_ModeObjectType;
