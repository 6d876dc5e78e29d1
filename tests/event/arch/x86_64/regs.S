/*
 * uint64_t test_regs_across(void (*fn)(void), uint64_t seed): loads every callee-saved
 * register of the System V x86-64 ABI (rbx, rbp, r12-r15) with values made from `seed` and
 * MXCSR's rounding mode with seed's low two bits, calls fn, and returns a mask of those that
 * changed: bits 0..5 rbx, rbp, r12..r15, bit 6 the rounding mode. Zero means fn (and any
 * switches inside it) preserved them all.
 */
    .text
    .global test_regs_across
    .type test_regs_across, @function
test_regs_across:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $24, %rsp              /* seed, saved MXCSR, scratch; keeps rsp 16-aligned */
    movq %rsi, (%rsp)
    stmxcsr 8(%rsp)
    movl 8(%rsp), %eax
    andl $~0x6000, %eax
    movl %esi, %ecx
    andl $3, %ecx
    shll $13, %ecx
    orl %ecx, %eax
    movl %eax, 12(%rsp)
    ldmxcsr 12(%rsp)
    leaq 1(%rsi), %rbx
    leaq 2(%rsi), %rbp
    leaq 3(%rsi), %r12
    leaq 4(%rsi), %r13
    leaq 5(%rsi), %r14
    leaq 6(%rsi), %r15
    callq *%rdi
    movq (%rsp), %rsi
    xorl %eax, %eax
    .macro check reg, off, bit
    leaq \off(%rsi), %rcx
    cmpq %rcx, \reg
    setne %dl
    movzbq %dl, %rdx
    shlq $\bit, %rdx
    orq %rdx, %rax
    .endm
    check %rbx, 1, 0
    check %rbp, 2, 1
    check %r12, 3, 2
    check %r13, 4, 3
    check %r14, 5, 4
    check %r15, 6, 5
    stmxcsr 16(%rsp)
    movl 16(%rsp), %ecx
    cmpl 12(%rsp), %ecx
    setne %dl
    movzbq %dl, %rdx
    shlq $6, %rdx
    orq %rdx, %rax
    ldmxcsr 8(%rsp)
    addq $24, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size test_regs_across, . - test_regs_across

/* A deliberate ABI violation for the check's own test: changes rbx. */
    .global test_clobber
    .type test_clobber, @function
test_clobber:
    xorl %ebx, %ebx
    ret
    .size test_clobber, . - test_clobber

    .section .note.GNU-stack, "", @progbits
