/* The version every tool's --version prints; compiled with -DSEL4C_VERSION (mk/host.mk). */
#include "version.h"

#ifndef SEL4C_VERSION
#error "SEL4C_VERSION comes from mk/version.mk"
#endif

void print_version(FILE *f, const char *tool)
{
    fprintf(f, "%s %s\n", tool, SEL4C_VERSION);
}
