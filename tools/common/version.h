/* The version of sel4c, one for the whole SDK (mk/version.mk), as every tool prints it. */
#pragma once

#include <stdio.h>

/* Prints "TOOL VERSION" to `f`, the answer of every tool's --version. */
void print_version(FILE *f, const char *tool);
