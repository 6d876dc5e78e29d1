/* Older ARM names: none beyond the AArch64 ones (sel4/sel4_arch/deprecated.h). */
#pragma once

#include <sel4/config.h>
