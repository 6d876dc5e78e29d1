/* The smallest root task on the sel4c runtime: measures the runtime's start-up and size. */
#include <sel4c/runtime.h>

int main(const seL4_BootInfo *bootinfo)
{
    (void)bootinfo;
    return 0;
}
