/*
 * uint64_t test_regs_across(void (*fn)(void), uint64_t seed): loads every callee-saved
 * register of AAPCS64 but the frame pointer and link register (x19-x28, d8-d15) with values
 * made from `seed`, calls fn, and returns a mask of those that changed: bit i for x(19+i),
 * bit 10+i for d(8+i). Zero means fn (and any switches inside it) preserved them all.
 */
    .text
    .global test_regs_across
    .type test_regs_across, %function
test_regs_across:
    stp x29, x30, [sp, #-176]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    str x1, [sp, #160]
    add x19, x1, #1
    add x20, x1, #2
    add x21, x1, #3
    add x22, x1, #4
    add x23, x1, #5
    add x24, x1, #6
    add x25, x1, #7
    add x26, x1, #8
    add x27, x1, #9
    add x28, x1, #10
    add x9, x1, #11
    fmov d8, x9
    add x9, x1, #12
    fmov d9, x9
    add x9, x1, #13
    fmov d10, x9
    add x9, x1, #14
    fmov d11, x9
    add x9, x1, #15
    fmov d12, x9
    add x9, x1, #16
    fmov d13, x9
    add x9, x1, #17
    fmov d14, x9
    add x9, x1, #18
    fmov d15, x9
    blr x0
    ldr x1, [sp, #160]
    mov x0, #0
    .macro check_x reg, off, bit
    add x9, x1, #\off
    cmp \reg, x9
    cset x10, ne
    orr x0, x0, x10, lsl #\bit
    .endm
    .macro check_d reg, off, bit
    add x9, x1, #\off
    fmov x11, \reg
    cmp x11, x9
    cset x10, ne
    orr x0, x0, x10, lsl #\bit
    .endm
    check_x x19, 1, 0
    check_x x20, 2, 1
    check_x x21, 3, 2
    check_x x22, 4, 3
    check_x x23, 5, 4
    check_x x24, 6, 5
    check_x x25, 7, 6
    check_x x26, 8, 7
    check_x x27, 9, 8
    check_x x28, 10, 9
    check_d d8, 11, 10
    check_d d9, 12, 11
    check_d d10, 13, 12
    check_d d11, 14, 13
    check_d d12, 15, 14
    check_d d13, 16, 15
    check_d d14, 17, 16
    check_d d15, 18, 17
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldp x29, x30, [sp], #176
    ret
    .size test_regs_across, . - test_regs_across

/* A deliberate ABI violation for the check's own test: changes x19 and d15. */
    .global test_clobber
    .type test_clobber, %function
test_clobber:
    mov x19, xzr
    fmov d15, xzr
    ret
    .size test_clobber, . - test_clobber

    .section .note.GNU-stack, "", %progbits
