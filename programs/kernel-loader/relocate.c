/*
 * Moving the loader to the address it is linked at, for a binary image loaded elsewhere.
 * This runs where the image was loaded, before anything else, on the image's zero padding
 * as stack. Its calls are PC-relative and it uses only its arguments: data would be found
 * PC-relatively too, but adrp is exact only when the image moved by a multiple of 4 KiB.
 * So the entry code passes the lengths, and the failure messages, whose strings are data,
 * print correctly only from such addresses. Only the loader moves; the payload stays where
 * it was loaded and loader_main() copies each region from there.
 */
#include "../../formats/loader/arm64_image.h"
#include "loader.h"

/* `file`: the loader's bytes in the image; `memory`: what it occupies where linked. */
void loader_relocate(uint64_t here, uint64_t linked, uint64_t file, uint64_t memory);
void loader_relocate(uint64_t here, uint64_t linked, uint64_t file, uint64_t memory)
{
    /* in 32-bit halves: the image need only be 4-byte aligned, and with the MMU off an
     * unaligned access faults */
    const volatile uint32_t *field =
        (const volatile uint32_t *)(uintptr_t)(here + ARM64_IMAGE_SIZE);
    uint64_t size = field[0] | (uint64_t)field[1] << 32;
    if (size != 0 && (here >= linked + memory || linked >= here + size)) {
        region_copy(linked, here, file);
        return;
    }
    console_init(LOADER_UART_BASE);
    if (size == 0)
        loader_fail("loaded at %x, but linked at %x and not a binary image: boot the ELF image "
                    "with an ELF loader (QEMU -kernel, U-Boot bootelf), or make a binary one "
                    "(sel4c-add-payload --format binary)",
                    here, linked);
    loader_fail("the image [%x, %x) was loaded over where the loader runs [%x, %x): load it "
                "at %x (where nothing needs to move) or clear of that range",
                here, here + size, linked, linked + memory, linked);
}
