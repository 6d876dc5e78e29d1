/* ARM: the word size comes from the AArch32 or AArch64 headers. */
#pragma once

#include <sel4/sel4_arch/simple_types.h>
