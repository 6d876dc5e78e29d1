/*
 * The test's own entry for a root task, instead of sel4c's runtime: the kernel starts the
 * initial thread with the boot info's address in x0 and no stack.
 */
    .section .text._start, "ax"
    .global _start
_start:
    adrp    x1, stack_top
    add     x1, x1, :lo12:stack_top
    mov     sp, x1
    mov     x29, xzr
    mov     x30, xzr
    bl      test_start
1:  b       1b

    .bss
    .balign 16
    .space  16384
stack_top:
