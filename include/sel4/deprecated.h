/* Older libsel4 names kept for existing code. */
#pragma once

#include <sel4/types.h>
#include <sel4/arch/deprecated.h>

#define seL4_PageDirBits seL4_VSpaceBits
