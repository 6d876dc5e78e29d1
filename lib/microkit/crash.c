/*
 * libmicrokit's way to stop a PD on an unrecoverable error, done loudly: the error and a
 * backtrace on the console, then a trap instruction, a fault that the kernel delivers to the
 * PD's parent or the monitor, as a crash under libmicrokit would be.
 */
#include <microkit.h>
#include <sel4c/runtime.h>

void sel4c_microkit_crash(seL4_Error err)
{
    sel4c_microkit_refuse("microkit_internal_crash", "error", (seL4_Word)err,
                          "stopping the PD with a fault");
    sel4c_backtrace();
    for (;;)
        __builtin_trap();
}
