/*
 * The boot info pointer of a root task: its start-up code records what the kernel passed
 * (seL4_InitBootInfo) and the program reads it back (seL4_GetBootInfo). The variable is
 * named and visible as in libsel4, for code that declares it itself.
 */
#include <sel4/sel4.h>

seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
