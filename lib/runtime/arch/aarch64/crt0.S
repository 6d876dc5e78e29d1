/*
 * Entry of a root task on AArch64: the kernel starts the initial thread with the boot info's
 * address in x0 and no stack. Take the runtime's stack, clear the frame pointer so that
 * backtraces end here, and start the runtime.
 */
    .section .text._start, "ax"
    .global _start
_start:
    adrp    x1, __sel4c_stack_top
    add     x1, x1, :lo12:__sel4c_stack_top
    mov     sp, x1
    mov     x29, xzr
    mov     x30, xzr
    bl      sel4c_root_task_start
1:  b       1b
