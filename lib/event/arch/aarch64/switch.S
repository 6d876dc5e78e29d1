/*
 * sel4c_context_switch(from, to) for AArch64 (AAPCS64): saves the callee-saved registers,
 * x19-x28, the frame pointer x29, the link register x30 and the low halves d8-d15 of v8-v15,
 * in a 160-byte frame on the current stack (keeping sp 16-byte aligned), stores sp in
 * from->sp, then loads to->sp and restores that frame. Returning goes to whoever switched
 * away from `to`, or for a new context to sel4c_context_entry (context.c built the frame).
 */
    .text
    .global sel4c_context_switch
    .type sel4c_context_switch, %function
sel4c_context_switch:
    sub sp, sp, #160
    stp x19, x20, [sp, #0]
    stp x21, x22, [sp, #16]
    stp x23, x24, [sp, #32]
    stp x25, x26, [sp, #48]
    stp x27, x28, [sp, #64]
    stp x29, x30, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    mov x9, sp
    str x9, [x0]
    ldr x9, [x1]
    mov sp, x9
    ldp x19, x20, [sp, #0]
    ldp x21, x22, [sp, #16]
    ldp x23, x24, [sp, #32]
    ldp x25, x26, [sp, #48]
    ldp x27, x28, [sp, #64]
    ldp x29, x30, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    add sp, sp, #160
    ret
    .size sel4c_context_switch, . - sel4c_context_switch

/* A new context's first return lands here, with x19 = the task and x20 = its start
 * function (which does not return). x29 and x30 are zero: backtraces end here. */
    .global sel4c_context_entry
    .type sel4c_context_entry, %function
sel4c_context_entry:
    mov x0, x19
    blr x20
    brk #0
    .size sel4c_context_entry, . - sel4c_context_entry

    .section .note.GNU-stack, "", %progbits
