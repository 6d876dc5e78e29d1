/*
 * memcpy, memmove and memset for AArch64 programs (root tasks, processes, Microkit PDs),
 * in place of Debian's picolibc's, which move a byte at a time: copies dominate the network
 * and storage paths (bench/net, bench/storage). 32 bytes per iteration with pairs of 64-bit
 * loads and stores, then 8, then single bytes.
 *
 * Accesses are unaligned when the pointers are: seL4 runs user code with alignment checking
 * off (SCTLR.A clear), as the compiler assumes for normal memory. Not for device memory:
 * registers are accessed with <sel4c/drivers/mmio.h>, never with these.
 */
/* Each function in a section of its own, as the C library's are: link maps (bench/trace)
 * name them, and --gc-sections keeps only those used. */

/* void *memcpy(void *dst, const void *src, size_t n): x0 dst (returned), x1 src, x2 n */
    .section .text.memcpy, "ax", %progbits
    .global memcpy
    .type memcpy, %function
    .p2align 4
memcpy:
    mov     x3, x0
forward:                        /* x3 dst, x1 src, x2 n */
    subs    x2, x2, #32
    b.lo    2f
1:  ldp     x4, x5, [x1]
    ldp     x6, x7, [x1, #16]
    add     x1, x1, #32
    stp     x4, x5, [x3]
    stp     x6, x7, [x3, #16]
    add     x3, x3, #32
    subs    x2, x2, #32
    b.hs    1b
2:  adds    x2, x2, #32         /* 0..31 left */
    b.eq    5f
    subs    x2, x2, #8
    b.lo    4f
3:  ldr     x4, [x1], #8
    str     x4, [x3], #8
    subs    x2, x2, #8
    b.hs    3b
4:  adds    x2, x2, #8          /* 0..7 left */
    b.eq    5f
6:  ldrb    w4, [x1], #1
    strb    w4, [x3], #1
    subs    x2, x2, #1
    b.ne    6b
5:  ret
    .size memcpy, . - memcpy

/* void *memmove(void *dst, const void *src, size_t n): forwards unless dst starts inside
 * src's bytes, backwards then. Each step loads a whole chunk before storing it, so a chunk
 * never reads bytes the same step wrote. */
    .section .text.memmove, "ax", %progbits
    .global memmove
    .type memmove, %function
    .p2align 4
memmove:
    mov     x3, x0
    sub     x4, x0, x1          /* dst - src, unsigned: below n iff dst is in [src, src + n) */
    cmp     x4, x2
    b.hs    forward
    cbz     x4, 5f              /* dst == src */
    add     x1, x1, x2          /* from the ends */
    add     x3, x3, x2
    subs    x2, x2, #32
    b.lo    2f
1:  ldp     x4, x5, [x1, #-16]
    ldp     x6, x7, [x1, #-32]
    sub     x1, x1, #32
    stp     x4, x5, [x3, #-16]
    stp     x6, x7, [x3, #-32]
    sub     x3, x3, #32
    subs    x2, x2, #32
    b.hs    1b
2:  adds    x2, x2, #32
    b.eq    5f
    subs    x2, x2, #8
    b.lo    4f
3:  ldr     x4, [x1, #-8]!
    str     x4, [x3, #-8]!
    subs    x2, x2, #8
    b.hs    3b
4:  adds    x2, x2, #8
    b.eq    5f
6:  ldrb    w4, [x1, #-1]!
    strb    w4, [x3, #-1]!
    subs    x2, x2, #1
    b.ne    6b
5:  ret
    .size memmove, . - memmove

/* void *memset(void *dst, int c, size_t n) */
    .section .text.memset, "ax", %progbits
    .global memset
    .type memset, %function
    .p2align 4
memset:
    mov     x3, x0
    and     x4, x1, #0xff
    mov     x5, #0x0101010101010101
    mul     x4, x4, x5          /* the byte in all eight */
    subs    x2, x2, #32
    b.lo    2f
1:  stp     x4, x4, [x3]
    stp     x4, x4, [x3, #16]
    add     x3, x3, #32
    subs    x2, x2, #32
    b.hs    1b
2:  adds    x2, x2, #32
    b.eq    5f
    subs    x2, x2, #8
    b.lo    4f
3:  str     x4, [x3], #8
    subs    x2, x2, #8
    b.hs    3b
4:  adds    x2, x2, #8
    b.eq    5f
6:  strb    w4, [x3], #1
    subs    x2, x2, #1
    b.ne    6b
5:  ret
    .size memset, . - memset
