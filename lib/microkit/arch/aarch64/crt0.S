/*
 * Entry of a PD on AArch64. The builder starts the PD here with sp at the top of its stack,
 * but a parent's microkit_pd_restart sets only pc: so take the stack from the configuration's
 * constant, clear the frame chain for backtraces, and run start-up from the beginning.
 */
    .section .text._start, "ax"
    .global _start
    .type _start, %function
_start:
    adrp    x0, sel4c_microkit_stack_top
    ldr     x0, [x0, :lo12:sel4c_microkit_stack_top]
    mov     sp, x0
    mov     x29, xzr
    mov     x30, xzr
    bl      sel4c_microkit_start
1:  b       1b
