/*
 * sel4c_context_switch(from, to) for x86-64 (System V ABI): saves the callee-saved
 * registers rbx, rbp, r12-r15 and the callee-saved control state (MXCSR's control bits, the
 * x87 control word) below the return address, stores rsp in from->sp, then loads to->sp and
 * restores that frame. The frame is 64 bytes with the return address, so rsp keeps the
 * alignment the ABI requires. Returning goes to whoever switched away from `to`, or for a
 * new context to sel4c_context_entry (context.c built the frame).
 */
    .text
    .global sel4c_context_switch
    .type sel4c_context_switch, @function
sel4c_context_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq (%rsi), %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size sel4c_context_switch, . - sel4c_context_switch

/* A new context's first return lands here, with r12 = the task and r13 = its start function
 * (which does not return); rsp is 16-byte aligned, as before a call. */
    .global sel4c_context_entry
    .type sel4c_context_entry, @function
sel4c_context_entry:
    movq %r12, %rdi
    callq *%r13
    ud2
    .size sel4c_context_entry, . - sel4c_context_entry

    .section .note.GNU-stack, "", @progbits
