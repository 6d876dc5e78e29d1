/*
 * Leaving the state the boot firmware may have left the core in. U-Boot's go jumps with
 * the MMU and the data cache still on (booti and bootelf turn them off first): the loader
 * writes page tables and the payload with the MMU off, so it turns both off and cleans and
 * invalidates the data cache by set/way to the point of coherency, as the firmware does
 * before it boots an OS, so that no dirty line is lost and no stale one is hit later.
 * The firmware's map is an identity map, so execution continues in place.
 */
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)

    .text
/* Leaf, no stack, clobbers x0-x11. */
    .global arch_leave_firmware_mmu
arch_leave_firmware_mmu:
    mov     x11, #(SCTLR_M | SCTLR_C)
    mrs     x9, CurrentEL
    cmp     x9, #(2 << 2)
    b.ne    1f
    mrs     x10, sctlr_el2
    tst     x10, x11
    b.eq    9f
    bic     x10, x10, x11
    msr     sctlr_el2, x10
    b       2f
1:  mrs     x10, sctlr_el1
    tst     x10, x11
    b.eq    9f
    bic     x10, x10, x11
    msr     sctlr_el1, x10
2:  isb
    /* every data or unified cache level up to the level of coherency (CLIDR_EL1.LoC) */
    mrs     x0, clidr_el1
    ubfx    x3, x0, #24, #3             /* LoC */
    lsl     x3, x3, #1                  /* in CSSELR's level << 1 form */
    mov     x10, #0                     /* level << 1 */
3:  cmp     x10, x3
    b.hs    8f
    add     x2, x10, x10, lsr #1        /* 3 * level: Ctype field */
    lsr     x1, x0, x2
    and     x1, x1, #7
    cmp     x1, #2                      /* 2: data, 3: separate, 4: unified */
    b.lo    7f
    msr     csselr_el1, x10
    isb
    mrs     x1, ccsidr_el1              /* 32-bit format: no FEAT_CCIDX on the cores we boot */
    and     x2, x1, #7
    add     x2, x2, #4                  /* log2(line bytes): set shift */
    ubfx    x4, x1, #3, #10             /* ways - 1 */
    clz     w5, w4                      /* way shift: ways in the top bits */
    ubfx    x7, x1, #13, #15            /* sets - 1 */
4:  mov     x9, x4
5:  lsl     x6, x9, x5
    orr     x11, x10, x6
    lsl     x6, x7, x2
    orr     x11, x11, x6
    dc      cisw, x11
    subs    x9, x9, #1
    b.ge    5b
    subs    x7, x7, #1
    b.ge    4b
7:  add     x10, x10, #2
    b       3b
8:  dsb     sy
    ic      iallu
    mrs     x9, CurrentEL
    cmp     x9, #(2 << 2)
    b.ne    10f
    tlbi    alle2
    b       11f
10: tlbi    vmalle1
11: dsb     sy
    isb
9:  ret
