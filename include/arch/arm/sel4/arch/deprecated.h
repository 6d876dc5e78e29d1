/* Older ARM names kept for existing code. */
#pragma once

#include <sel4/sel4_arch/deprecated.h>
