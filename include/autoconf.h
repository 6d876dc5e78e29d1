/* The kernel's and libsel4's configuration macros (CONFIG_*), under libsel4's old name. */
#pragma once

#include <kernel/gen_config.h>
#include <sel4/gen_config.h>
