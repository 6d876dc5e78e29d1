/*
 * Temporary: the back end (CapDL spec, initializer, loader image) is not part of this
 * branch. This stands in for it so that the front end builds and runs; drop it when the
 * real build.c is merged.
 */
#include "build.h"

#include "../common/diag.h"

bool sb_build(const sb_system_t *sys, const sb_kernel_t *k, const sb_build_opts_t *o)
{
    (void)k;
    (void)o;
    diag_error(sys->path, 0, "building images is not implemented in this branch");
    return false;
}
