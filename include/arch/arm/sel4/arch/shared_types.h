/* ARM types shared with the kernel: the object types and their sizes. */
#pragma once

#include <sel4/sel4_arch/constants.h>
#include <sel4/sel4_arch/objecttype.h>
#include <sel4/arch/objecttype.h>
