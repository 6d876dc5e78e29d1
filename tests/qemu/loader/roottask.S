/*
 * Entry of the loader tests' minimal root task: the kernel starts the initial thread with
 * the boot info's address in x0 and no stack; take a static one and call roottask_main.
 */
    .section .text.entry, "ax"
    .global _start
_start:
    adrp    x1, roottask_stack
    add     x1, x1, :lo12:roottask_stack
    add     sp, x1, #4096
    bl      roottask_main
1:  b       1b

    .bss
    .balign 16
roottask_stack:
    .space  4096
