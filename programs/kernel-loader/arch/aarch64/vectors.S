/*
 * Exception vectors of the loader, for EL2 and EL1: the loader expects no exception, so any
 * is reported (syndrome, address, fault address) on the console before the core halts.
 */
    .section .text.vectors, "ax"
    .balign 2048
    .global loader_vectors
loader_vectors:
    .irp slot, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 128
    mov     x0, #\slot
    b       unexpected_exception
    .endr

unexpected_exception:
    mrs     x9, CurrentEL
    cmp     x9, #(2 << 2)
    b.ne    1f
    mrs     x1, esr_el2
    mrs     x2, elr_el2
    mrs     x3, far_el2
    b       loader_exception
1:  mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    b       loader_exception

/* Installs the vectors for the current exception level (and for EL1 when at EL2). */
    .global arch_install_vectors
arch_install_vectors:
    adrp    x0, loader_vectors
    add     x0, x0, :lo12:loader_vectors
    msr     vbar_el1, x0
    mrs     x9, CurrentEL
    cmp     x9, #(2 << 2)
    b.ne    1f
    msr     vbar_el2, x0
1:  isb
    ret
