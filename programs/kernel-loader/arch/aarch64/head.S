/*
 * Entry points of the kernel loader on AArch64, and the arm64 Image header that makes a raw
 * binary image of it bootable. The boot core enters at the start of the image (the header's
 * branch) when booted as a binary (QEMU -kernel or -device loader, U-Boot booti or go), or
 * at _start when booted as an ELF (QEMU -kernel, U-Boot bootelf); at EL2 or EL1, with the
 * MMU off, or on with an identity map (U-Boot go). A binary loaded elsewhere than where the
 * loader is linked first moves the loader there (loader_relocate, run where it was loaded).
 * Secondary cores enter at secondary_entry through PSCI CPU_ON with their logical index as
 * the context id in x0.
 */
#include "../../../../formats/loader/arm64_image.h"

#define STACK_BITS 12

    .section .text.head, "ax"
    .global loader_image_header
loader_image_header:
    b       _start                      /* code0 */
    .long   0                           /* code1 */
    .quad   0                           /* text_offset: set by sel4c-add-payload */
    .quad   0                           /* image_size: set by it; 0 in an ELF image */
    .quad   ARM64_IMAGE_FLAGS_VALUE
    .quad   0, 0, 0                     /* reserved */
    .long   ARM64_IMAGE_MAGIC_VALUE
    .long   0                           /* no PE/COFF header */

    .section .text.entry, "ax"
    .global _start
_start:
    msr     daifset, #0xf
    bl      arch_leave_firmware_mmu
    adr     x19, loader_image_header    /* where the image was loaded */
    ldr     x20, =loader_image_header   /* where the loader is linked */
    cmp     x19, x20
    b.eq    1f
    /*
     * A stack where the image was loaded: the loader's bss and stacks are zeroes there.
     * Addresses come from link-time values plus the displacement, as adrp is exact only
     * for displacements that are multiples of 4 KiB.
     */
    ldr     x1, =loader_stacks + (1 << STACK_BITS)
    sub     x1, x1, x20
    add     sp, x19, x1
    mov     x0, x19
    mov     x1, x20
    ldr     x2, =__loader_data_end      /* the loader's bytes in the image */
    sub     x2, x2, x20
    ldr     x3, =__loader_end           /* the memory it occupies */
    sub     x3, x3, x20
    bl      loader_relocate
    ic      iallu                       /* the loader's code is new at its linked place */
    dsb     nsh
    isb
1:  ldr     x1, =2f
    br      x1
2:  adrp    x1, loader_stacks
    add     sp, x1, #(1 << STACK_BITS)
    /* clear .bss: both ends are 16-byte aligned by the linker script */
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
3:  cmp     x1, x2
    b.hs    4f
    stp     xzr, xzr, [x1], #16
    b       3b
4:  bl      arch_install_vectors
    mov     x0, x19
    bl      loader_main
5:  wfe
    b       5b
    .ltorg

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
