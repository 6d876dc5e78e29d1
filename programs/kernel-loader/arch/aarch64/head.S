/*
 * Entry points of the kernel loader on AArch64. The boot core enters at _start at EL2 or
 * EL1 with the MMU off (QEMU -kernel, U-Boot bootelf); secondary cores enter at
 * secondary_entry through PSCI CPU_ON with their logical index as the context id in x0.
 */
#define STACK_BITS 12

    .section .text.entry, "ax"
    .global _start
_start:
    msr     daifset, #0xf
    adrp    x1, loader_stacks
    add     sp, x1, #(1 << STACK_BITS)
    /* clear .bss: both ends are 16-byte aligned by the linker script */
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
1:  cmp     x1, x2
    b.hs    2f
    stp     xzr, xzr, [x1], #16
    b       1b
2:  bl      arch_install_vectors
    bl      loader_main
3:  wfe
    b       3b

    .text
    .global secondary_entry
secondary_entry:
    msr     daifset, #0xf
    adrp    x1, loader_stacks
    add     x1, x1, x0, lsl #STACK_BITS
    add     sp, x1, #(1 << STACK_BITS)
    mov     x19, x0
    bl      arch_install_vectors
    mov     x0, x19
    bl      loader_secondary_main
1:  wfe
    b       1b
