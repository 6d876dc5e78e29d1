/* ARM constants: none beyond the CPU's (sel4/plat/api/constants.h), as in libsel4. */
#pragma once

#include <sel4/config.h>
