/* ARM mapping helpers: which paging level a failed mapping lacked. */
#pragma once

#include <sel4/sel4_arch/mapping.h>
