/*
 * A stand-in for U-Boot's go command: turns the MMU and the caches on at the level it was
 * entered at (EL2 or EL1), with a map of the first 3 GiB (device memory below RAM, normal
 * write-back memory from 0x40000000), and jumps to GO_ADDR, where the test loaded a binary
 * image. The loader must leave this state behind itself. The map is the identity, as
 * U-Boot's, except for the 2 MiB blocks where the test kernels go (0x40000000, 0x60000000):
 * those lead elsewhere, so that a loader that kept this MMU on would place them wrongly.
 */
#define SCTLR_MCI ((1 << 0) | (1 << 2) | (1 << 12))
/* MAIR: index 0 Device-nGnRnE, index 1 normal write-back */
#define MAIR_VALUE 0xff00
/* 39-bit addresses from level 1, 4 KiB granule, write-back walks, inner shareable */
#define TCR_COMMON ((25 << 0) | (1 << 8) | (1 << 10) | (3 << 12))
#define BLOCK_DEVICE ((0 << 2) | (1 << 10) | 1)
#define BLOCK_NORMAL ((1 << 2) | (3 << 8) | (1 << 10) | 1)

    .section .text.entry, "ax"
    .global _start
_start:
    adrp    x0, table
    mov     x1, #BLOCK_DEVICE
    str     x1, [x0]
    adrp    x3, table_ram
    orr     x1, x3, #3                  /* the GiB at 0x40000000 through a level-2 table */
    str     x1, [x0, #8]
    mov     x2, #0x80000000
    mov     x1, #BLOCK_NORMAL
    orr     x1, x1, x2
    str     x1, [x0, #16]
    mov     x2, #0x40000000             /* 2 MiB blocks, identity */
    mov     x4, #512
    mov     x5, x3
3:  mov     x1, #BLOCK_NORMAL
    orr     x1, x1, x2
    str     x1, [x5], #8
    add     x2, x2, #0x200000
    subs    x4, x4, #1
    b.ne    3b
    mov     x1, #BLOCK_NORMAL           /* except where the test kernels go */
    mov     x2, #0x7fc00000
    orr     x2, x1, x2
    str     x2, [x3]
    mov     x2, #0x7fa00000
    orr     x2, x1, x2
    str     x2, [x3, #(256 * 8)]
    dsb     sy
    ldr     x1, =MAIR_VALUE
    mrs     x9, CurrentEL
    cmp     x9, #(2 << 2)
    b.ne    1f
    msr     mair_el2, x1
    ldr     x1, =(TCR_COMMON | (1 << 23) | (1 << 31))
    msr     tcr_el2, x1
    msr     ttbr0_el2, x0
    isb
    tlbi    alle2
    dsb     sy
    isb
    mrs     x1, sctlr_el2
    ldr     x2, =SCTLR_MCI
    orr     x1, x1, x2
    msr     sctlr_el2, x1
    b       2f
1:  msr     mair_el1, x1
    ldr     x1, =(TCR_COMMON | (1 << 23))
    msr     tcr_el1, x1
    msr     ttbr0_el1, x0
    isb
    tlbi    vmalle1
    dsb     sy
    isb
    mrs     x1, sctlr_el1
    ldr     x2, =SCTLR_MCI
    orr     x1, x1, x2
    msr     sctlr_el1, x1
2:  isb
    ldr     x0, =GO_ADDR
    br      x0
    .ltorg

    .section .bss
    .balign 4096
table:
    .space  4096
table_ram:
    .space  4096
