/* Exception-level, MMU, PSCI and kernel-entry primitives of the loader on AArch64. */

/* SCTLR bits: M (MMU), C (data cache), I (instruction cache) */
#define SCTLR_MCI ((1 << 0) | (1 << 2) | (1 << 12))
/* Memory attributes by index, as the kernel expects them: index 4 is normal memory. */
#define MAIR_VALUE 0x0000aaff440c0400
/* 48-bit VAs, 4 KiB granules, write-back walks, inner shareable, 16-bit ASIDs */
#define TCR_EL1_VALUE ((16 << 0) | (16 << 16) | (1 << 8) | (1 << 24) | (1 << 10) | (1 << 26) \
                       | (3 << 12) | (3 << 28) | (0 << 14) | (2 << 30) | (1 << 36))
#define TCR_EL2_VALUE ((16 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (1 << 31))

    .text

    .global arch_current_el
arch_current_el:
    mrs     x0, CurrentEL
    lsr     x0, x0, #2
    ret

    .global arch_mpidr
arch_mpidr:
    mrs     x0, mpidr_el1
    and     x0, x0, #0xffffff
    mrs     x1, mpidr_el1
    and     x1, x1, #(0xff << 32)
    orr     x0, x0, x1
    ret

/*
 * Leaves EL2 for EL1 (AArch64, interrupts masked), on the same stack, returning to the
 * caller at EL1. EL1 gets the physical timer and counter and its real MPIDR, and nothing
 * traps to EL2, so a kernel without hypervisor support sees a plain EL1.
 */
    .global arch_drop_to_el1
arch_drop_to_el1:
    mov     x9, #(1 << 31)              /* HCR_EL2.RW: EL1 is AArch64 */
    msr     hcr_el2, x9
    mov     x9, #0x33ff                 /* CPTR_EL2: no FP/SIMD traps */
    msr     cptr_el2, x9
    msr     hstr_el2, xzr
    msr     vttbr_el2, xzr
    mov     x9, #3                      /* CNTHCTL_EL2: EL1PCTEN | EL1PCEN */
    msr     cnthctl_el2, x9
    msr     cntvoff_el2, xzr
    mrs     x9, midr_el1
    msr     vpidr_el2, x9
    mrs     x9, mpidr_el1
    msr     vmpidr_el2, x9
    mrs     x9, sctlr_el1
    mov     x10, #SCTLR_MCI
    bic     x9, x9, x10
    msr     sctlr_el1, x9
    mov     x9, #0x3c5                  /* SPSR: D, A, I, F masked; EL1h */
    msr     spsr_el2, x9
    mov     x9, sp
    msr     sp_el1, x9
    msr     elr_el2, x30
    isb
    eret

/*
 * Turns the MMU on at EL1 with the given tables (x0: TTBR0, x1: TTBR1); the loader keeps
 * running through its identity mapping in TTBR0.
 */
    .global arch_enable_mmu_el1
arch_enable_mmu_el1:
    ldr     x9, =MAIR_VALUE
    msr     mair_el1, x9
    ldr     x9, =TCR_EL1_VALUE
    mrs     x10, id_aa64mmfr0_el1
    bfi     x9, x10, #32, #3            /* IPS: the physical address size the CPU has */
    msr     tcr_el1, x9
    msr     ttbr0_el1, x0
    msr     ttbr1_el1, x1
    isb
    tlbi    vmalle1
    dsb     nsh
    ic      iallu
    dsb     nsh
    isb
    mrs     x9, sctlr_el1
    mov     x10, #SCTLR_MCI
    orr     x9, x9, x10
    msr     sctlr_el1, x9
    isb
    ret

/* Turns the MMU on at EL2 with the table in x0 (one address space: identity and kernel). */
    .global arch_enable_mmu_el2
arch_enable_mmu_el2:
    ldr     x9, =MAIR_VALUE
    msr     mair_el2, x9
    ldr     x9, =TCR_EL2_VALUE
    mrs     x10, id_aa64mmfr0_el1
    bfi     x9, x10, #16, #3            /* PS */
    msr     tcr_el2, x9
    msr     ttbr0_el2, x0
    isb
    tlbi    alle2
    dsb     nsh
    ic      iallu
    dsb     nsh
    isb
    mrs     x9, sctlr_el2
    mov     x10, #SCTLR_MCI
    orr     x9, x9, x10
    msr     sctlr_el2, x9
    isb
    ret

/*
 * Enters the kernel: x0-x5 are its arguments, x6 its entry point, x7 this core's logical
 * index, which the kernel reads from TPIDR_EL1 to pick its stack.
 */
    .global arch_enter_kernel
arch_enter_kernel:
    msr     tpidr_el1, x7
    isb
    br      x6

/* PSCI call through SMC or HVC: x0 function, x1-x3 arguments; returns x0. */
    .global arch_psci_smc
arch_psci_smc:
    smc     #0
    ret
    .global arch_psci_hvc
arch_psci_hvc:
    hvc     #0
    ret

/*
 * Copies x2 bytes from x1 to x0 (both 16-byte aligned, x2 a multiple of 16; the regions
 * may overlap only with x0 <= x1), 64 bytes per iteration where it can.
 */
    .global arch_copy
arch_copy:
1:  cmp     x2, #64
    b.lo    2f
    ldp     x3, x4, [x1], #16
    ldp     x5, x6, [x1], #16
    ldp     x7, x8, [x1], #16
    ldp     x9, x10, [x1], #16
    stp     x3, x4, [x0], #16
    stp     x5, x6, [x0], #16
    stp     x7, x8, [x0], #16
    stp     x9, x10, [x0], #16
    sub     x2, x2, #64
    b       1b
2:  cbz     x2, 3f
    ldp     x3, x4, [x1], #16
    stp     x3, x4, [x0], #16
    sub     x2, x2, #16
    b       2b
3:  ret

/*
 * The same from the top down, for a destination above an overlapping source: copies x2
 * bytes from x1 to x0 (both 16-byte aligned, x2 a multiple of 16), highest bytes first.
 */
    .global arch_copy_down
arch_copy_down:
    add     x0, x0, x2
    add     x1, x1, x2
1:  cmp     x2, #64
    b.lo    2f
    ldp     x3, x4, [x1, #-16]!
    ldp     x5, x6, [x1, #-16]!
    ldp     x7, x8, [x1, #-16]!
    ldp     x9, x10, [x1, #-16]!
    stp     x3, x4, [x0, #-16]!
    stp     x5, x6, [x0, #-16]!
    stp     x7, x8, [x0, #-16]!
    stp     x9, x10, [x0, #-16]!
    sub     x2, x2, #64
    b       1b
2:  cbz     x2, 3f
    ldp     x3, x4, [x1, #-16]!
    stp     x3, x4, [x0, #-16]!
    sub     x2, x2, #16
    b       2b
3:  ret

/* Zeroes x1 bytes at x0 (16-byte aligned, x1 a multiple of 16), 64 bytes per iteration. */
    .global arch_zero
arch_zero:
1:  cmp     x1, #64
    b.lo    2f
    stp     xzr, xzr, [x0], #16
    stp     xzr, xzr, [x0], #16
    stp     xzr, xzr, [x0], #16
    stp     xzr, xzr, [x0], #16
    sub     x1, x1, #64
    b       1b
2:  cbz     x1, 3f
    stp     xzr, xzr, [x0], #16
    sub     x1, x1, #16
    b       2b
3:  ret
