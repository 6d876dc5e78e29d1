/* The object sizes of a kernel configuration, for the host tools that write specs. */
#pragma once

#include <stdbool.h>

#include "../../formats/capdl/capdl.h"

/*
 * Fills `z` for the kernel whose gen_config.json is at `path` (NULL: AArch64 without MCS or
 * hypervisor). Returns false (reported, naming the file) if it cannot be read.
 */
bool cdl_sizes_load(const char *path, sel4c_capdl_sizes_t *z);
