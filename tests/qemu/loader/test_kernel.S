/*
 * Entry of the loader's test kernel: the loader enters here with the kernel's arguments in
 * x0-x5 and the core's logical index in TPIDR_EL1. Each core takes its own stack by index.
 */
    .section .text.entry, "ax"
    .global _start
_start:
    mrs     x9, tpidr_el1
    adrp    x10, test_stacks
    add     x10, x10, :lo12:test_stacks
    add     x10, x10, x9, lsl #12
    add     sp, x10, #4096
    mov     x6, x9
    bl      test_kernel_main
1:  wfe
    b       1b

/* AArch64 semihosting call: w0 operation, x1 parameter block; returns x0. */
    .global semihost
semihost:
    hlt     #0xf000
    ret
