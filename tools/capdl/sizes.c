/* The object sizes of a kernel configuration (see sizes.h). */
#include "sizes.h"

#include <stdlib.h>

#include "../common/file_io.h"
#include "../common/sel4_config.h"

bool cdl_sizes_load(const char *path, sel4c_capdl_sizes_t *z)
{
    sel4c_capdl_sizes_aarch64(z, 0, 0);
    if (!path)
        return true;
    size_t size;
    char *text = read_file_all(path, &size);
    config_t cfg = {0};
    bool ok = text && config_load(&cfg, path, text);
    if (ok)
        sel4c_capdl_sizes_aarch64(z, config_defined(&cfg, "KERNEL_MCS"),
                                  config_defined(&cfg, "ARM_HYPERVISOR_SUPPORT"));
    /* the TCB also saves debug registers on these kernels (libsel4's seL4_TCBBits) */
    if (ok && (config_defined(&cfg, "HARDWARE_DEBUG_API") ||
               config_defined(&cfg, "ARM_HYP_ENABLE_VCPU_CP14_SAVE_AND_RESTORE")))
        z->bits[SEL4C_CAPDL_TCB] = 12;
    config_free(&cfg);
    free(text);
    return ok;
}
